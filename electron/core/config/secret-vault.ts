/**
 * Named secrets (API keys, admin and metrics tokens) in one small file. Headless, the file is
 * plaintext JSON that only its owner can read (0600). In the desktop app the shell passes the OS
 * keyring (Electron safeStorage) as a {@link SecretCrypto}, and the file holds one encrypted blob.
 * When no keyring is available the vault says so through `encryptedAtRest` instead of pretending.
 */
import { chmod, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { moveAside, readJsonFile, WriteQueue, writeFileAtomic } from '../util/atomic-file';

/** Key-value storage for secrets. Names are short identifiers; values are opaque strings. */
export interface SecretVault {
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
  list(): Promise<string[]>;
  /** False when secrets sit on disk readable by anyone with the user's file access. */
  readonly encryptedAtRest: boolean;
}

/** Whole-buffer encryption supplied by the host, e.g. Electron's safeStorage. */
export interface SecretCrypto {
  /** False when there is no real OS keyring (the vault then stores plaintext, mode 0600). */
  available: boolean;
  encrypt(plain: Buffer): Buffer;
  decrypt(sealed: Buffer): Buffer;
}

/** Options shared by the file vaults. */
export interface FileVaultOptions {
  /** Clock for kept-aside file names. */
  now?: () => number;
  /** Receives problems found on load (bad mode, unreadable file kept aside, …). */
  onWarning?: (message: string) => void;
}

const FORMAT = 'lingma-gateway-secrets';
const NAME = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const MAX_VALUE = 64 * 1024;
const posix = process.platform !== 'win32';

/** A vault in a 0600 plaintext JSON file (headless use). */
export function createFileVault(path: string, options: FileVaultOptions = {}): SecretVault {
  return fileVault(path, undefined, options);
}

/**
 * A vault whose file content is sealed by `crypto`. When `crypto.available` is false it behaves
 * exactly like {@link createFileVault} and reports `encryptedAtRest: false`. A plaintext file
 * found while encryption is available is re-written encrypted on load.
 */
export function createEncryptedFileVault(
  path: string,
  crypto: SecretCrypto,
  options: FileVaultOptions = {},
): SecretVault {
  return fileVault(path, crypto.available ? crypto : undefined, options);
}

/** A vault in memory, for tests and throwaway runs. */
export function createMemoryVault(initial: Record<string, string> = {}): SecretVault {
  const map = new Map(Object.entries(initial));
  return {
    encryptedAtRest: false,
    get: async (name) => map.get(name),
    set: async (name, value) => {
      checkEntry(name, value);
      map.set(name, value);
    },
    delete: async (name) => {
      map.delete(name);
    },
    list: async () => [...map.keys()].sort(),
  };
}

function checkEntry(name: string, value: string): void {
  if (!NAME.test(name)) throw Object.assign(new Error('Invalid secret name.'), { code: 'invalid' });
  if (typeof value !== 'string' || value.length > MAX_VALUE) {
    throw Object.assign(new Error(`Secret "${name}" is not a string of at most 64 KiB.`), {
      code: 'invalid',
    });
  }
}

function fileVault(
  path: string,
  crypto: SecretCrypto | undefined,
  options: FileVaultOptions,
): SecretVault {
  const now = options.now ?? Date.now;
  const warn = options.onWarning ?? (() => undefined);
  const queue = new WriteQueue();
  let cache: Map<string, string> | undefined;

  const write = async (map: Map<string, string>): Promise<void> => {
    const secrets = Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)));
    const body = crypto
      ? {
          format: FORMAT,
          v: 1,
          encrypted: 'os',
          data: crypto.encrypt(Buffer.from(JSON.stringify(secrets), 'utf8')).toString('base64'),
        }
      : { format: FORMAT, v: 1, secrets };
    await writeFileAtomic(path, JSON.stringify(body, null, 2) + '\n', { mode: 0o600 });
  };

  const load = async (): Promise<Map<string, string>> => {
    if (cache) return cache;
    await checkDir(dirname(path), warn);
    const read = await readJsonFile(path, now());
    if (read.kind === 'missing') return (cache = new Map());
    if (read.kind === 'corrupt') {
      warn(`The secrets file was not valid JSON; it was kept as ${read.movedTo}. Starting empty.`);
      return (cache = new Map());
    }
    await fixMode(path, warn);
    const decoded = decode(read.value, crypto);
    if ('problem' in decoded) {
      const movedTo = await moveAside(path, 'corrupt', now());
      warn(`${decoded.problem} It was kept as ${movedTo}. Starting with no stored secrets.`);
      return (cache = new Map());
    }
    const map = new Map<string, string>();
    for (const [name, value] of Object.entries(decoded.secrets)) {
      if (typeof value === 'string' && NAME.test(name)) map.set(name, value);
      else warn(`Secret entry "${name.slice(0, 64)}" is malformed and was ignored.`);
    }
    if (crypto && !decoded.wasEncrypted) {
      await write(map);
      warn('The secrets file was stored in plaintext; it is now encrypted with the OS keyring.');
    }
    return (cache = map);
  };

  // Reads go through the queue too, so a read never observes a half-applied update.
  const mutate = (fn: (next: Map<string, string>) => boolean): Promise<void> =>
    queue.run(async () => {
      const next = new Map(await load());
      if (!fn(next)) return;
      await write(next);
      cache = next; // only after the write succeeded: memory never runs ahead of the disk
    });

  return {
    encryptedAtRest: crypto !== undefined,
    get: (name) => queue.run(async () => (await load()).get(name)),
    list: () => queue.run(async () => [...(await load()).keys()].sort()),
    set: async (name, value) => {
      checkEntry(name, value);
      await mutate((m) => {
        if (m.get(name) === value) return false;
        m.set(name, value);
        return true;
      });
    },
    delete: (name) => mutate((m) => m.delete(name)),
  };
}

type Decoded = { secrets: Record<string, unknown>; wasEncrypted: boolean } | { problem: string };

function decode(value: unknown, crypto: SecretCrypto | undefined): Decoded {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { problem: 'The secrets file has an unknown layout.' };
  }
  const file = value as Record<string, unknown>;
  if (file.format !== FORMAT || file.v !== 1) {
    return { problem: 'The secrets file has an unknown layout.' };
  }
  if (file.encrypted === undefined) {
    const secrets = file.secrets;
    if (typeof secrets !== 'object' || secrets === null || Array.isArray(secrets)) {
      return { problem: 'The secrets file has no secrets table.' };
    }
    return { secrets: secrets as Record<string, unknown>, wasEncrypted: false };
  }
  if (!crypto) {
    return {
      problem:
        'The secrets file is encrypted with an OS keyring that is not available now (keyring locked or changed?).',
    };
  }
  try {
    const plain = crypto.decrypt(Buffer.from(String(file.data), 'base64')).toString('utf8');
    const secrets = JSON.parse(plain) as unknown;
    if (typeof secrets !== 'object' || secrets === null || Array.isArray(secrets))
      throw new Error();
    return { secrets: secrets as Record<string, unknown>, wasEncrypted: true };
  } catch {
    return { problem: 'The secrets file could not be decrypted with the OS keyring.' };
  }
}

/** A 0644 secrets file is a leak waiting to happen: tighten it and say so. */
async function fixMode(path: string, warn: (m: string) => void): Promise<void> {
  if (!posix) return;
  const st = await stat(path);
  if ((st.mode & 0o077) !== 0) {
    await chmod(path, 0o600);
    warn(
      `The secrets file was readable by others (mode ${(st.mode & 0o777).toString(8)}); it is now 0600.`,
    );
  }
}

async function checkDir(dir: string, warn: (m: string) => void): Promise<void> {
  if (!posix) return;
  try {
    const st = await stat(dir);
    if ((st.mode & 0o007) !== 0) {
      warn(`The directory ${dir} is accessible to every user on this machine; consider chmod 700.`);
    }
  } catch {
    // missing: created 0700 by the first write
  }
}
