/**
 * Test-only: writes ustar archives by hand, including the ones a bundle must refuse (links,
 * traversal, bad checksums). Real predecessor bundles come from make-pred-bundles.py.
 */
export interface TarEntry {
  name: string;
  content?: string | Buffer;
  /** '0' file (default), '5' directory, '2' symlink, 'x' PAX header for the next entry. */
  type?: string;
}

function field(block: Buffer, at: number, length: number, value: string): void {
  block.write(value.slice(0, length), at, 'utf8');
}

function header(name: string, size: number, type: string): Buffer {
  const b = Buffer.alloc(512);
  field(b, 0, 100, name);
  field(b, 100, 8, '0000600\0');
  field(b, 108, 8, '0000000\0');
  field(b, 116, 8, '0000000\0');
  field(b, 124, 12, `${size.toString(8).padStart(11, '0')}\0`);
  field(b, 136, 12, '00000000000\0');
  b.fill(0x20, 148, 156);
  field(b, 156, 1, type);
  field(b, 257, 6, 'ustar\0');
  field(b, 263, 2, '00');
  let sum = 0;
  for (const byte of b) sum += byte;
  field(b, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return b;
}

export function writeTar(entries: TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const body = Buffer.isBuffer(e.content) ? e.content : Buffer.from(e.content ?? '', 'utf8');
    parts.push(header(e.name, body.length, e.type ?? '0'), body);
    const pad = (512 - (body.length % 512)) % 512;
    parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

/** A PAX record `<len> path=<value>\n` (the length counts itself). */
export function paxPath(path: string): string {
  const body = ` path=${path}\n`;
  let len = body.length + 1;
  while (`${len}${body}`.length !== len) len += 1;
  return `${len}${body}`;
}
