import { describe, expect, it } from 'vitest';
import { LogBus } from './log-bus';
import type { EntrySummary, LogPush } from './types';

const summary = (id: string, status?: number): EntrySummary => ({
  id,
  time: 1,
  protocol: 'openai',
  endpoint: 'POST /v1/chat/completions',
  stream: false,
  toolCalls: 0,
  inProgress: status === undefined,
  ...(status !== undefined ? { status } : {}),
});

/** A bus whose timer only fires when the test says so. */
function manualBus(opts: { maxBatch?: number; maxQueue?: number } = {}) {
  const timers: Array<{ fn: () => void; ms: number; live: boolean }> = [];
  const bus = new LogBus({
    ...opts,
    intervalMs: 100,
    schedule: (fn, ms) => {
      const t = { fn, ms, live: true };
      timers.push(t);
      return () => (t.live = false);
    },
  });
  const fire = () => {
    for (const t of timers.splice(0)) if (t.live) t.fn();
  };
  return { bus, timers, fire };
}

describe('LogBus', () => {
  it('batches changes per interval, latest summary per entry, with rising seq', () => {
    const { bus, timers, fire } = manualBus();
    const got: LogPush[] = [];
    bus.subscribe((p) => got.push(p));
    bus.publish(summary('a'));
    bus.publish(summary('b'));
    bus.publish(summary('a', 200));
    expect(got).toEqual([]);
    expect(timers.filter((t) => t.live)).toHaveLength(1); // one timer for the whole batch
    expect(timers[0]?.ms).toBe(100);
    fire();
    expect(got).toEqual([{ seq: 3, upserts: [summary('b'), summary('a', 200)] }]);
    bus.publish(summary('c'));
    fire();
    expect(got[1]).toEqual({ seq: 4, upserts: [summary('c')] });
    expect(bus.seq).toBe(4);
    fire();
    expect(got).toHaveLength(2); // nothing new, nothing sent
  });

  it('sends at once when a batch is full', async () => {
    const { bus } = manualBus({ maxBatch: 3 });
    const got: LogPush[] = [];
    bus.subscribe((p) => got.push(p));
    for (const id of ['a', 'b', 'c']) bus.publish(summary(id));
    await Promise.resolve();
    expect(got.map((p) => p.upserts.length)).toEqual([3]);
  });

  it('drops the oldest changes of a subscriber that cannot keep up and marks a gap', () => {
    const { bus, fire } = manualBus({ maxQueue: 3 });
    const slow: LogPush[] = [];
    const fast: LogPush[] = [];
    const sub = bus.subscribe((p) => slow.push(p));
    bus.subscribe((p) => fast.push(p));
    sub.pause();
    for (const id of ['a', 'b', 'c', 'd', 'e']) {
      bus.publish(summary(id));
      if (id === 'b') fire(); // the other subscriber keeps receiving
    }
    fire();
    expect(slow).toEqual([]);
    sub.resume();
    fire();
    expect(slow).toEqual([
      { seq: 5, upserts: [summary('c'), summary('d'), summary('e')], gap: true },
    ]);
    bus.publish(summary('f'));
    fire();
    expect(slow[1]).toEqual({ seq: 6, upserts: [summary('f')] }); // gap cleared
    expect(fast.flatMap((p) => p.upserts.map((u) => u.id))).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(fast.some((p) => p.gap)).toBe(false);
  });

  it('delivers on its own timer and stops after close', async () => {
    const bus = new LogBus({ intervalMs: 5 });
    const pushes: LogPush[] = [];
    const sub = bus.subscribe((p) => pushes.push(p));
    bus.publish(summary('a'));
    await waitFor(() => pushes.length === 1);
    sub.close();
    bus.publish(summary('b'));
    bus.flush();
    expect(pushes).toHaveLength(1);
    bus.close();
  });

  it('keeps delivering to others when a listener throws', () => {
    const { bus, fire } = manualBus();
    const got: LogPush[] = [];
    bus.subscribe(() => {
      throw new Error('boom');
    });
    bus.subscribe((p) => got.push(p));
    bus.publish(summary('a'));
    fire();
    expect(got).toHaveLength(1);
  });
});

async function waitFor(cond: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
