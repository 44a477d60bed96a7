/**
 * Which files a session bundle may carry and how their paths are checked: the login is
 * `cache/id` + `cache/user` (the user file is keyed on the id, §6.3), plus the state the
 * predecessor bundled with it (`cache/quota`, `cache/config.json`; PRED, H) and the machine token
 * some builds keep (§6.3). Nothing else, and nothing outside `cache/`.
 */

/** Every path a bundle may carry, in the order an import writes them (`cache/user` last). */
export const BUNDLE_FILES = [
  'cache/id',
  'cache/quota',
  'cache/config.json',
  'cache/machine_token.json',
  'cache/user',
] as const;
/** Without both of these there is no login. */
export const REQUIRED_FILES = ['cache/id', 'cache/user'] as const;

export type BundleErrorCode =
  | 'too_large'
  | 'bad_format'
  | 'bad_path'
  | 'decrypt_failed'
  | 'missing_files'
  | 'weak_passphrase'
  | 'not_logged_in'
  | 'active_login'
  | 'io';

/** Every bundle failure; `code` is stable for the UI, `message` safe to show (no secrets). */
export class BundleError extends Error {
  constructor(
    readonly code: BundleErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BundleError';
  }
}

/**
 * A bundle path → the workDir path it is written to. `shortNames` lets the predecessor's forms
 * name files relative to `cache/` (`id`, `./cache/user`). Traversal, absolute paths and anything
 * that is not a login file are refused.
 */
export function bundlePath(raw: string, shortNames: boolean): string {
  const trimmed = shortNames ? raw.replace(/^(\.\/)+/, '') : raw;
  const segments = trimmed.split(/[/\\]/);
  if (
    trimmed.startsWith('/') ||
    /^[A-Za-z]:/.test(trimmed) ||
    trimmed.includes('\\') ||
    segments.some((s) => s === '..' || s === '' || s === '.')
  ) {
    throw new BundleError('bad_path', 'The bundle contains a path outside the login folder.');
  }
  const path = shortNames && segments.length === 1 ? `cache/${trimmed}` : trimmed;
  if (!(BUNDLE_FILES as readonly string[]).includes(path)) {
    throw new BundleError(
      'bad_path',
      `The bundle contains a file that is not part of a login (${path.slice(0, 80)}).`,
    );
  }
  return path;
}

/** Refuses a bundle without a login in it. */
export function requireLogin(files: Map<string, Buffer>): void {
  const missing = REQUIRED_FILES.filter((p) => !files.get(p)?.length);
  if (missing.length > 0) {
    throw new BundleError(
      'missing_files',
      `The bundle lacks ${missing.join(' and ')}, so it holds no login.`,
    );
  }
}
