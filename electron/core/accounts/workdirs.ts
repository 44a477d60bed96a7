/**
 * Each account's Lingma workDir: `<dataDir>/accounts/<id>/workdir`. The binary keeps the login
 * there (`cache/id` + `cache/user`), so the path is derived from the id alone and never stored:
 * no registry entry can point a child at someone else's directory.
 */
import { lstat, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isAccountId } from './account-names';

/** `<dataDir>/accounts`: one directory per account id. */
export function accountsRoot(dataDir: string): string {
  return join(dataDir, 'accounts');
}

/** The directory holding everything of one account (its workDir and nothing else, today). */
export function accountDir(dataDir: string, id: string): string {
  if (!isAccountId(id)) throw Object.assign(new Error('Invalid account id.'), { code: 'invalid' });
  return join(accountsRoot(dataDir), id);
}

/** The `--workDir` passed to the account's Lingma child. */
export function workDirFor(dataDir: string, id: string): string {
  return join(accountDir(dataDir, id), 'workdir');
}

/** Creates the workDir (0700: it holds the login) if it does not exist yet. */
export async function ensureWorkDir(dataDir: string, id: string): Promise<string> {
  await mkdir(accountsRoot(dataDir), { recursive: true, mode: 0o700 });
  await mkdir(accountDir(dataDir, id), { recursive: true, mode: 0o700 });
  const dir = workDirFor(dataDir, id);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** Deletes the account's directory (workDir included). Missing is fine. */
export async function deleteAccountDir(dataDir: string, id: string): Promise<void> {
  await rm(accountDir(dataDir, id), { recursive: true, force: true });
}

/** Ids that have a directory under `accounts/`, whether or not the registry knows them. */
export async function accountDirsOnDisk(dataDir: string): Promise<string[]> {
  try {
    const names = await readdir(accountsRoot(dataDir));
    const ids: string[] = [];
    for (const name of names) {
      if (!isAccountId(name)) continue;
      const st = await lstat(join(accountsRoot(dataDir), name));
      if (st.isDirectory()) ids.push(name);
    }
    return ids.sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** True when the workDir holds a login (`cache/user` exists and is not empty). */
export async function hasActiveLogin(workDir: string): Promise<boolean> {
  try {
    const st = await stat(join(workDir, 'cache', 'user'));
    return st.isFile() && st.size > 0;
  } catch (err) {
    // Only "not there" means "no login": any other error (permissions…) must not be read as an
    // empty workDir, or an import could replace a login we merely failed to see.
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return false;
    throw err;
  }
}
