/**
 * A small reader for the tar archives the predecessor's session bundles may hold (§6.4: the
 * container inside the gzip is a tar or a JSON map; L). It reads what Python's `tarfile` writes
 * by default — ustar headers, PAX extended headers (`x`), GNU long names (`L`) — and returns the
 * regular files. Links and devices are refused: a login is four small regular files.
 */

/** One regular file of the archive. */
export interface TarFile {
  path: string;
  content: Buffer;
}

/** A malformed or unacceptable archive; the message never quotes file content. */
export class TarError extends Error {}

const BLOCK = 512;

/** True when `data` looks like a ustar/pax/gnu archive (`ustar` at offset 257). */
export function isTar(data: Buffer): boolean {
  return data.length >= BLOCK && data.toString('latin1', 257, 262) === 'ustar';
}

function text(block: Buffer, start: number, length: number): string {
  const raw = block.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? raw.length : end).toString('utf8');
}

function octal(block: Buffer, start: number, length: number): number {
  const s = text(block, start, length).trim();
  if (!/^[0-7]*$/.test(s)) throw new TarError('The archive has a corrupt header.');
  return s === '' ? 0 : parseInt(s, 8);
}

function checksumOk(block: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (block[i] as number);
  return sum === octal(block, 148, 8);
}

/** PAX records: `<len> <key>=<value>\n`; only `path` matters here. */
function paxPath(data: Buffer): string | undefined {
  let at = 0;
  let path: string | undefined;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    if (space < 0) break;
    const len = Number(data.toString('latin1', at, space));
    if (!Number.isInteger(len) || len <= 0) break;
    const record = data.toString('utf8', space + 1, at + len - 1);
    const eq = record.indexOf('=');
    if (eq > 0 && record.slice(0, eq) === 'path') path = record.slice(eq + 1);
    at += len;
  }
  return path;
}

/** Every regular file, in archive order. Throws TarError on anything malformed or refused. */
export function readTar(data: Buffer): TarFile[] {
  const files: TarFile[] = [];
  let at = 0;
  let nextPath: string | undefined;
  for (;;) {
    if (at === data.length) break; // no end blocks: tolerated, nothing is missing
    if (at + BLOCK > data.length) throw new TarError('The archive is truncated.');
    const header = data.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) break; // end of archive
    if (!checksumOk(header)) throw new TarError('The archive has a corrupt header.');
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] as number);
    const bodyStart = at + BLOCK;
    const body = data.subarray(bodyStart, bodyStart + size);
    if (body.length !== size) throw new TarError('The archive is truncated.');
    at = bodyStart + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'x') {
      nextPath = paxPath(body) ?? nextPath;
      continue;
    }
    if (type === 'L') {
      nextPath = text(body, 0, body.length);
      continue;
    }
    if (type === 'g') continue; // global PAX header: nothing a login needs
    const prefix = text(header, 345, 155);
    const name = text(header, 0, 100);
    const path = nextPath ?? (prefix ? `${prefix}/${name}` : name);
    nextPath = undefined;
    if (type === '5') continue; // a directory
    if (type !== '0' && type !== '\0' && type !== '7') {
      throw new TarError('The archive holds links or special files; a login is plain files.');
    }
    files.push({ path, content: Buffer.from(body) });
  }
  return files;
}
