/**
 * The Marketplace sometimes serves the VSIX as a gzip file (not as HTTP Content-Encoding, which
 * fetch would undo for us) and sometimes as a plain zip. This transform looks at the first two
 * bytes and either gunzips everything or passes it through untouched.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { createGunzip, type Gunzip } from 'node:zlib';

/** True when `bytes` start with the gzip magic number. */
export function looksGzipped(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** A Transform that gunzips its input if (and only if) it starts with the gzip magic. */
export class GunzipIfGzipped extends Transform {
  /** undefined until decided; null means pass-through. */
  private gunzip: Gunzip | null | undefined;
  private head = Buffer.alloc(0);

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.gunzip === undefined) {
      this.head = Buffer.concat([this.head, chunk]);
      // A one-byte first chunk is legal HTTP; wait for enough bytes to decide.
      if (this.head.length < 2) return done();
      chunk = this.head;
      this.head = Buffer.alloc(0);
      this.gunzip = looksGzipped(chunk) ? this.startGunzip() : null;
    }
    if (this.gunzip) this.gunzip.write(chunk, (error) => done(error ?? null));
    else done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    if (this.gunzip === undefined) return done(null, this.head);
    if (this.gunzip === null) return done();
    this.gunzip.once('end', () => done());
    this.gunzip.end();
  }

  override _destroy(error: Error | null, done: (error: Error | null) => void): void {
    this.gunzip?.destroy();
    done(error);
  }

  private startGunzip(): Gunzip {
    const gunzip = createGunzip();
    gunzip.on('data', (data: Buffer) => this.push(data));
    gunzip.on('error', (error) => this.destroy(error));
    return gunzip;
  }
}
