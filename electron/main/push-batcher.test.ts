import { afterEach, describe, expect, it, vi } from 'vitest';
import { keepLast, PushBatcher } from './push-batcher';

afterEach(() => vi.useRealTimers());

describe('PushBatcher', () => {
  it('queues until ready, then sends one batch per interval', () => {
    vi.useFakeTimers();
    const sent: Array<[string, unknown]> = [];
    const b = new PushBatcher({ send: (c, p) => sent.push([c, p]) }, { status: keepLast });
    b.push('status', 1);
    b.push('status', 2);
    b.push('log', 'a');
    vi.advanceTimersByTime(100);
    expect(sent).toEqual([]);
    b.setReady(true);
    b.push('log', 'b');
    vi.advanceTimersByTime(16);
    expect(sent).toEqual([
      ['status', 2],
      ['log', 'a'],
      ['log', 'b'],
    ]);
  });

  it('bounds what it keeps for a window that is not ready', () => {
    vi.useFakeTimers();
    const sent: unknown[] = [];
    const b = new PushBatcher({ send: (_c, p) => sent.push(p) }, {}, 16, 3);
    for (let i = 0; i < 10; i += 1) b.push('log', i);
    b.setReady(true);
    vi.advanceTimersByTime(16);
    expect(sent).toEqual([7, 8, 9]);
  });
});
