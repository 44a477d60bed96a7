/**
 * Export and import of a Lingma login ("session bundle") between workDirs, machines or installs.
 * The format is in bundle-format.ts; this module does the file work.
 *
 * An import is all or nothing. Everything is validated and decrypted before the first byte is
 * written; the files are staged in a temp directory inside the workDir (same filesystem, so the
 * moves are renames); `cache/user`, whose presence means "logged in", is moved out first and in
 * last; and any failure puts every original file back. An active login is only replaced when the
 * caller passes `force` (the UI asks first), and the child using that workDir must be restarted.
 */
import { lstat, mkdir, mkdtemp, open, readFile, rename, rm, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fsyncDir } from '../util/atomic-file';
import {
  BUNDLE_FILES,
  BundleError,
  MIN_PASSPHRASE_LENGTH,
  openBundle,
  sealBundle,
} from './bundle-format';
import { hasActiveLogin } from './workdirs';

export {
  BUNDLE_FILES,
  BUNDLE_MAX_BYTES,
  BundleError,
  MIN_PASSPHRASE_LENGTH,
  type BundleErrorCode,
} from './bundle-format';

/** Options for {@link exportBundle}. */
export interface ExportOptions {
  /** Stored inside the encrypted payload, shown on import. */
  accountName?: string;
  now?: () => number;
}

/** Options for {@link importBundle}. */
export interface ImportOptions {
  /** Replace an existing login. Default false: refuse with code `active_login`. */
  force?: boolean;
}

/** What an import did. */
export interface ImportResult {
  /** Paths written under the workDir, e.g. `cache/id`. */
  written: string[];
  /** Legacy paths ignored because they are not part of a login. */
  skipped: string[];
  /** The bundle was the predecessor's unencrypted form: the user should delete the source file. */
  insecure: boolean;
  /** For a predecessor bundle: what its gzip held (sniffed, §6.4). */
  legacyContainer?: 'tar' | 'json';
  /** An existing login was replaced (only with `force`). */
  replacedLogin: boolean;
  accountName?: string;
  exportedAt?: string;
}

const MAX_FILE = 1024 * 1024;

/**
 * Seals the workDir's login into an encrypted bundle. Refuses (`not_logged_in`) when `cache/id`
 * or `cache/user` is missing or empty, and (`weak_passphrase`) on a short passphrase.
 */
export async function exportBundle(
  workDir: string,
  passphrase: string,
  options: ExportOptions = {},
): Promise<Buffer> {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new BundleError(
      'weak_passphrase',
      `Use a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters.`,
    );
  }
  const files = new Map<string, Buffer>();
  for (const path of BUNDLE_FILES) {
    const content = await readLoginFile(join(workDir, path));
    if (content?.length) files.set(path, content);
  }
  if (!files.has('cache/id') || !files.has('cache/user')) {
    throw new BundleError(
      'not_logged_in',
      'This account is not logged in: there is nothing to export.',
    );
  }
  const now = options.now ?? Date.now;
  return sealBundle(
    { files, exportedAt: new Date(now()).toISOString(), accountName: options.accountName },
    passphrase,
  );
}

/** Reads one login file; a symlink or anything but a small regular file is not exported. */
async function readLoginFile(path: string): Promise<Buffer | undefined> {
  try {
    const st = await lstat(path);
    if (!st.isFile() || st.size > MAX_FILE) return undefined;
    return await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * Validates `data` fully, then writes the login into `<workDir>/cache/` (files 0600). Throws
 * {@link BundleError}: `too_large` (checked before parsing), `bad_format`, `decrypt_failed`,
 * `bad_path`, `missing_files`, `active_login`, `io`. On any error the workDir is unchanged.
 */
export async function importBundle(
  workDir: string,
  data: Buffer,
  passphrase: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const bundle = await openBundle(data, passphrase);
  const replacedLogin = await hasActiveLogin(workDir);
  if (replacedLogin && !options.force) {
    throw new BundleError(
      'active_login',
      'This account is already logged in. Log it out first, or confirm replacing the login.',
    );
  }
  await mkdir(workDir, { recursive: true, mode: 0o700 });
  const stage = await mkdtemp(join(workDir, '.bundle-import-'));
  try {
    const staged = join(stage, 'cache');
    await mkdir(staged, { mode: 0o700 });
    for (const [path, content] of bundle.files) {
      await writeDurable(join(stage, path), content);
    }
    await install(workDir, stage, [...bundle.files.keys()]);
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
  return {
    written: BUNDLE_FILES.filter((p) => bundle.files.has(p)),
    skipped: bundle.skipped,
    insecure: bundle.insecure,
    ...(bundle.legacyContainer ? { legacyContainer: bundle.legacyContainer } : {}),
    replacedLogin,
    ...(bundle.accountName ? { accountName: bundle.accountName } : {}),
    ...(bundle.exportedAt ? { exportedAt: bundle.exportedAt } : {}),
  };
}

async function writeDurable(path: string, content: Buffer): Promise<void> {
  const handle = await open(path, 'wx', 0o600);
  try {
    await handle.writeFile(content);
    await handle.chmod(0o600);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Moves the staged files into `cache/`, keeping every replaced file until all moves succeeded. */
async function install(workDir: string, stage: string, paths: string[]): Promise<void> {
  const cache = join(workDir, 'cache');
  if (!(await exists(cache))) {
    // No cache yet: one rename installs everything at once.
    await rename(join(stage, 'cache'), cache);
    await fsyncDir(workDir);
    return;
  }
  const previous = join(stage, 'previous');
  await mkdir(previous, { mode: 0o700 });
  const movedOut: string[] = [];
  const movedIn: string[] = [];
  try {
    // Logged out first; then every login file of the old login goes (a stale quota or token
    // belongs to the old id); then the new files, `cache/user` last (see BUNDLE_FILES order).
    for (const path of ['cache/user', ...BUNDLE_FILES.filter((p) => p !== 'cache/user')]) {
      const target = join(workDir, path);
      if (!(await exists(target))) continue;
      const st = await lstat(target);
      if (!st.isFile()) throw new Error('unexpected entry in cache/');
      await rename(target, join(previous, path.replace('cache/', '')));
      movedOut.push(path);
    }
    for (const path of BUNDLE_FILES.filter((p) => paths.includes(p))) {
      await rename(join(stage, path), join(workDir, path));
      movedIn.push(path);
    }
    await fsyncDir(cache);
  } catch {
    for (const path of movedIn.reverse()) await unlink(join(workDir, path)).catch(() => undefined);
    for (const path of movedOut.reverse()) {
      await rename(join(previous, path.replace('cache/', '')), join(workDir, path)).catch(
        () => undefined,
      );
    }
    await fsyncDir(cache);
    throw new BundleError(
      'io',
      `Could not write the login files into ${dirname(cache)}; nothing was changed.`,
    );
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}
