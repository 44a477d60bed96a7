/**
 * Worker instances: extra Lingma children for one account, each in its own copy of the account's
 * workDir. A login is the `cache/id` + `cache/user` pair (protocol §6.4) and the two must travel
 * together, because the user file is encrypted with a key taken from the id.
 */
import { chmod, copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

const PAIR = ['id', 'user'] as const;
const OPTIONAL = ['quota', 'machine_token.json'] as const;

/** Instance id: `<accountId>` for the primary, `<accountId>#<n>` for worker n ≥ 2. */
export function instanceIdFor(accountId: string, workerIndex: number): string {
  return workerIndex <= 1 ? accountId : `${accountId}#${workerIndex}`;
}

/** WorkDir of worker n: the account's own for n = 1, `<workDir>-w<n>` beside it otherwise. */
export function workerWorkDir(primaryWorkDir: string, workerIndex: number): string {
  return workerIndex <= 1 ? primaryWorkDir : `${primaryWorkDir}-w${workerIndex}`;
}

async function fileInfo(path: string): Promise<{ mtimeMs: number; size: number } | undefined> {
  try {
    const st = await stat(path);
    return st.isFile() ? { mtimeMs: st.mtimeMs, size: st.size } : undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw err;
  }
}

/** Copies through a temp name so a starting child never reads half a file. */
async function copyAtomic(from: string, to: string): Promise<void> {
  const tmp = `${to}.tmp-${process.pid}`;
  try {
    await copyFile(from, tmp);
    await chmod(tmp, 0o600);
    await rename(tmp, to);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/**
 * Copies the primary's login into a worker dir when the primary holds one and the worker's copy is
 * missing or older (a newer worker file is the worker's own token refresh and is kept). Returns
 * true when files were copied.
 */
export async function syncWorkerLogin(primaryDir: string, workerDir: string): Promise<boolean> {
  const from = join(primaryDir, 'cache');
  const to = join(workerDir, 'cache');
  const source = await Promise.all(PAIR.map((f) => fileInfo(join(from, f))));
  if (source.some((s) => !s || s.size === 0)) return false;
  const target = await Promise.all(PAIR.map((f) => fileInfo(join(to, f))));
  const outdated = target.some((t, i) => !t || t.mtimeMs < (source[i]?.mtimeMs ?? 0));
  if (!outdated) return false;
  await mkdir(to, { recursive: true, mode: 0o700 });
  for (const name of [...PAIR, ...OPTIONAL]) {
    if (!(await fileInfo(join(from, name)))) continue;
    await copyAtomic(join(from, name), join(to, name));
  }
  return true;
}

/**
 * Removes a worker's copy of the login (`cache/user`; without it the binary reports "No cached
 * user info", §6.3), so a worker that was not running when its account logged out starts logged
 * out. `cache/id` stays: it is the machine id, not the login.
 */
export async function clearWorkerLogin(workerDir: string): Promise<void> {
  await rm(join(workerDir, 'cache', 'user'), { force: true });
}
