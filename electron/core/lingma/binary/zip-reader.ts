/**
 * A minimal random-access zip reader: parses the central directory of a zip that sits in a file
 * (optionally at an offset inside a bigger file) and streams single entries out through zlib.
 *
 * Why not fflate's streaming `Unzip`: the VSIX is ~200 MB and VSIX writers set the "data
 * descriptor" flag, which makes a streaming reader guess where an entry ends by scanning its
 * compressed bytes for a signature. Over hundreds of megabytes that guess goes wrong often
 * enough to matter, and a stored inner zip is full of such signatures. Reading the central
 * directory instead gives exact sizes and CRCs while memory stays at one directory plus
 * stream buffers.
 */
import { open, stat } from 'node:fs/promises';
import { createReadStream, createWriteStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw, crc32 } from 'node:zlib';
import { LingmaBinaryError } from './errors';

/** A zip stored in `path` from byte `start` for `length` bytes (a nested, stored zip). */
export interface ZipSource {
  path: string;
  start: number;
  length: number;
}

/** One central-directory record. Names use `/` even if the writer used `\`. */
export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflate; nothing else is supported. */
  method: number;
  crc32: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
/** A VSIX directory is a few MB at most; anything far larger is garbage, not a zip. */
const MAX_DIRECTORY_BYTES = 64 * 1024 * 1024;

function damaged(detail: string): LingmaBinaryError {
  return new LingmaBinaryError(
    'bad-archive',
    `The Lingma package is not a valid zip archive (${detail}). The download may be corrupt; try again.`,
  );
}

/** The whole file as a zip source. */
export async function fileZipSource(path: string): Promise<ZipSource> {
  return { path, start: 0, length: (await stat(path)).size };
}

async function readAt(source: ZipSource, offset: number, length: number): Promise<Buffer> {
  if (offset < 0 || length < 0 || offset + length > source.length) {
    throw damaged('a record points outside the file');
  }
  const handle = await open(source.path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, source.start + offset);
    if (bytesRead !== length) throw damaged('unexpected end of file');
    return buffer;
  } finally {
    await handle.close();
  }
}

function u64(buffer: Buffer, offset: number): number {
  return Number(buffer.readBigUInt64LE(offset));
}

async function findDirectory(source: ZipSource): Promise<{ offset: number; size: number }> {
  const tailLength = Math.min(source.length, 22 + 0xffff + 20);
  const tailStart = source.length - tailLength;
  const tail = await readAt(source, tailStart, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged('no end-of-central-directory record');
  let size = tail.readUInt32LE(eocd + 12);
  let offset = tail.readUInt32LE(eocd + 16);
  const needs64 =
    size === 0xffffffff || offset === 0xffffffff || tail.readUInt16LE(eocd + 10) === 0xffff;
  if (needs64 && eocd >= 20 && tail.readUInt32LE(eocd - 20) === ZIP64_LOCATOR_SIG) {
    const record = await readAt(source, u64(tail, eocd - 20 + 8), 56);
    if (record.readUInt32LE(0) !== ZIP64_EOCD_SIG) throw damaged('bad zip64 directory record');
    size = u64(record, 40);
    offset = u64(record, 48);
  }
  if (size > MAX_DIRECTORY_BYTES) throw damaged('central directory too large');
  return { offset, size };
}

/** Applies the zip64 extra field (id 1), which holds the values that overflowed 32 bits. */
function applyZip64(entry: ZipEntry, extra: Buffer): void {
  for (let i = 0; i + 4 <= extra.length;) {
    const id = extra.readUInt16LE(i);
    const len = extra.readUInt16LE(i + 2);
    if (id === 1) {
      let p = i + 4;
      const take = (): number => {
        if (p + 8 > i + 4 + len) throw damaged('short zip64 field');
        const value = u64(extra, p);
        p += 8;
        return value;
      };
      if (entry.size === 0xffffffff) entry.size = take();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = take();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = take();
      return;
    }
    i += 4 + len;
  }
}

/** Lists the file entries of a zip (directory entries are left out). */
export async function readZipEntries(source: ZipSource): Promise<ZipEntry[]> {
  const { offset, size } = await findDirectory(source);
  const directory = await readAt(source, offset, size);
  const entries: ZipEntry[] = [];
  for (let p = 0; p + 46 <= directory.length;) {
    if (directory.readUInt32LE(p) !== CENTRAL_SIG) throw damaged('bad central directory entry');
    const nameLength = directory.readUInt16LE(p + 28);
    const extraLength = directory.readUInt16LE(p + 30);
    const commentLength = directory.readUInt16LE(p + 32);
    const nameEnd = p + 46 + nameLength;
    const entry: ZipEntry = {
      name: directory.toString('utf8', p + 46, nameEnd).replace(/\\/g, '/'),
      method: directory.readUInt16LE(p + 10),
      crc32: directory.readUInt32LE(p + 16),
      compressedSize: directory.readUInt32LE(p + 20),
      size: directory.readUInt32LE(p + 24),
      localHeaderOffset: directory.readUInt32LE(p + 42),
    };
    applyZip64(entry, directory.subarray(nameEnd, nameEnd + extraLength));
    if (!entry.name.endsWith('/')) entries.push(entry);
    p = nameEnd + extraLength + commentLength;
  }
  return entries;
}

/** Where an entry's (possibly compressed) bytes start, relative to the source. */
export async function entryDataOffset(source: ZipSource, entry: ZipEntry): Promise<number> {
  const header = await readAt(source, entry.localHeaderOffset, 30);
  if (header.readUInt32LE(0) !== LOCAL_SIG) throw damaged(`bad local header for ${entry.name}`);
  const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (start + entry.compressedSize > source.length) throw damaged(`${entry.name} is truncated`);
  return start;
}

/** Counts and checksums bytes on their way through, refusing more than the declared size. */
class Meter extends Transform {
  crc = 0;
  bytes = 0;

  constructor(
    private readonly limit: number,
    private readonly onBytes: (bytes: number) => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) return done(damaged('an entry is larger than declared'));
    this.crc = crc32(chunk, this.crc);
    this.onBytes(chunk.length);
    done(null, chunk);
  }
}

/** Options for {@link extractEntry}. */
export interface ExtractEntryOptions {
  /** File mode for the new file (chmod is applied again by the caller where it matters). */
  mode?: number;
  signal?: AbortSignal;
  /** Called with each chunk's size as it is written. */
  onBytes?: (bytes: number) => void;
}

/**
 * Streams one entry into `destination` (created or truncated) and checks its size and CRC-32.
 * On failure the caller owns the cleanup of `destination`.
 */
export async function extractEntry(
  source: ZipSource,
  entry: ZipEntry,
  destination: string,
  options: ExtractEntryOptions = {},
): Promise<void> {
  if (entry.method !== 0 && entry.method !== 8) {
    throw damaged(`${entry.name} uses unsupported compression method ${entry.method}`);
  }
  const start = source.start + (await entryDataOffset(source, entry));
  const meter = new Meter(entry.size, options.onBytes ?? (() => undefined));
  const raw = createReadStream(source.path, { start, end: start + entry.compressedSize - 1 });
  const output = createWriteStream(destination, { mode: options.mode ?? 0o644 });
  const signal = options.signal ? { signal: options.signal } : {};
  try {
    if (entry.compressedSize === 0) {
      // createReadStream cannot express an empty range (its end is inclusive).
      raw.destroy();
      await pipeline([], meter, output, signal);
    } else if (entry.method === 8) {
      await pipeline(raw, createInflateRaw(), meter, output, signal);
    } else {
      await pipeline(raw, meter, output, signal);
    }
  } catch (error) {
    // zlib reports corrupt deflate data with Z_* codes; everything else (abort, disk) passes on.
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('Z_')) {
      throw damaged(`${entry.name} does not decompress: ${(error as Error).message}`);
    }
    throw error;
  }
  if (meter.bytes !== entry.size) throw damaged(`${entry.name} has the wrong size`);
  if (meter.crc >>> 0 !== entry.crc32 >>> 0) throw damaged(`${entry.name} failed its CRC check`);
}
