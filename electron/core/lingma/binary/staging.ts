/**
 * File-system steps of the bootstrap around its private staging directory: clearing leftovers
 * of crashed runs, reading a local VSIX, size checks and the final atomic move into place.
 */
import { chmod, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { createReadStream, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Logger } from '../../util/logger';
import { LingmaBinaryError } from './errors';
import type { StagedFile } from './extract';
import { GunzipIfGzipped, looksGzipped } from './gunzip-if-gzipped';

/** A day is far longer than any live bootstrap, so older staging dirs are crash leftovers. */
const STALE_STAGING_MS = 24 * 60 * 60 * 1000;

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Removes `.staging-*` directories that crashed runs left behind under `root`. */
export async function sweepStaleStaging(root: string, now: number, logger: Logger): Promise<void> {
  for (const name of await readdir(root).catch(() => [] as string[])) {
    if (!name.startsWith('.staging-')) continue;
    const dir = join(root, name);
    const info = await stat(dir).catch(() => undefined);
    if (info && now - info.mtimeMs > STALE_STAGING_MS) {
      logger.info('removing stale Lingma staging directory', { dir });
      await rm(dir, { recursive: true, force: true });
    }
  }
}

/** A local VSIX as a plain zip: used in place, or gunzipped into the staging dir. */
export async function localVsix(file: string, stagingDir: string): Promise<string> {
  const handle = await open(file, 'r').catch((error: unknown) => {
    throw new LingmaBinaryError('io', `Cannot read the Lingma package ${file}.`, { cause: error });
  });
  const head = Buffer.alloc(2);
  try {
    await handle.read(head, 0, 2, 0);
  } finally {
    await handle.close();
  }
  if (!looksGzipped(head)) return file;
  const out = join(stagingDir, 'vsix.zip');
  await pipeline(createReadStream(file), new GunzipIfGzipped(), createWriteStream(out));
  return out;
}

/** Moves a verified file into place; tolerates Windows refusing to replace a running copy. */
export async function installFile(
  from: string,
  to: string,
  size: number,
  logger: Logger,
): Promise<void> {
  await chmod(from, 0o755);
  try {
    await rename(from, to);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const existing = await stat(to).catch(() => undefined);
    if ((code === 'EPERM' || code === 'EBUSY' || code === 'EACCES') && existing?.size === size) {
      logger.warn('Lingma binary in use; keeping the identical installed copy', { path: to });
      return;
    }
    throw new LingmaBinaryError(
      'io',
      `Could not install ${to}: ${(error as Error).message}. If Lingma is running, stop it and try again.`,
      { cause: error },
    );
  }
}

export function checkSize(file: StagedFile, minimum: number): void {
  if (file.size >= minimum) return;
  throw new LingmaBinaryError(
    'too-small',
    `The downloaded ${file.name} is only ${megabytes(file.size)}, below the expected ` +
      `${megabytes(minimum)}: the package is incomplete or not the real Lingma. Nothing was installed.`,
  );
}
