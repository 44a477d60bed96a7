import { describe, expect, it } from 'vitest';
import { LoginTimeoutError, PoolStoppedError } from './errors';
import { SessionCache } from './session-cache';
import { fakeAccount, poolHarness, startWith } from './testing/pool-harness';

describe('AccountPool.setAccounts reconcile', () => {
  it('adds, disables, re-enables and removes accounts', async () => {
    const h = poolHarness();
    await startWith(h, [fakeAccount('a'), fakeAccount('b')]);
    const firstA = h.sup('a');

    await h.pool.setAccounts([fakeAccount('a'), fakeAccount('b', { enabled: false })]);
    await h.flush();
    expect(h.states()).toEqual({ a: 'ready', b: 'disabled' });
    expect(h.sup('b').stopCalls).toBe(1);
    expect(h.pool.clientFor('b')).toBeNull();

    await h.pool.setAccounts([fakeAccount('a'), fakeAccount('b'), fakeAccount('c')]);
    await h.flush();
    h.disk.login('/fake/c');
    await h.pool.refreshAuth('c');
    expect(h.states()).toEqual({ a: 'ready', b: 'ready', c: 'ready' });
    expect(h.sup('a')).toBe(firstA); // untouched accounts keep their child

    await h.pool.setAccounts([fakeAccount('c', { name: 'Charlie' })]);
    await h.flush();
    expect(h.pool.snapshot().map((s) => `${s.id}:${s.accountName}`)).toEqual(['c:Charlie']);
    expect(firstA.stopCalls).toBe(1);
  });

  it('changes the worker count, copying the login into new worker dirs before they start', async () => {
    const h = poolHarness();
    await startWith(h, [fakeAccount('a')]);
    await h.pool.setAccounts([fakeAccount('a', { workers: 3 })]);
    await h.flush();
    expect(h.copies).toEqual([
      ['/fake/a', '/fake/a-w2'],
      ['/fake/a', '/fake/a-w3'],
    ]);
    expect(h.states()).toEqual({ a: 'ready', 'a#2': 'ready', 'a#3': 'ready' });
    expect(h.pool.snapshot().map((s) => s.workerIndex)).toEqual([1, 2, 3]);

    const w3 = h.sup('a#3');
    await h.pool.setAccounts([fakeAccount('a', { workers: 2 })]);
    expect(w3.stopCalls).toBe(1);
    expect(Object.keys(h.states())).toEqual(['a', 'a#2']);
  });

  it('hands a fresh primary login to logged-out workers and restarts them', async () => {
    const h = poolHarness({ loginPollMs: 1_000 });
    await startWith(h, [fakeAccount('a', { workers: 2 })], ['a']);
    expect(h.states()).toEqual({ a: 'logged-out', 'a#2': 'logged-out' });
    expect(h.copies).toEqual([]);
    const client = h.pool.clientFor('a');
    expect(client).not.toBeNull(); // available to the login flow although logged out

    const done = h.pool.waitForLogin('a', { timeoutMs: 60_000 });
    await h.clock.advance(3_000);
    h.disk.login('/fake/a', 'new@example.com');
    await h.clock.advance(1_000);
    await done;
    expect(h.copies).toEqual([['/fake/a', '/fake/a-w2']]);
    expect(h.sup('a#2').startCalls).toBe(2);
    expect(h.states()).toEqual({ a: 'ready', 'a#2': 'ready' });
  });

  it('also syncs workers when a health check is what notices the primary login', async () => {
    const h = poolHarness({ healthIntervalMs: 30_000 });
    await startWith(h, [fakeAccount('a', { workers: 2 })], ['a']);
    h.disk.login('/fake/a');
    await h.clock.advance(30_000);
    expect(h.copies).toEqual([['/fake/a', '/fake/a-w2']]);
    expect(h.states()).toEqual({ a: 'ready', 'a#2': 'ready' });
  });

  it('waitForLogin times out and honours its signal', async () => {
    const h = poolHarness();
    await startWith(h, [fakeAccount('a')], ['a']);
    const late = h.pool.waitForLogin('a', { timeoutMs: 5_000 }).catch((e: unknown) => e);
    await h.clock.advance(5_000);
    expect(await late).toBeInstanceOf(LoginTimeoutError);
    const ac = new AbortController();
    const cancelled = h.pool
      .waitForLogin('a', { timeoutMs: 5_000, signal: ac.signal })
      .catch((e: unknown) => e);
    ac.abort(new Error('window closed'));
    expect(((await cancelled) as Error).message).toBe('window closed');
    await expect(h.pool.waitForLogin('zz', { timeoutMs: 1 })).rejects.toThrow(/Unknown account/);
  });

  it('stop() refuses waiters and new requests and stops every child', async () => {
    const h = poolHarness();
    await startWith(h, [fakeAccount('a'), fakeAccount('b', { workers: 2 })]);
    await Promise.all([h.pool.acquire(), h.pool.acquire(), h.pool.acquire()]);
    const waiting = h.pool.acquire().catch((e: unknown) => e);
    await h.pool.stop();
    expect(await waiting).toBeInstanceOf(PoolStoppedError);
    await expect(h.pool.acquire()).rejects.toBeInstanceOf(PoolStoppedError);
    expect(h.built.map((s) => s.stopCalls)).toEqual([1, 1, 1]);
    expect(h.pool.snapshot()).toEqual([]);
    expect(h.clock.pending).toBe(0);
  });
});

describe('AccountPool models and session invalidation', () => {
  it('unions models across ready instances and refreshes when one becomes ready', async () => {
    const h = poolHarness();
    await startWith(h, [fakeAccount('a'), fakeAccount('b')], ['b']);
    expect((await h.pool.models()).map((m) => m.key)).toEqual(['qwen3-coder', 'qwen3-thinking']);
    const b = h.sup('b');
    h.disk.login('/fake/b');
    b.crash();
    b.recover();
    b.client!.models = [
      {
        key: 'qwen3-coder',
        displayName: 'Q',
        isReasoning: false,
        isVl: false,
        isDefault: true,
        scenes: ['developer'],
      },
      {
        key: 'kimi-k2',
        displayName: 'Kimi',
        isReasoning: false,
        isVl: false,
        isDefault: false,
        scenes: ['chat'],
      },
    ];
    await h.flush();
    const models = await h.pool.models();
    expect(models.map((m) => m.key)).toEqual(['qwen3-coder', 'qwen3-thinking', 'kimi-k2']);
    expect(models[0]?.scenes).toEqual(['chat', 'developer']);
  });

  it('drops reuse bindings of an instance that restarts, logs out or leaves', async () => {
    const cache = new SessionCache();
    const h = poolHarness({ sessionCache: cache });
    await startWith(h, [fakeAccount('a'), fakeAccount('b'), fakeAccount('c')]);
    for (const id of ['a', 'b', 'c'])
      cache.store(`k-${id}`, { sessionId: `s-${id}`, instanceId: id });
    (await h.pool.acquire({ preferInstanceId: 'a' })).release({ kind: 'rate_limited' });
    expect(cache.lookup('k-a')).toBeDefined(); // cooling down keeps the session
    h.sup('a').crash();
    await h.flush();
    (await h.pool.acquire({ preferInstanceId: 'b' })).release({ kind: 'logged_out' });
    await h.pool.setAccounts([fakeAccount('a'), fakeAccount('b')]);
    expect(['k-a', 'k-b', 'k-c'].map((k) => cache.lookup(k))).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(h.pool.stats().reuse?.invalidated).toBe(3);
  });
});
