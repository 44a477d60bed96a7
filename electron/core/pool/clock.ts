/**
 * Time as a dependency, so tests drive cooldowns, queue timeouts and health checks without
 * sleeping. Same shape as lingma/clock.ts: one clock object can serve both layers.
 */

export type PoolTimer = unknown;

export interface PoolClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): PoolTimer;
  clearTimeout(handle: PoolTimer): void;
}

/** The real clock. Timers are unref'd: a pending cooldown alone never keeps Node alive. */
export const systemPoolClock: PoolClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
