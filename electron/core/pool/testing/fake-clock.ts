/**
 * Manual time for pool tests: timers fire only when a test advances the clock, so cooldowns,
 * queue timeouts and health checks are exercised without sleeping or timing assertions.
 */
import type { PoolClock, PoolTimer } from '../clock';

interface Pending {
  id: number;
  at: number;
  fn: () => void;
}

/** Lets every pending microtask and promise continuation run. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class FakeClock implements PoolClock {
  private time: number;
  private seq = 0;
  private timers: Pending[] = [];

  constructor(start = 1_700_000_000_000) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): PoolTimer {
    const id = ++this.seq;
    this.timers.push({ id, at: this.time + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: PoolTimer): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  /** Pending timers (for tests that check nothing is left behind). */
  get pending(): number {
    return this.timers.length;
  }

  /** Moves time forward, firing due timers in order and flushing promises after each. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const next = this.timers
        .filter((t) => t.at <= end)
        .sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.time = Math.max(this.time, next.at);
      next.fn();
      await flush();
    }
    this.time = end;
    await flush();
  }
}
