import { describe, expect, it } from 'vitest';
import type { ChatEvent, ChatTurn } from '../../lingma/types';
import { LingmaError } from '../../lingma/types';
import { FakeClock, flush } from '../../pool/testing/fake-clock';
import { watchTurn } from './turn-watchdog';

/** A turn the test feeds by hand; `cancel` is recorded and ends it like the runner does. */
function manualTurn() {
  const queue: ChatEvent[] = [];
  let wake: (() => void) | undefined;
  let ended = false;
  const cancels: string[] = [];
  const turn: ChatTurn = {
    requestId: 'r1',
    cancel: async (reason) => {
      cancels.push(reason ?? '');
      ended = true;
      wake?.();
    },
    async *[Symbol.asyncIterator]() {
      for (;;) {
        const ev = queue.shift();
        if (ev) {
          yield ev;
          continue;
        }
        if (ended) return;
        await new Promise<void>((r) => (wake = r));
      }
    },
  };
  const push = (ev: ChatEvent): void => {
    queue.push(ev);
    wake?.();
  };
  return { turn, push, cancels, end: () => ((ended = true), wake?.()) };
}

const step: ChatEvent = { type: 'step', step: 'step_start', status: 'doing' };
const text = (t: string): ChatEvent => ({ type: 'text', text: t, overwrite: false });

async function failure(p: Promise<unknown>): Promise<LingmaError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof LingmaError)) throw new Error(`expected a LingmaError, got ${String(err)}`);
  return err;
}

describe('watchTurn', () => {
  it('fails a turn that shows no answer within firstEventMs (steps do not count), and stops it', async () => {
    const clock = new FakeClock();
    const m = manualTurn();
    const it = watchTurn(m.turn, { firstEventMs: 1_000, idleMs: 5_000, clock })[
      Symbol.asyncIterator
    ]();
    m.push(step);
    expect((await it.next()).value).toEqual(step);
    const second = it.next();
    await clock.advance(999);
    m.push(step);
    expect((await second).value).toEqual(step);
    // The limit counts from the start of the turn: the step did not buy more time.
    const pending = failure(it.next());
    await flush();
    expect(m.cancels).toEqual([]);
    await clock.advance(1);
    const err = await pending;
    expect(err.code).toBe('timeout');
    expect(err.details).toMatchObject({ phase: 'first-event', timeoutMs: 1_000 });
    expect(m.cancels).toEqual(['first-event timeout']);
    expect((await it.next()).done).toBe(true);
  });

  it('once the answer began, fails only after idleMs of silence; any event restarts the clock', async () => {
    const clock = new FakeClock();
    const m = manualTurn();
    const it = watchTurn(m.turn, { firstEventMs: 1_000, idleMs: 3_000, clock })[
      Symbol.asyncIterator
    ]();
    m.push(text('a'));
    await it.next();
    let next = it.next();
    await clock.advance(2_500);
    m.push(step);
    expect((await next).value).toEqual(step);
    next = it.next();
    await clock.advance(2_500);
    m.push(text('b'));
    expect((await next).value).toEqual(text('b'));
    const pending = failure(it.next());
    await clock.advance(3_000);
    expect((await pending).details).toMatchObject({ phase: 'idle' });
    expect(m.cancels).toHaveLength(1);
  });

  it('0 disables a limit, and a finished turn leaves no timer behind', async () => {
    const clock = new FakeClock();
    const m = manualTurn();
    const it = watchTurn(m.turn, { firstEventMs: 0, idleMs: 0, clock })[Symbol.asyncIterator]();
    const next = it.next();
    await clock.advance(60 * 60_000);
    m.push(text('late'));
    expect((await next).value).toEqual(text('late'));
    m.end();
    expect((await it.next()).done).toBe(true);
    expect(clock.pending).toBe(0);
    expect(m.cancels).toEqual([]);
  });
});
