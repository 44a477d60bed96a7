import { describe, expect, it } from 'vitest';
import { silentLogger } from '../util/logger';
import { COUNTERS_MS, PoolEvents } from './pool-events';
import { FakeClock, flush } from './testing/fake-clock';

function events() {
  const clock = new FakeClock();
  let n = 0;
  const e = new PoolEvents(() => [], silentLogger, clock);
  const seen: number[] = [];
  e.onChange(() => void seen.push(++n));
  return { clock, e, seen };
}

describe('PoolEvents', () => {
  it('announces a burst of counter changes once, within COUNTERS_MS', async () => {
    const { clock, e, seen } = events();
    for (let i = 0; i < 50; i++) e.counted();
    await flush();
    expect(seen).toEqual([]);
    await clock.advance(COUNTERS_MS);
    expect(seen).toEqual([1]);
    expect(clock.pending).toBe(0);
  });

  it('a state change goes out at the end of the tick and takes pending counters with it', async () => {
    const { clock, e, seen } = events();
    e.counted();
    e.changed();
    e.changed();
    await flush();
    expect(seen).toEqual([1]);
    expect(clock.pending).toBe(0);
  });

  it('stop() leaves no timer behind', () => {
    const { clock, e } = events();
    e.counted();
    e.stop();
    expect(clock.pending).toBe(0);
  });
});
