/**
 * Buffered, rotating JSON Lines writer. Appends go to memory and reach the file on `flush()`
 * (the store calls it on a short timer), so a burst of requests costs one write, and a crash
 * loses at most what was buffered since the last flush. Writes are synchronous: a flush is a few
 * hundred KiB at most and keeping it synchronous means no two flushes ever interleave.
 *
 * No fsync: a killed process loses nothing the kernel already has; only a power cut can lose
 * more, which is acceptable for a request log.
 */
import {
  chmodSync,
  closeSync,
  mkdirSync,
  openSync,
  readSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileName, listLogFiles, localDay, type LogFile } from './log-files';

/** Log files are readable by their owner only; so is their directory. */
export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

/** Opens a log file for appending; a file created by an older build (0644) is tightened. */
function openLog(path: string): number {
  const fd = openSync(path, 'a', FILE_MODE);
  tighten(path, FILE_MODE);
  return fd;
}

/** chmod where the mode is looser than wanted (POSIX; Windows ignores modes). */
function tighten(path: string, mode: number): void {
  if (process.platform === 'win32') return;
  try {
    if ((statSync(path).mode & 0o777) !== mode) chmodSync(path, mode);
  } catch {
    // Best effort: the write itself reports real problems.
  }
}

/** Where a line was (or will be, once flushed) written. */
export interface EntryLocation {
  file: LogFile;
  offset: number;
  /** Bytes, without the newline. */
  length: number;
}

/** Directory, clock and size limits of a writer. */
export interface JsonlWriterOptions {
  dir: string;
  now: () => number;
  /** A file is rolled over to the next part once it would exceed this size. */
  maxFileBytes: number;
  /** Buffered bytes that trigger an immediate flush. */
  flushBytes?: number;
  /** While the disk fails, buffered bytes beyond this are dropped rather than kept forever. */
  maxPendingBytes?: number;
  onError?: (err: unknown) => void;
}

/** See the file comment. `open()` before the first `append()`. */
export class JsonlWriter {
  private files: LogFile[] = [];
  private current: LogFile | undefined;
  private fd: number | undefined;
  private pending: string[] = [];
  private pendingBytes = 0;
  /** Bytes of a failed write that did not reach the file, kept in front of `pending`. */
  private carry: Buffer | undefined;
  /** Files never to append to again (a write to them failed for good). */
  private readonly sealed = new Set<LogFile>();
  private readonly flushBytes: number;
  private readonly maxPendingBytes: number;

  constructor(private readonly o: JsonlWriterOptions) {
    this.flushBytes = o.flushBytes ?? 1024 * 1024;
    this.maxPendingBytes = o.maxPendingBytes ?? 32 * 1024 * 1024;
  }

  /**
   * Creates the directory (0700: request bodies are the user's prompts and code) and takes stock
   * of the files already there. A directory left 0755 by an older build is tightened.
   */
  open(): void {
    mkdirSync(this.o.dir, { recursive: true, mode: DIR_MODE });
    tighten(this.o.dir, DIR_MODE);
    this.files = listLogFiles(this.o.dir);
    this.current = undefined;
  }

  /** Files oldest first (deleted ones excluded). */
  list(): readonly LogFile[] {
    return this.files;
  }

  get active(): LogFile | undefined {
    return this.current;
  }

  path(file: LogFile): string {
    return join(this.o.dir, file.name);
  }

  /** Buffers one line (no newline inside) and tells where it will sit in its file. */
  append(line: string): EntryLocation {
    const length = Buffer.byteLength(line, 'utf8');
    const day = localDay(this.o.now());
    let file = this.current;
    const used = file ? file.size + this.buffered() : 0;
    if (!file || file.day !== day || (used > 0 && used + length + 1 > this.o.maxFileBytes)) {
      file = this.rotate(day);
    }
    const offset = file.size + this.buffered();
    this.pending.push(line, '\n');
    this.pendingBytes += length + 1;
    if (this.pendingBytes >= this.flushBytes) this.flush();
    return { file, offset, length };
  }

  /** True when the line at `loc` is still only in memory. */
  isBuffered(loc: EntryLocation): boolean {
    return loc.file === this.current && loc.offset + loc.length > loc.file.size;
  }

  /** Writes everything buffered. Never throws: failures go to `onError`. */
  flush(): void {
    const file = this.current;
    if (!file || (this.pendingBytes === 0 && !this.carry)) return;
    const fresh = Buffer.from(this.pending.join(''), 'utf8');
    const buf = this.carry ? Buffer.concat([this.carry, fresh]) : fresh;
    this.pending = [];
    this.pendingBytes = 0;
    this.carry = undefined;
    let written = 0;
    try {
      this.fd ??= openLog(this.path(file));
      while (written < buf.length) written += writeSync(this.fd, buf, written);
      file.size += written;
    } catch (err) {
      file.size += written;
      this.o.onError?.(err);
      if (buf.length - written <= this.maxPendingBytes) this.carry = buf.subarray(written);
      else this.abandon(file);
    }
  }

  /** Deletes files (retention). The active file is never passed here. */
  remove(doomed: readonly LogFile[]): void {
    for (const f of doomed) {
      try {
        unlinkSync(this.path(f));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.o.onError?.(err);
      }
      f.deleted = true;
    }
    this.files = this.files.filter((f) => !f.deleted);
  }

  close(): void {
    this.flush();
    this.closeFd();
    this.current = undefined;
  }

  private buffered(): number {
    return this.pendingBytes + (this.carry?.length ?? 0);
  }

  private rotate(day: string): LogFile {
    this.flush();
    if (this.carry) {
      // The old file keeps refusing writes; its last lines are lost (reads of them fail cleanly).
      this.carry = undefined;
      if (this.current) this.sealed.add(this.current);
    }
    this.closeFd();
    const sameDay = this.files.filter((f) => f.day === day);
    const last = sameDay[sameDay.length - 1];
    // After a restart, keep filling today's last file while it has room.
    if (
      last &&
      last !== this.current &&
      !this.sealed.has(last) &&
      last.size < this.o.maxFileBytes
    ) {
      this.current = last;
      this.repairTail(last);
      return last;
    }
    const part = last ? last.part + 1 : 0;
    const next: LogFile = { name: fileName(day, part), day, part, size: 0 };
    this.files.push(next);
    this.current = next;
    return next;
  }

  /** A crash can leave half a line; end it so the next line starts clean (readers skip it). */
  private repairTail(file: LogFile): void {
    if (file.size === 0) return;
    try {
      const fd = openSync(this.path(file), 'r');
      const b = Buffer.alloc(1);
      try {
        readSync(fd, b, 0, 1, file.size - 1);
      } finally {
        closeSync(fd);
      }
      if (b[0] !== 0x0a) {
        this.pending.push('\n');
        this.pendingBytes += 1;
      }
    } catch (err) {
      this.o.onError?.(err);
    }
  }

  /** Gives up on a file the disk keeps refusing; what was buffered for it is lost. */
  private abandon(file: LogFile): void {
    this.closeFd();
    try {
      file.size = statSync(this.path(file)).size;
    } catch {
      // keep our own count
    }
    // The next append starts a fresh part; old locations in `file` are checked on read.
    this.sealed.add(file);
    this.current = undefined;
  }

  private closeFd(): void {
    if (this.fd === undefined) return;
    try {
      closeSync(this.fd);
    } catch (err) {
      this.o.onError?.(err);
    }
    this.fd = undefined;
  }
}
