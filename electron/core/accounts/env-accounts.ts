/**
 * Accounts declared the predecessor's way, in `LINGMA_ACCOUNTS`: either `user1:pass1,user2:pass2`
 * or a JSON array of `{username, password, session_bundle?, session_bundle_file?}`.
 *
 * Passwords are useless here: Lingma's login is an interactive web page (captcha, SMS, SSO), which
 * the predecessor drove with a headless browser and this app replaces with a login window or a
 * printed login URL. So only the names are kept; each becomes an account to log in once. A
 * per-account session bundle, on the other hand, is a complete login and is imported.
 * No password ever appears in a warning; nor does a JSON parser message, which could quote one.
 */
import { stat, readFile } from 'node:fs/promises';
import type { AccountStore } from './account-store';
import { cleanAccountName, nameKey } from './account-names';
import { BUNDLE_MAX_BYTES, BundleError, importBundle } from './bundle';

/** Where an environment account's session bundle comes from. */
export type EnvBundleSource = { inline: string } | { file: string };

/** One account from the environment. */
export interface EnvAccount {
  name: string;
  bundle?: EnvBundleSource;
}

/** Result of {@link fromEnvAccounts}. */
export interface EnvAccountsResult {
  accounts: EnvAccount[];
  warnings: string[];
}

/** Parses the value of `LINGMA_ACCOUNTS` (list or JSON form). Never throws. */
export function fromEnvAccounts(value: string): EnvAccountsResult {
  const warnings: string[] = [];
  const accounts: EnvAccount[] = [];
  const seen = new Set<string>();
  let passwords = 0;

  const add = (rawName: unknown, bundle: EnvBundleSource | undefined, position: number): void => {
    const name = cleanAccountName(rawName);
    if (!name) {
      warnings.push(`LINGMA_ACCOUNTS entry ${position} has no usable user name; skipped.`);
      return;
    }
    if (seen.has(nameKey(name))) {
      warnings.push(`LINGMA_ACCOUNTS lists "${name}" twice; the later entry was skipped.`);
      return;
    }
    seen.add(nameKey(name));
    accounts.push(bundle ? { name, bundle } : { name });
  };

  const text = value.trim();
  if (text === '') return { accounts, warnings };
  if (text.startsWith('[') || text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      warnings.push(
        'LINGMA_ACCOUNTS looks like JSON but is not valid JSON; no accounts taken from it.',
      );
      return { accounts, warnings };
    }
    const entries = Array.isArray(parsed) ? parsed : [parsed];
    entries.forEach((entry, i) => {
      if (typeof entry === 'string') {
        const [name, password] = splitPair(entry);
        if (password) passwords++;
        add(name, undefined, i + 1);
        return;
      }
      if (typeof entry !== 'object' || entry === null) {
        warnings.push(`LINGMA_ACCOUNTS entry ${i + 1} is not an object; skipped.`);
        return;
      }
      const e = entry as Record<string, unknown>;
      if (typeof e.password === 'string' && e.password !== '') passwords++;
      add(e.username ?? e.user ?? e.name, bundleOf(e), i + 1);
    });
  } else {
    text
      .split(/[,\n]/)
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .forEach((entry, i) => {
        const [name, password] = splitPair(entry);
        if (password) passwords++;
        add(name, undefined, i + 1);
      });
  }
  if (passwords > 0) {
    warnings.push(
      `LINGMA_ACCOUNTS holds ${passwords} password(s). They are not used: Lingma's login is interactive, ` +
        'so each account is registered by name and must be logged in once (dashboard, or `login <name>` in the CLI). ' +
        'Remove the passwords from your environment.',
    );
  }
  return { accounts, warnings };
}

/** `user:pass` → [user, pass]; only the first colon splits (passwords may contain colons). */
function splitPair(entry: string): [string, string | undefined] {
  const i = entry.indexOf(':');
  return i < 0 ? [entry.trim(), undefined] : [entry.slice(0, i).trim(), entry.slice(i + 1)];
}

function bundleOf(e: Record<string, unknown>): EnvBundleSource | undefined {
  const file = e.session_bundle_file ?? e.sessionBundleFile;
  if (typeof file === 'string' && file.trim() !== '') return { file: file.trim() };
  const inline = e.session_bundle ?? e.sessionBundle;
  if (typeof inline === 'string' && inline.trim() !== '') return { inline: inline.trim() };
  return undefined;
}

/** Options for {@link importEnvAccounts}. */
export interface ImportEnvAccountsOptions {
  /** For bundles in our encrypted format; legacy bundles need none. */
  passphrase?: string;
  /** Reads a bundle file (injectable for tests); default: fs with the 4 MiB cap checked first. */
  readBundleFile?: (path: string) => Promise<Buffer>;
}

/** Result of {@link importEnvAccounts}. */
export interface ImportEnvAccountsResult {
  /** Names registered by this call. */
  added: string[];
  /** Names whose bundle was imported into an empty workDir. */
  imported: string[];
  warnings: string[];
}

async function readCapped(path: string): Promise<Buffer> {
  const st = await stat(path);
  if (st.size > BUNDLE_MAX_BYTES)
    throw new BundleError('too_large', 'The bundle file is larger than 4 MiB.');
  return readFile(path);
}

/**
 * Registers environment accounts that the store does not know yet (matched by name, so running
 * twice changes nothing) and imports their bundles where the workDir has no login. A bundle never
 * replaces an active login (the predecessor's rule); that case is reported, not forced.
 */
export async function importEnvAccounts(
  store: AccountStore,
  accounts: EnvAccount[],
  options: ImportEnvAccountsOptions = {},
): Promise<ImportEnvAccountsResult> {
  const result: ImportEnvAccountsResult = { added: [], imported: [], warnings: [] };
  const read = options.readBundleFile ?? readCapped;
  for (const account of accounts) {
    let record = store.findByName(account.name);
    if (!record) {
      record = await store.add({ name: account.name });
      result.added.push(record.name);
    }
    if (!account.bundle) continue;
    try {
      const data =
        'file' in account.bundle
          ? await read(account.bundle.file)
          : Buffer.from(account.bundle.inline, 'utf8');
      const outcome = await importBundle(
        store.workDirFor(record.id),
        data,
        options.passphrase ?? '',
      );
      result.imported.push(record.name);
      if (outcome.insecure) {
        result.warnings.push(
          `The session bundle for "${record.name}" was unencrypted. It is imported; delete the plaintext copy and keep an encrypted export instead.`,
        );
      }
    } catch (err) {
      const reason =
        err instanceof BundleError
          ? err.message
          : `the bundle could not be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`;
      result.warnings.push(`Session bundle for "${record.name}" not imported: ${reason}`);
    }
  }
  return result;
}
