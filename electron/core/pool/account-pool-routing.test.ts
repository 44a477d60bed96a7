import { describe, expect, it } from 'vitest';
import { NoCapacityError } from './errors';
import { fakeAccount, poolHarness, startWith } from './testing/pool-harness';
import type { Lease } from './types';

const ok = { kind: 'ok' } as const;

async function threeAccounts(strategy?: 'least-busy' | 'round-robin' | 'fill-first') {
  const h = poolHarness({ strategy, maxConcurrentPerInstance: 2 });
  await startWith(h, [fakeAccount('a'), fakeAccount('b'), fakeAccount('c')]);
  expect(h.states()).toEqual({ a: 'ready', b: 'ready', c: 'ready' });
  return h;
}

describe('AccountPool routing strategies', () => {
  it('least-busy picks the fewest in flight, ties going to the least recently used', async () => {
    const h = await threeAccounts('least-busy');
    const first = await h.pool.acquire();
    const second = await h.pool.acquire();
    const third = await h.pool.acquire();
    expect([first.instanceId, second.instanceId, third.instanceId]).toEqual(['a', 'b', 'c']);
    await h.clock.advance(10);
    second.release(ok); // b: 0 in flight, used most recently
    await h.clock.advance(10);
    third.release(ok); // c: 0 in flight, used even more recently
    expect((await h.pool.acquire()).instanceId).toBe('b');
  });

  it('round-robin cycles through instances in account order', async () => {
    const h = await threeAccounts('round-robin');
    const ids: string[] = [];
    for (let n = 0; n < 4; n += 1) {
      const lease = await h.pool.acquire();
      ids.push(lease.instanceId);
      lease.release(ok);
    }
    expect(ids).toEqual(['a', 'b', 'c', 'a']);
  });

  it('fill-first fills the first instance before using the next', async () => {
    const h = await threeAccounts('fill-first');
    const ids = [await h.pool.acquire(), await h.pool.acquire(), await h.pool.acquire()].map(
      (l) => l.instanceId,
    );
    expect(ids).toEqual(['a', 'a', 'b']);
  });

  it('exclude skips instances that already failed the request', async () => {
    const h = await threeAccounts('fill-first');
    const lease = await h.pool.acquire({ exclude: ['a', 'b'] });
    expect(lease.instanceId).toBe('c');
    const err = await h.pool.acquire({ exclude: ['a', 'b', 'c'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NoCapacityError);
    expect((err as NoCapacityError).reason).toBe('all_unavailable');
  });
});

describe('AccountPool affinity', () => {
  it('honours preferInstanceId only while that instance is ready with a free slot', async () => {
    const h = poolHarness({ maxConcurrentPerInstance: 1 });
    await startWith(h, [fakeAccount('a'), fakeAccount('b')]);
    const bound = await h.pool.acquire({ preferInstanceId: 'b' });
    expect(bound).toMatchObject({ instanceId: 'b', affinityHonoured: true });
    // b is busy: the request goes elsewhere and the caller learns it is a reuse miss.
    const busy = await h.pool.acquire({ preferInstanceId: 'b' });
    expect(busy).toMatchObject({ instanceId: 'a', affinityHonoured: false });
    busy.release(ok);
    bound.release(ok);
    h.sup('b').crash();
    await h.flush();
    expect(await h.pool.acquire({ preferInstanceId: 'b' })).toMatchObject({
      instanceId: 'a',
      affinityHonoured: false,
    });
  });

  it('a lease without a preference counts as honoured', async () => {
    const h = poolHarness();
    await startWith(h, [fakeAccount('a')]);
    expect((await h.pool.acquire()).affinityHonoured).toBe(true);
  });

  it('keeps one affinity key on one instance, and moves it only when that instance is down', async () => {
    const h = poolHarness({ strategy: 'round-robin', maxConcurrentPerInstance: 1 });
    await startWith(h, [fakeAccount('a'), fakeAccount('b'), fakeAccount('c')]);
    const seen: string[] = [];
    for (let n = 0; n < 3; n += 1) {
      const lease = await h.pool.acquire({ affinityKey: 'user-42' });
      seen.push(lease.instanceId);
      lease.release(ok);
    }
    expect(new Set(seen).size).toBe(1);
    const home = seen[0] as string;
    // Saturated: served elsewhere, but the key stays home.
    const hold = await h.pool.acquire({ affinityKey: 'user-42' });
    const overflow = await h.pool.acquire({ affinityKey: 'user-42' });
    expect(overflow.instanceId).not.toBe(home);
    overflow.release(ok);
    hold.release(ok);
    expect((await h.pool.acquire({ affinityKey: 'user-42' })).instanceId).toBe(home);
    h.sup(home).crash();
    await h.flush();
    const moved = await h.pool.acquire({ affinityKey: 'user-42' });
    expect(moved.instanceId).not.toBe(home);
    h.sup(home).recover();
    await h.flush();
    moved.release(ok);
    expect((await h.pool.acquire({ affinityKey: 'user-42' })).instanceId).toBe(moved.instanceId);
  });
});

describe('AccountPool admission queue', () => {
  it('queues FIFO when every instance is full and hands over freed slots in order', async () => {
    const h = poolHarness();
    await startWith(h, [fakeAccount('a')]);
    const held = await h.pool.acquire();
    const order: string[] = [];
    const first = h.pool.acquire().then((l) => (order.push('first'), l));
    const second = h.pool.acquire().then((l) => (order.push('second'), l));
    await h.flush();
    expect(h.pool.stats().queued).toBe(2);
    await h.clock.advance(1_500);
    held.release(ok);
    const got = await first;
    expect(got.queuedMs).toBe(1_500);
    got.release(ok);
    (await second).release(ok);
    expect(order).toEqual(['first', 'second']);
    expect(h.pool.stats().queued).toBe(0);
  });

  it('rejects with queue_timeout and a retry hint when no slot frees in time', async () => {
    const h = poolHarness({ queueTimeoutMs: 2_000 });
    await startWith(h, [fakeAccount('a')]);
    await h.pool.acquire();
    const waiting = h.pool.acquire().catch((e: unknown) => e);
    await h.clock.advance(1_999);
    expect(h.pool.stats().queued).toBe(1);
    await h.clock.advance(1);
    const err = (await waiting) as NoCapacityError;
    expect(err).toBeInstanceOf(NoCapacityError);
    expect(err.reason).toBe('queue_timeout');
    expect(err.retryAfterMs).toBeGreaterThanOrEqual(1_000);
    expect(h.pool.stats().rejected).toEqual({ queue_timeout: 1 });
  });

  it('an abort while queued rejects with the reason and frees the queue position', async () => {
    const h = poolHarness();
    await startWith(h, [fakeAccount('a')]);
    const held = await h.pool.acquire();
    const ac = new AbortController();
    const aborted = h.pool.acquire({ signal: ac.signal }).catch((e: unknown) => e);
    const next = h.pool.acquire();
    await h.flush();
    ac.abort(new Error('client went away'));
    expect(((await aborted) as Error).message).toBe('client went away');
    held.release(ok);
    expect((await next).instanceId).toBe('a');
    await expect(h.pool.acquire({ signal: AbortSignal.abort() })).rejects.toBeDefined();
  });

  it('release is idempotent: a double release frees one slot only', async () => {
    const h = poolHarness({ maxConcurrentPerInstance: 2 });
    await startWith(h, [fakeAccount('a')]);
    const one: Lease = await h.pool.acquire();
    await h.pool.acquire();
    one.release(ok);
    one.release(ok);
    expect(h.pool.snapshot()[0]).toMatchObject({ inFlight: 1, served: 1 });
  });

  it('waits for instances that are still starting instead of refusing', async () => {
    const h = poolHarness({ manualStart: true });
    h.disk.login('/fake/a');
    await h.pool.setAccounts([fakeAccount('a')]);
    const pending = h.pool.acquire();
    await h.flush();
    expect(h.states()).toEqual({ a: 'starting' });
    h.sup('a').finishStart();
    expect((await pending).instanceId).toBe('a');
  });
});
