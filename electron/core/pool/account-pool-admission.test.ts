import { describe, expect, it } from 'vitest';
import { MAX_QUEUED } from './admission';
import { NoCapacityError } from './errors';
import { fakeAccount, poolHarness, startWith } from './testing/pool-harness';
import type { LeaseOutcome } from './types';

const ok: LeaseOutcome = { kind: 'ok' };

describe('AccountPool: one admission queue, one timeout', () => {
  it('applies the gateway-wide in-flight limit across instances, FIFO', async () => {
    const h = poolHarness({ maxConcurrentPerInstance: 2, maxInFlight: 2 });
    await startWith(h, [fakeAccount('a'), fakeAccount('b')]);
    const one = await h.pool.acquire();
    await h.pool.acquire();
    const order: string[] = [];
    const third = h.pool.acquire().then((l) => (order.push('third'), l));
    const fourth = h.pool.acquire().then((l) => (order.push('fourth'), l));
    await h.flush();
    expect(h.pool.admissionStats()).toEqual({
      inFlight: 2,
      queued: 2,
      rejectedTotal: 0,
      maxInFlight: 2,
    });
    one.release(ok);
    const got = await third;
    await h.flush();
    expect(order).toEqual(['third']);
    got.release(ok);
    await fourth;
    expect(order).toEqual(['third', 'fourth']);
  });

  it('a request waits at most queueTimeoutMs in all, not once per limit', async () => {
    const h = poolHarness({ maxInFlight: 1, queueTimeoutMs: 3_000 });
    await startWith(h, [fakeAccount('a'), fakeAccount('b')]);
    await h.pool.acquire();
    const waiting = h.pool.acquire().catch((e: unknown) => e);
    await h.clock.advance(2_999);
    expect(h.pool.admissionStats().queued).toBe(1);
    await h.clock.advance(1);
    const err = (await waiting) as NoCapacityError;
    expect(err).toBeInstanceOf(NoCapacityError);
    expect(err.reason).toBe('queue_timeout');
    expect(err.retryAfterMs).toBeGreaterThanOrEqual(1_000);
    expect(h.pool.admissionStats()).toMatchObject({ queued: 0, rejectedTotal: 1 });
  });

  it('refuses at once with queue_full when the queue holds MAX_QUEUED waiters', async () => {
    const h = poolHarness({ maxInFlight: 1 });
    await startWith(h, [fakeAccount('a')]);
    await h.pool.acquire();
    const parked = Array.from({ length: MAX_QUEUED }, () =>
      h.pool.acquire().catch(() => undefined),
    );
    await expect(h.pool.acquire()).rejects.toMatchObject({ reason: 'queue_full' });
    expect(h.pool.admissionStats()).toMatchObject({ queued: MAX_QUEUED, rejectedTotal: 1 });
    await h.pool.stop();
    await Promise.all(parked);
  });

  it('a raised limit admits waiters; 0 means no gateway-wide limit', async () => {
    const h = poolHarness({ maxConcurrentPerInstance: 8, maxInFlight: 1 });
    await startWith(h, [fakeAccount('a')]);
    await h.pool.acquire();
    const waiting = h.pool.acquire();
    await h.flush();
    h.pool.configure({ maxInFlight: 0 });
    await waiting;
    await Promise.all(Array.from({ length: 6 }, () => h.pool.acquire()));
    expect(h.pool.admissionStats()).toMatchObject({ inFlight: 8, maxInFlight: 0 });
  });
});

describe('AccountPool: a crashed child comes back', () => {
  it('queues requests while the only child restarts instead of refusing them', async () => {
    const h = poolHarness({ queueTimeoutMs: 30_000 });
    await startWith(h, [fakeAccount('a')]);
    h.sup('a').crash(h.clock.now());
    await h.flush();
    expect(h.states()).toEqual({ a: 'crashed' });
    const pending = h.pool.acquire();
    await h.clock.advance(800);
    h.sup('a').recover();
    const lease = await pending;
    expect(lease.instanceId).toBe('a');
    expect(lease.queuedMs).toBe(800);
  });

  it('answers 503 with Retry-After only when no child can be back within the queue wait', async () => {
    const h = poolHarness({ queueTimeoutMs: 5_000 });
    await startWith(h, [fakeAccount('a')]);
    h.sup('a').crash(h.clock.now() + 20_000);
    await h.flush();
    const err = (await h.pool.acquire().catch((e: unknown) => e)) as NoCapacityError;
    expect(err.reason).toBe('all_unavailable');
    expect(err.retryAfterMs).toBe(20_000);
  });

  it('a request whose child died waits for that instance to restart, not for another account', async () => {
    const h = poolHarness();
    await startWith(h, [fakeAccount('a')]);
    const first = await h.pool.acquire();
    const dead = first.client;
    first.release({ kind: 'connection_lost' });
    // Asked again before the supervisor noticed the death: it waits rather than refusing.
    const retry = h.pool.acquire({ failedClients: [dead] });
    await h.flush();
    h.sup('a').crash(h.clock.now());
    await h.flush();
    h.sup('a').recover();
    const lease = await retry;
    expect(lease.instanceId).toBe('a');
    expect(lease.client).not.toBe(dead);
  });

  it('tells the supervisor when its child completed a turn (crash-loop bookkeeping)', async () => {
    const h = poolHarness();
    await startWith(h, [fakeAccount('a')]);
    (await h.pool.acquire()).release(ok);
    (await h.pool.acquire()).release({ kind: 'error', message: 'x' });
    expect(h.sup('a').healthyNotes).toBe(1);
  });
});

describe('AccountPool: a turn timeout triggers a stuck check', () => {
  const timeout: LeaseOutcome = { kind: 'timeout', message: 'no answer' };

  it('holds the child back while probing, then resumes it when it answers', async () => {
    const h = poolHarness({ maxConcurrentPerInstance: 2 });
    await startWith(h, [fakeAccount('a')]);
    const client = h.sup('a').client;
    let answer: () => void = () => undefined;
    if (!client) throw new Error('no client');
    client.request = (method: string) => {
      client.requests.push(method);
      return new Promise((resolve) => (answer = () => resolve(null)));
    };
    (await h.pool.acquire()).release(timeout);
    await h.flush();
    expect(client.requests).toEqual(['auth/status']);
    const queued = h.pool.acquire();
    await h.flush();
    expect(h.pool.admissionStats().queued).toBe(1);
    answer();
    expect((await queued).instanceId).toBe('a');
    expect(h.sup('a').stopCalls).toBe(0);
  });

  it('kills and restarts a child that does not answer the probe', async () => {
    const h = poolHarness();
    await startWith(h, [fakeAccount('a')]);
    const client = h.sup('a').client;
    if (!client) throw new Error('no client');
    client.requestError = new Error('timeout');
    (await h.pool.acquire()).release(timeout);
    await h.flush();
    await h.flush();
    expect(h.sup('a').stopCalls).toBe(1);
    expect(h.sup('a').startCalls).toBe(2);
    expect((await h.pool.acquire()).instanceId).toBe('a');
  });

  it('restarts a child whose second turn in a row timed out, even if it answers', async () => {
    const h = poolHarness();
    await startWith(h, [fakeAccount('a')]);
    (await h.pool.acquire()).release(timeout);
    await h.flush();
    expect(h.sup('a').stopCalls).toBe(0);
    (await h.pool.acquire()).release(timeout);
    await h.flush();
    await h.flush();
    expect(h.sup('a').stopCalls).toBe(1);
    // A success in between would have cleared the count.
    (await h.pool.acquire()).release(ok);
    (await h.pool.acquire()).release(timeout);
    await h.flush();
    expect(h.sup('a').stopCalls).toBe(1);
  });
});
