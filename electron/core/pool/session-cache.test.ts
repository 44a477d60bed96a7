import { describe, expect, it } from 'vitest';
import { SessionCache } from './session-cache';

function cacheAt(options: { maxEntries?: number; ttlMs?: number } = {}) {
  let now = 1_000;
  const cache = new SessionCache({ ...options, now: () => now });
  return { cache, tick: (ms: number) => (now += ms) };
}

const bind = (n: number) => ({ sessionId: `s${n}`, instanceId: n % 2 ? 'a' : 'b' });

describe('SessionCache', () => {
  it('stores and finds a binding with its turns and time', () => {
    const { cache } = cacheAt();
    cache.store('k', { sessionId: 's', instanceId: 'a', turns: 3 });
    expect(cache.lookup('k')).toEqual({
      sessionId: 's',
      instanceId: 'a',
      turns: 3,
      tokens: 0,
      storedAt: 1_000,
    });
    expect(cache.lookup('other')).toBeUndefined();
  });

  it('evicts the least recently used entry beyond maxEntries', () => {
    const { cache } = cacheAt({ maxEntries: 2 });
    cache.store('k1', bind(1));
    cache.store('k2', bind(2));
    cache.lookup('k1'); // k2 is now the least recently used
    cache.store('k3', bind(3));
    expect(cache.lookup('k2')).toBeUndefined();
    expect(cache.lookup('k1')?.sessionId).toBe('s1');
    expect(cache.lookup('k3')?.sessionId).toBe('s3');
    expect(cache.stats()).toMatchObject({ size: 2, evictions: 1 });
  });

  it('on overflow drops the least recently used first, counting the expired ones as expired', () => {
    const { cache, tick } = cacheAt({ maxEntries: 2, ttlMs: 10_000 });
    cache.store('old', bind(1));
    tick(10_000);
    cache.store('k2', bind(2));
    cache.store('k3', bind(3));
    cache.store('k4', bind(4));
    expect(cache.stats()).toMatchObject({ size: 2, expired: 1, evictions: 1 });
    expect(cache.missing('old')).toEqual({ kind: 'expired' });
    expect(cache.missing('k2')).toEqual({ kind: 'evicted' });
    expect(cache.lookup('k4')?.sessionId).toBe('s4');
  });

  it('expires entries after the TTL', () => {
    const { cache, tick } = cacheAt({ ttlMs: 10_000 });
    cache.store('k', bind(1));
    tick(9_999);
    expect(cache.lookup('k')).toBeDefined();
    tick(1);
    expect(cache.lookup('k')).toBeUndefined();
    expect(cache.stats()).toMatchObject({ size: 0, expired: 1 });
  });

  it('invalidates every binding of one instance', () => {
    const { cache } = cacheAt();
    for (let n = 1; n <= 4; n += 1) cache.store(`k${n}`, bind(n));
    expect(cache.invalidateInstance('a')).toBe(2);
    expect(['k1', 'k2', 'k3', 'k4'].map((k) => cache.lookup(k)?.instanceId)).toEqual([
      undefined,
      'b',
      undefined,
      'b',
    ]);
  });

  it('counts hits and misses as the caller reports them, and shrinks on configure', () => {
    const { cache } = cacheAt();
    cache.recordHit(true);
    cache.recordHit(false);
    cache.recordHit(false);
    for (let n = 1; n <= 5; n += 1) cache.store(`k${n}`, bind(n));
    cache.configure({ maxEntries: 2 });
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 2, size: 2, evictions: 3 });
  });

  it('hands an entry to one taker only, who stores the next tip', () => {
    const { cache } = cacheAt();
    cache.store('k', { ...bind(1), head: 'h', items: ['u1', 'a1'], tokens: 40 }, ['c:x']);
    const taken = cache.take('k');
    expect(taken).toMatchObject({ sessionId: 's1', head: 'h', items: ['u1', 'a1'], tokens: 40 });
    expect(cache.take('k')).toBeUndefined();
    // The conversation is still recalled by its tag, to explain a miss while the session is busy.
    expect(cache.recall('c:x')).toEqual({ head: 'h', items: ['u1', 'a1'] });
    cache.store('k2', { ...bind(1), head: 'h', items: ['u1', 'a1', 't1', 'a2'] }, ['c:x']);
    expect(cache.recall('c:x')?.items).toHaveLength(4);
    expect(cache.recall('c:other')).toBeUndefined();
  });

  it('does not hand out an expired entry', () => {
    const { cache, tick } = cacheAt({ ttlMs: 10 });
    cache.store('k', bind(1));
    tick(10);
    expect(cache.take('k')).toBeUndefined();
    expect(cache.stats().expired).toBe(1);
  });
});
