import * as nodeCrypto from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isGeneratedKeyFormat, openApiKeyStore, randomBase62 } from './api-keys';
import { createMemoryVault, type SecretVault } from './secret-vault';

// Count timingSafeEqual calls to prove verify() compares against every key, match or not.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

afterEach(() => vi.mocked(nodeCrypto.timingSafeEqual).mockClear());

/** A vault that counts writes. */
function countingVault(inner: SecretVault = createMemoryVault()): SecretVault & { sets: number } {
  const v = {
    sets: 0,
    encryptedAtRest: inner.encryptedAtRest,
    get: (n: string) => inner.get(n),
    list: () => inner.list(),
    delete: (n: string) => inner.delete(n),
    set: (n: string, value: string) => {
      v.sets++;
      return inner.set(n, value);
    },
  };
  return v;
}

describe('key format', () => {
  it('generates lgw- + 40 base62 characters, all different', async () => {
    const store = await openApiKeyStore({ vault: createMemoryVault() });
    const keys = await Promise.all([1, 2, 3].map((i) => store.create(`k${i}`)));
    for (const { key, info } of keys) {
      expect(isGeneratedKeyFormat(key)).toBe(true);
      expect(info.prefix).toBe(key.slice(0, 8) + '…');
      expect(JSON.stringify(info)).not.toContain(key.slice(8));
    }
    expect(new Set(keys.map((k) => k.key)).size).toBe(3);
    expect(randomBase62(500)).toMatch(/^[0-9A-Za-z]{500}$/);
  });
});

describe('API key store', () => {
  it('verifies valid keys, rejects unknown and revoked ones', async () => {
    const vault = createMemoryVault();
    const store = await openApiKeyStore({ vault });
    const a = await store.create('laptop');
    const b = await store.create('ci');
    expect(store.verify(a.key)).toBe(a.info.id);
    expect(store.verify(b.key)).toBe(b.info.id);
    expect(store.verify(a.key + 'x')).toBeNull();
    expect(store.verify('')).toBeNull();
    await store.revoke(a.info.id);
    expect(store.verify(a.key)).toBeNull();
    expect(await vault.list()).toEqual([`apikey.${b.info.id}`]);
    expect((await openApiKeyStore({ vault })).verify(b.key)).toBe(b.info.id);
    await expect(store.revoke('nope')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('compares against every key without stopping at a match', async () => {
    const store = await openApiKeyStore({ vault: createMemoryVault(), envKeys: ['env-key-1'] });
    const first = await store.create('first');
    await store.create('second');
    await store.create('third');
    const spy = vi.mocked(nodeCrypto.timingSafeEqual);
    for (const candidate of [first.key, 'wrong', 'env-key-1']) {
      spy.mockClear();
      store.verify(candidate);
      expect(spy).toHaveBeenCalledTimes(4);
    }
  });

  it('accepts environment keys read-only and never stores them', async () => {
    const vault = createMemoryVault();
    const store = await openApiKeyStore({ vault, envKeys: ['sk-from-env-123', 'short'] });
    const id = store.verify('sk-from-env-123');
    expect(id).toMatch(/^env-/);
    const listed = store.list();
    expect(listed.map((k) => [k.name, k.prefix, k.readOnly])).toEqual([
      ['API_KEYS', 'sk-from…', true],
      ['API_KEYS', 'sh…', true],
    ]);
    await expect(store.revoke(id ?? '')).rejects.toMatchObject({ code: 'read_only' });
    expect(await store.reveal(id ?? '')).toBe('sk-from-env-123');
    expect(await vault.list()).toEqual([]);
  });

  it('reveals the full key for "Copy API key"', async () => {
    const store = await openApiKeyStore({ vault: createMemoryVault() });
    const { info, key } = await store.create('desk');
    expect(await store.reveal(info.id)).toBe(key);
    await expect(store.reveal('missing')).rejects.toMatchObject({ code: 'not_found' });
    await expect(store.create('  ')).rejects.toMatchObject({ code: 'invalid' });
  });

  it('creates the default key once, even when asked concurrently and after a restart', async () => {
    const vault = createMemoryVault();
    const store = await openApiKeyStore({ vault });
    const [a, b] = await Promise.all([store.ensureDefaultKey(), store.ensureDefaultKey()]);
    expect(a.created).toBe(true);
    expect(b).toEqual({ ...a, created: false });
    expect(store.list()).toHaveLength(1);
    const reopened = await openApiKeyStore({ vault });
    expect(await reopened.ensureDefaultKey()).toEqual({ ...a, created: false });
    const withEnv = await openApiKeyStore({ vault: createMemoryVault(), envKeys: ['sk-env-key'] });
    expect(await withEnv.ensureDefaultKey()).toMatchObject({ key: 'sk-env-key', created: false });
  });

  it('throttles lastUsedAt writes and flushes the rest', async () => {
    let t = 1_000_000;
    const vault = countingVault();
    const store = await openApiKeyStore({ vault, now: () => t, touchIntervalMs: 60_000 });
    const { info } = await store.create('k');
    const afterCreate = vault.sets;
    const settle = () => new Promise((r) => setImmediate(r));
    store.touch(info.id); // first use: written at once
    await settle();
    expect(vault.sets - afterCreate).toBe(1);
    for (let i = 0; i < 50; i++) {
      t += 100; // 5 s in total: inside the interval, memory only
      store.touch(info.id);
      await settle();
    }
    expect(vault.sets - afterCreate).toBe(1);
    await store.flush();
    expect(vault.sets - afterCreate).toBe(2);
    await store.flush();
    expect(vault.sets - afterCreate).toBe(2);
    t += 60_000;
    store.touch(info.id);
    await settle();
    expect(vault.sets - afterCreate).toBe(3);
    expect(store.list()[0]?.lastUsedAt).toBe(t);
    expect((await openApiKeyStore({ vault })).list()[0]?.lastUsedAt).toBe(t);
  });

  it('does not resurrect a revoked key through a pending touch', async () => {
    const vault = createMemoryVault();
    const store = await openApiKeyStore({ vault, touchIntervalMs: 0 });
    const { info } = await store.create('k');
    store.touch(info.id);
    await store.revoke(info.id);
    await store.flush();
    expect(await vault.list()).toEqual([]);
  });

  it('skips malformed vault entries without deleting them', async () => {
    const vault = createMemoryVault({ 'apikey.bad': '{nope' });
    const store = await openApiKeyStore({ vault });
    expect(store.list()).toEqual([]);
    expect(store.warnings).toHaveLength(1);
    expect(await vault.get('apikey.bad')).toBe('{nope');
  });
});

describe('admin and metrics tokens', () => {
  it('are unset by default, persist when set, and can be cleared', async () => {
    const vault = createMemoryVault();
    const store = await openApiKeyStore({ vault });
    expect(store.adminToken()).toBeUndefined();
    expect(store.metricsToken()).toBeUndefined();
    await store.setAdminToken('admin-token-0123456789');
    await store.setMetricsToken('metrics-token-0123456789');
    const reopened = await openApiKeyStore({ vault });
    expect(reopened.adminToken()).toBe('admin-token-0123456789');
    expect(reopened.metricsToken()).toBe('metrics-token-0123456789');
    await reopened.setAdminToken(undefined);
    expect(reopened.adminToken()).toBeUndefined();
    expect(await vault.get('admin-token')).toBeUndefined();
    await expect(reopened.setMetricsToken('short')).rejects.toMatchObject({ code: 'invalid' });
  });

  it('come from the environment when set there, and are then locked', async () => {
    const store = await openApiKeyStore({
      vault: createMemoryVault({ 'admin-token': 'stored-admin-token-xyz' }),
      envAdminToken: 'env-admin',
      envMetricsToken: 'env-metrics',
    });
    expect(store.adminToken()).toBe('env-admin');
    expect(store.metricsToken()).toBe('env-metrics');
    await expect(store.setAdminToken('another-admin-token-123')).rejects.toMatchObject({
      code: 'read_only',
    });
  });
});
