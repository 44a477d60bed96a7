import { describe, expect, it } from 'vitest';
import { ConcurrencyLimiter } from './concurrency-limiter';
import { LimiterRejectedError } from './errors';
import { FakeClock, flush } from './testing/fake-clock';

function limiter(maxInFlight: number, queueTimeoutMs = 30_000, maxQueued?: number) {
  const clock = new FakeClock();
  return {
    clock,
    limiter: new ConcurrencyLimiter({ maxInFlight, queueTimeoutMs, maxQueued, clock }),
  };
}

describe('ConcurrencyLimiter', () => {
  it('admits up to the limit, queues the rest FIFO, and admits on release', async () => {
    const { limiter: l } = limiter(2);
    const t1 = await l.acquire();
    await l.acquire();
    const order: number[] = [];
    const q1 = l.acquire().then((t) => (order.push(1), t));
    const q2 = l.acquire().then((t) => (order.push(2), t));
    await flush();
    expect(l.stats()).toMatchObject({ inFlight: 2, queued: 2 });
    t1.release();
    (await q1).release();
    await q2;
    expect(order).toEqual([1, 2]);
    expect(l.stats()).toMatchObject({ inFlight: 2, queued: 0, rejectedTotal: 0 });
  });

  it('a ticket released twice frees one slot only', async () => {
    const { limiter: l } = limiter(1);
    const t = await l.acquire();
    const waiting = l.acquire();
    const third = l.acquire();
    t.release();
    t.release();
    await waiting;
    await flush();
    expect(l.stats()).toMatchObject({ inFlight: 1, queued: 1 });
    void third;
  });

  it('rejects with a Retry-After when the queue wait runs out, and counts it', async () => {
    const { clock, limiter: l } = limiter(1, 5_000);
    await l.acquire();
    const waiting = l.acquire().catch((e: unknown) => e);
    await clock.advance(5_000);
    const err = (await waiting) as LimiterRejectedError;
    expect(err).toBeInstanceOf(LimiterRejectedError);
    expect(err.reason).toBe('queue_timeout');
    expect(err.retryAfterMs).toBeGreaterThanOrEqual(1_000);
    expect(l.stats()).toMatchObject({ inFlight: 1, queued: 0, rejectedTotal: 1 });
  });

  it('refuses at once when the queue is full', async () => {
    const { limiter: l } = limiter(1, 5_000, 1);
    await l.acquire();
    void l.acquire().catch(() => undefined);
    await expect(l.acquire()).rejects.toMatchObject({ reason: 'queue_full' });
  });

  it('an abort while queued rejects with the reason and does not count as rejected', async () => {
    const { limiter: l } = limiter(1);
    const t = await l.acquire();
    const ac = new AbortController();
    const waiting = l.acquire(ac.signal).catch((e: unknown) => e);
    ac.abort(new Error('gone'));
    expect(((await waiting) as Error).message).toBe('gone');
    t.release();
    expect(l.stats()).toMatchObject({ inFlight: 0, queued: 0, rejectedTotal: 0 });
  });

  it('0 means no limit, and a raised limit admits waiters at once', async () => {
    const { limiter: unlimited } = limiter(0);
    await Promise.all(Array.from({ length: 50 }, () => unlimited.acquire()));
    expect(unlimited.stats().inFlight).toBe(50);
    const { limiter: l } = limiter(1);
    await l.acquire();
    const waiting = l.acquire();
    l.configure({ maxInFlight: 2 });
    await waiting;
    expect(l.stats()).toMatchObject({ inFlight: 2, maxInFlight: 2 });
  });
});
