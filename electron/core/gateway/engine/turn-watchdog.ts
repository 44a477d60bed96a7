/**
 * Hang detection around one upstream turn, outside the Lingma client: a turn must show a first
 * sign of an answer within `firstEventMs`, and once it has, may not go silent for `idleMs`. On
 * either timeout the turn is cancelled (`chat/stop` upstream) and the iteration fails with
 * LingmaError('timeout'), which the engine answers with a 504 and the pool follows up with a stuck
 * check of the child (pool/stuck-check.ts).
 *
 * What counts as the first event: answer text, reasoning, a tool message or the finish. Step and
 * title pushes do not — the binary sends `step_start` and the title before it calls the model
 * (ZC's live order, §8.2), so they prove the child is alive but not that an answer is coming.
 * Every event, steps included, restarts the idle timer once the answer has begun.
 *
 * Defaults (settings `server.firstEventTimeoutMs` / `server.idleTimeoutMs`): the first token
 * usually comes after 2–3 s and the predecessor gave one RPC 30 s (PRED, §10), so 30 s without a
 * first event is ten times the normal wait; PRED cut a whole stream at 90 s and the binary itself
 * retries its remote call about three times (§8.1, ZC), so 60 s of silence mid-answer is past
 * anything a working turn was seen to do.
 */
import type { ChatEvent, ChatTurn, LingmaClientApi } from '../../lingma/types';
import { LingmaError } from '../../lingma/types';
import { systemClock, type Clock, type TimerHandle } from '../../util/clock';

export interface TurnTimeouts {
  /** Longest wait for the first answer event; 0 = no limit. */
  firstEventMs: number;
  /** Longest silence once the answer has begun; 0 = no limit. */
  idleMs: number;
  clock?: Clock;
}

/** Which limit a timed-out turn ran into (in LingmaError.details.phase). */
export type TimeoutPhase = 'first-event' | 'idle';

const ANSWER_EVENTS: ReadonlySet<ChatEvent['type']> = new Set(['text', 'think', 'tool', 'finish']);

/** `turn`, failing with LingmaError('timeout') (after cancelling it) when it hangs. */
export function watchTurn(turn: ChatTurn, o: TurnTimeouts): ChatTurn {
  const clock = o.clock ?? systemClock;
  return {
    requestId: turn.requestId,
    cancel: (reason) => turn.cancel(reason),
    [Symbol.asyncIterator]: () => {
      const inner = turn[Symbol.asyncIterator]();
      // The first-event limit runs from the start of the turn, however many steps arrive.
      const firstDeadline = clock.now() + o.firstEventMs;
      let begun = false;
      let done = false;
      const next = async (): Promise<IteratorResult<ChatEvent>> => {
        if (done) return { done: true, value: undefined };
        const phase: TimeoutPhase = begun ? 'idle' : 'first-event';
        const limit = begun ? o.idleMs : o.firstEventMs;
        const wait = begun ? o.idleMs : Math.max(0, firstDeadline - clock.now());
        const pending = inner.next();
        const result = limit > 0 ? await raceTimer(pending, wait, clock) : await pending;
        if (result === TIMED_OUT) {
          done = true;
          // The abandoned read settles later (the cancel ends the stream): keep it quiet.
          pending.catch(() => undefined);
          // Not awaited: the client's 504 must not wait for the `chat/stop` answer.
          void turn.cancel(`${phase} timeout`).catch(() => undefined);
          throw new LingmaError(
            phase === 'first-event'
              ? `Lingma gave no answer within ${seconds(limit)} s`
              : `Lingma went silent for ${seconds(limit)} s mid-answer`,
            'timeout',
            { phase, timeoutMs: limit },
          );
        }
        if (result.done) done = true;
        else if (ANSWER_EVENTS.has(result.value.type)) begun = true;
        return result;
      };
      return {
        next,
        return: async () => {
          done = true;
          await inner.return?.(undefined);
          return { done: true, value: undefined };
        },
        [Symbol.asyncIterator]() {
          return this;
        },
      };
    },
  };
}

/** `client` whose chat turns are watched; every other member is the client's own. */
export function watchClient(client: LingmaClientApi, o: TurnTimeouts): LingmaClientApi {
  // A Proxy rather than a hand-written delegate, so members the client gains later pass through.
  return new Proxy(client, {
    get(target, prop) {
      if (prop === 'chat') {
        return (request: Parameters<LingmaClientApi['chat']>[0]) =>
          watchTurn(target.chat(request), o);
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
}

const TIMED_OUT = Symbol('timed out');

const seconds = (ms: number): string => String(Math.round(ms / 100) / 10);

function raceTimer<T>(p: Promise<T>, ms: number, clock: Clock): Promise<T | typeof TIMED_OUT> {
  let timer: TimerHandle | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = clock.setTimeout(() => resolve(TIMED_OUT), ms);
  });
  return Promise.race([p, timeout]).finally(() => clock.clearTimeout(timer));
}
