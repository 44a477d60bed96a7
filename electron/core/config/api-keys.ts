/**
 * API keys for `/v1/*`, and the admin and metrics tokens, all kept in the secret vault.
 *
 * Keys are `lgw-` + 40 base62 characters (~238 bits) from the OS CSPRNG. The full key stays in the
 * vault because the desktop app offers "Copy API key" at any time. Verification happens on every
 * request, so everything is loaded once into memory and `verify` is synchronous; it compares
 * SHA-256 digests with timingSafeEqual against every key, without stopping at a match, so the
 * time taken says nothing about which key (or how much of one) matched.
 */
import { timingSafeEqual } from 'node:crypto';
import type { ApiKeyDto } from '../../shared/dto';
import { WriteQueue } from '../util/atomic-file';
import {
  generateApiKey,
  keyDigest as digest,
  keyPrefix as prefixOf,
  randomBase62,
} from './key-format';
import type { SecretVault } from './secret-vault';

export { generateApiKey, isGeneratedKeyFormat, randomBase62 } from './key-format';

/** What the UI may see about a key (never the key itself): the IPC shape. */
export type ApiKeyInfo = ApiKeyDto;

/** Options for {@link openApiKeyStore}. */
export interface ApiKeyStoreOptions {
  vault: SecretVault;
  /** Keys from `API_KEYS` (see env.ts). Accepted but never stored or revocable. */
  envKeys?: string[];
  /** From `ADMIN_TOKEN`: overrides (and locks) the stored admin token. */
  envAdminToken?: string;
  /** From `METRICS_TOKEN`: overrides (and locks) the stored metrics token. */
  envMetricsToken?: string;
  now?: () => number;
  /** lastUsedAt is written at most this often per key (default 60 s); flush() writes the rest. */
  touchIntervalMs?: number;
  /** Receives failures of background lastUsedAt writes (they never reach a request). */
  onError?: (err: unknown) => void;
}

/** API keys plus the two operator tokens. See the module comment for the security model. */
export interface ApiKeyStore {
  /** Problems found while loading (malformed vault entries are skipped, never deleted). */
  readonly warnings: readonly string[];
  /**
   * At first run creates a key named "default"; later returns the oldest stored key (or, with
   * none stored, the first `API_KEYS` key, so a headless setup gets no surprise extra key).
   */
  ensureDefaultKey(): Promise<{ id: string; key: string; created: boolean }>;
  /** Creates a key; the full key is returned here and by reveal(), never by list(). */
  create(name: string): Promise<{ info: ApiKeyInfo; key: string }>;
  /** Stored keys (oldest first), then environment keys. */
  list(): ApiKeyInfo[];
  revoke(id: string): Promise<void>;
  reveal(id: string): Promise<string>;
  /** The id of the key `candidate` equals, or null. Constant-time over all keys. */
  verify(candidate: string): string | null;
  /** Records a use of the key (in memory now, on disk throttled). */
  touch(id: string): void;
  /** Writes pending lastUsedAt updates (call on shutdown). */
  flush(): Promise<void>;
  /** Undefined = not configured: `/internal/*` answers 503. */
  adminToken(): string | undefined;
  setAdminToken(token: string | undefined): Promise<void>;
  /** Undefined = not configured: `/metrics` answers 503. */
  metricsToken(): string | undefined;
  setMetricsToken(token: string | undefined): Promise<void>;
}

const ENTRY_PREFIX = 'apikey.';
const ADMIN = 'admin-token';
const METRICS = 'metrics-token';

function fail(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

function checkToken(token: string): void {
  if (!/^\S{16,512}$/.test(token)) {
    throw fail('invalid', 'A token must be 16 to 512 characters without spaces.');
  }
}

interface Entry {
  id: string;
  name: string;
  key: string;
  digest: Buffer;
  createdAt: number;
  lastUsedAt?: number;
  readOnly: boolean;
}

interface StoredKey {
  name: string;
  key: string;
  createdAt: number;
  lastUsedAt?: number;
}

function parseStored(text: string | undefined): StoredKey | undefined {
  try {
    const v = JSON.parse(text ?? '') as Partial<StoredKey>;
    if (typeof v.name !== 'string' || typeof v.key !== 'string' || v.key === '') return undefined;
    if (typeof v.createdAt !== 'number') return undefined;
    const lastUsedAt = typeof v.lastUsedAt === 'number' ? v.lastUsedAt : undefined;
    return { name: v.name, key: v.key, createdAt: v.createdAt, lastUsedAt };
  } catch {
    return undefined;
  }
}

/** Loads every key and token from the vault and returns the store. */
export async function openApiKeyStore(options: ApiKeyStoreOptions): Promise<ApiKeyStore> {
  const { vault } = options;
  const now = options.now ?? Date.now;
  const interval = options.touchIntervalMs ?? 60_000;
  const onError = options.onError ?? (() => undefined);
  const queue = new WriteQueue();
  const warnings: string[] = [];
  const entries = new Map<string, Entry>();
  const persistedUse = new Map<string, number>();
  const dirty = new Set<string>();

  for (const name of (await vault.list()).filter((n) => n.startsWith(ENTRY_PREFIX))) {
    const id = name.slice(ENTRY_PREFIX.length);
    const stored = parseStored(await vault.get(name));
    if (!stored) {
      warnings.push(`API key entry ${id} is malformed and was skipped (left in the vault).`);
      continue;
    }
    entries.set(id, { id, ...stored, digest: digest(stored.key), readOnly: false });
    persistedUse.set(id, stored.lastUsedAt ?? 0);
  }
  const loadedAt = now();
  const known = new Set([...entries.values()].map((e) => e.key));
  for (const key of options.envKeys ?? []) {
    if (key === '' || known.has(key)) continue;
    known.add(key);
    const id = 'env-' + digest(key).toString('hex').slice(0, 12);
    entries.set(id, {
      id,
      name: 'API_KEYS',
      key,
      digest: digest(key),
      createdAt: loadedAt,
      readOnly: true,
    });
  }
  let storedAdmin = await vault.get(ADMIN);
  let storedMetrics = await vault.get(METRICS);

  const ordered = (): Entry[] =>
    [...entries.values()].sort(
      (a, b) => Number(a.readOnly) - Number(b.readOnly) || a.createdAt - b.createdAt,
    );
  const info = (e: Entry): ApiKeyInfo => ({
    id: e.id,
    name: e.name,
    prefix: prefixOf(e.key),
    createdAt: e.createdAt,
    ...(e.lastUsedAt !== undefined ? { lastUsedAt: e.lastUsedAt } : {}),
    readOnly: e.readOnly,
  });
  const save = async (e: Entry): Promise<void> => {
    const body: StoredKey = { name: e.name, key: e.key, createdAt: e.createdAt };
    if (e.lastUsedAt !== undefined) body.lastUsedAt = e.lastUsedAt;
    await vault.set(ENTRY_PREFIX + e.id, JSON.stringify(body));
    persistedUse.set(e.id, e.lastUsedAt ?? 0);
    dirty.delete(e.id);
  };
  const writeUse = (id: string): Promise<void> =>
    queue.run(async () => {
      const e = entries.get(id);
      // Revoked meanwhile: writing would resurrect it.
      if (e && !e.readOnly && dirty.has(id)) await save(e);
    });
  const create = async (name: string): Promise<Entry> => {
    const clean = name.trim();
    if (clean === '' || clean.length > 64)
      throw fail('invalid', 'A key name must be 1 to 64 characters.');
    let id = randomBase62(10);
    while (entries.has(id)) id = randomBase62(10);
    const e: Entry = {
      id,
      name: clean,
      key: generateApiKey(),
      digest: Buffer.alloc(0),
      createdAt: now(),
      readOnly: false,
    };
    e.digest = digest(e.key);
    await save(e);
    entries.set(id, e);
    return e;
  };
  const existing = (id: string): Entry => {
    const e = entries.get(id);
    if (!e) throw fail('not_found', `No API key ${id}.`);
    return e;
  };
  const setToken =
    (name: string, envValue: string | undefined, envName: string) =>
    async (token: string | undefined): Promise<string | undefined> => {
      if (envValue !== undefined)
        throw fail('read_only', `Set by the ${envName} environment variable.`);
      if (token === undefined) {
        await queue.run(() => vault.delete(name));
        return undefined;
      }
      checkToken(token);
      await queue.run(() => vault.set(name, token));
      return token;
    };
  const setAdmin = setToken(ADMIN, options.envAdminToken, 'ADMIN_TOKEN');
  const setMetrics = setToken(METRICS, options.envMetricsToken, 'METRICS_TOKEN');

  return {
    warnings,
    ensureDefaultKey: () =>
      queue.run(async () => {
        const first = ordered()[0];
        if (first) return { id: first.id, key: first.key, created: false };
        const e = await create('default');
        return { id: e.id, key: e.key, created: true };
      }),
    create: (name) =>
      queue.run(async () => {
        const e = await create(name);
        return { info: info(e), key: e.key };
      }),
    list: () => ordered().map(info),
    revoke: (id) =>
      queue.run(async () => {
        const e = existing(id);
        if (e.readOnly) {
          throw fail(
            'read_only',
            'This key comes from the API_KEYS environment variable; remove it there.',
          );
        }
        await vault.delete(ENTRY_PREFIX + id);
        entries.delete(id);
        dirty.delete(id);
      }),
    reveal: async (id) => existing(id).key,
    verify: (candidate) => {
      const d = digest(typeof candidate === 'string' ? candidate : '');
      let found: string | null = null;
      for (const e of entries.values()) {
        // No early exit: every key is compared whatever the outcome.
        const same = timingSafeEqual(d, e.digest);
        if (same && found === null) found = e.id;
      }
      return found;
    },
    touch: (id) => {
      const e = entries.get(id);
      if (!e) return;
      e.lastUsedAt = now();
      if (e.readOnly) return;
      dirty.add(id);
      if (e.lastUsedAt - (persistedUse.get(id) ?? 0) >= interval) {
        // Claimed now, not when the write lands, so a burst of requests schedules one write.
        persistedUse.set(id, e.lastUsedAt);
        writeUse(id).catch(onError);
      }
    },
    flush: async () => {
      await Promise.all([...dirty].map(writeUse));
    },
    adminToken: () => options.envAdminToken ?? storedAdmin,
    setAdminToken: async (token) => {
      storedAdmin = await setAdmin(token);
    },
    metricsToken: () => options.envMetricsToken ?? storedMetrics,
    setMetricsToken: async (token) => {
      storedMetrics = await setMetrics(token);
    },
  };
}
