import { describe, expect, it } from 'vitest';
import type { ChatEvent, ChatTurn } from '../lingma/types';
import { LingmaError } from '../lingma/types';
import { FakeClock, flush } from '../pool/testing/fake-clock';
import { consumeTurn } from './turn-pump';
import type { TurnTimeouts } from './watchdog';

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

/** Reads `turn` through the pump; `seen` fills as events arrive, `done` settles at the end. */
function pump(turn: ChatTurn, timeouts: TurnTimeouts, signal = new AbortController().signal) {
  const seen: ChatEvent[] = [];
  const done = consumeTurn(turn, { timeouts, signal, onEvent: (ev) => void seen.push(ev) });
  return { seen, done };
}

describe('consumeTurn: the watchdog', () => {
  it('fails a turn that shows no answer within firstEventMs (steps do not count), and stops it', async () => {
    const clock = new FakeClock();
    const m = manualTurn();
    const p = pump(m.turn, { firstEventMs: 1_000, idleMs: 5_000, clock });
    m.push(step);
    await flush();
    expect(p.seen).toEqual([step]);
    await clock.advance(999);
    m.push(step);
    await flush();
    expect(p.seen).toEqual([step, step]);
    // The limit counts from the start of the turn: the step did not buy more time.
    const pending = failure(p.done);
    await flush();
    expect(m.cancels).toEqual([]);
    await clock.advance(1);
    const err = await pending;
    expect(err.code).toBe('timeout');
    expect(err.details).toMatchObject({ phase: 'first-event', timeoutMs: 1_000 });
    expect(m.cancels).toEqual(['first-event timeout']);
    // Nothing more is read once the turn failed.
    m.push(text('late'));
    await flush();
    expect(p.seen).toEqual([step, step]);
  });

  it('once the answer began, fails only after idleMs of silence; any event restarts the clock', async () => {
    const clock = new FakeClock();
    const m = manualTurn();
    const p = pump(m.turn, { firstEventMs: 1_000, idleMs: 3_000, clock });
    m.push(text('a'));
    await flush();
    await clock.advance(2_500);
    m.push(step);
    await flush();
    expect(p.seen.at(-1)).toEqual(step);
    await clock.advance(2_500);
    m.push(text('b'));
    await flush();
    expect(p.seen.at(-1)).toEqual(text('b'));
    const pending = failure(p.done);
    await clock.advance(3_000);
    expect((await pending).details).toMatchObject({ phase: 'idle' });
    expect(m.cancels).toHaveLength(1);
  });

  it('0 disables a limit, and a finished turn leaves no timer behind', async () => {
    const clock = new FakeClock();
    const m = manualTurn();
    const p = pump(m.turn, { firstEventMs: 0, idleMs: 0, clock });
    await clock.advance(60 * 60_000);
    m.push(text('late'));
    await flush();
    expect(p.seen).toEqual([text('late')]);
    m.end();
    await p.done;
    expect(clock.pending).toBe(0);
    expect(m.cancels).toEqual([]);
  });

  it('a client that leaves ends the read at once and cancels the turn', async () => {
    const clock = new FakeClock();
    const m = manualTurn();
    const ac = new AbortController();
    const p = pump(m.turn, { firstEventMs: 1_000, idleMs: 1_000, clock }, ac.signal);
    m.push(text('a'));
    await flush();
    const pending = p.done.catch((e: unknown) => e);
    ac.abort();
    expect(await pending).toMatchObject({ outcome: { kind: 'client_closed' } });
    expect(m.cancels).toEqual(['client closed']);
    expect(clock.pending).toBe(0);
  });
});
