/**
 * Durable file primitives shared by every persistent store in the core (settings, secrets, API
 * keys, accounts, bundles). The rule they serve: nothing a user saved is lost on a crash or a bad
 * file. A write either lands completely or not at all (temp file + fsync + rename + directory
 * fsync), and a file we cannot parse is moved aside, never overwritten.
 */
import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { copyFile, lstat, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Options for {@link writeFileAtomic}. */
export interface AtomicWriteOptions {
  /** File mode of the result, e.g. 0o600 for secrets. Applied before the rename. */
  mode?: number;
  /** Mode used if the parent directory has to be created (default 0o700). */
  dirMode?: number;
}

/**
 * Replaces `path` with `data` so that a crash at any point leaves either the old or the new file.
 * The temp file lives in the same directory (rename is only atomic within one filesystem).
 */
export async function writeFileAtomic(
  path: string,
  data: string | Buffer,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: options.dirMode ?? 0o700 });
  const mode = options.mode ?? 0o600;
  const tmp = join(dir, `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    // 'wx': never follow or reuse a file someone planted at the temp name.
    const handle = await open(tmp, 'wx', mode);
    try {
      await handle.writeFile(data);
      // The umask may have narrowed the mode (fine) but a pre-set ACL could widen it: be explicit.
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  await fsyncDir(dir);
}

/**
 * Makes a rename durable: the directory entry itself must reach the disk. Not supported on
 * Windows (EISDIR/EPERM), where NTFS journals the rename anyway, so failures are ignored.
 */
export async function fsyncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort, see above
  }
}

/** A filesystem-safe UTC timestamp such as `20250101T120000Z`, used in kept-aside file names. */
export function fileTimestamp(now: number): string {
  return new Date(now)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/**
 * Moves an unreadable file out of the way as `<path>.<tag>-<ts>` (a numeric suffix if that name
 * is taken) and returns the new path. The content is kept for the user or for support.
 */
export async function moveAside(path: string, tag: string, now: number): Promise<string> {
  const target = await freeName(`${path}.${tag}-${fileTimestamp(now)}`);
  // Same directory, so a plain rename: no second copy of a possibly secret file appears.
  await rename(path, target);
  return target;
}

/** Keeps a copy of `path` as `<path>.<tag>-<ts>` without touching the original. */
export async function copyAside(path: string, tag: string, now: number): Promise<string> {
  const target = await freeName(`${path}.${tag}-${fileTimestamp(now)}`);
  await copyFile(path, target, fsConstants.COPYFILE_EXCL);
  return target;
}

/** rename() silently replaces an existing file, so pick a name nobody uses yet. */
async function freeName(base: string): Promise<string> {
  for (let i = 0; i < 1000; i++) {
    const candidate = i === 0 ? base : `${base}-${i}`;
    try {
      await lstat(candidate);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return candidate;
      throw err;
    }
  }
  throw new Error(`No free name next to ${base}.`);
}

/** What {@link readJsonFile} found. */
export type JsonFileRead =
  | { kind: 'missing' }
  | { kind: 'ok'; value: unknown }
  /** `reason` is the parser's message, which may quote a few characters of the file. */
  | { kind: 'corrupt'; movedTo: string; reason: string };

/**
 * Reads and parses a JSON file. A file that exists but is not valid JSON is moved aside as
 * `<path>.corrupt-<ts>` so the caller can start fresh without destroying it.
 */
export async function readJsonFile(path: string, now: number): Promise<JsonFileRead> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw err;
  }
  try {
    return { kind: 'ok', value: JSON.parse(text) as unknown };
  } catch (err) {
    const movedTo = await moveAside(path, 'corrupt', now);
    return { kind: 'corrupt', movedTo, reason: (err as Error).message };
  }
}

/** Same as {@link readJsonFile} for callers that found the JSON valid but its shape wrong. */
export async function quarantine(path: string, now: number, reason: string): Promise<JsonFileRead> {
  const movedTo = await moveAside(path, 'corrupt', now);
  return { kind: 'corrupt', movedTo, reason };
}

/** Serialises writes to one resource: each task starts after the previous one settled. */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
