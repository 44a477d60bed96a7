/**
 * Hang detection around one upstream turn, outside the Lingma client: a turn must show a first
 * sign of an answer within `firstEventMs`, and once it has, may not go silent for `idleMs`. On
 * either timeout the turn is cancelled (`chat/stop` upstream) and fails with
 * LingmaError('timeout'), which the engine answers with a 504 and the pool follows up with a stuck
 * check of the child (pool/stuck-check.ts).
 *
 * What counts as the first event: answer text, reasoning, a tool message or the finish. Step and
 * title pushes do not — the binary sends `step_start` and the title before it calls the model
 * (ZC's live order, §8.2), so they prove the child is alive but not that an answer is coming.
 * Every event, steps included, restarts the idle clock once the answer has begun.
 *
 * Defaults (settings `server.firstEventTimeoutMs` / `server.idleTimeoutMs`): the first token
 * usually comes after 2–3 s and the predecessor gave one RPC 30 s (PRED, §10), so 30 s without a
 * first event is ten times the normal wait; PRED cut a whole stream at 90 s and the binary itself
 * retries its remote call about three times (§8.1, ZC), so 60 s of silence mid-answer is past
 * anything a working turn was seen to do.
 *
 * Cost: one timer per turn. An event only notes the time; the timer, when it fires, re-arms for
 * whatever silence is left instead of being re-armed on every delta.
 */
import type { ChatEvent } from '../lingma/types';
import { LingmaError } from '../lingma/types';
import { systemClock, type Clock, type TimerHandle } from '../util/clock';

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

/** Watches one turn from its start; `expire` is called once, with the timeout error. */
export class TurnWatchdog {
  private readonly clock: Clock;
  private timer: TimerHandle | undefined;
  private begun = false;
  private lastAt: number;
  private stopped = false;

  constructor(
    private readonly o: TurnTimeouts,
    private readonly expire: (err: LingmaError) => void,
  ) {
    this.clock = o.clock ?? systemClock;
    this.lastAt = this.clock.now();
    // The first-event limit runs from the start of the turn, however many steps arrive.
    if (o.firstEventMs > 0) this.arm(o.firstEventMs);
  }

  /** An event of the turn arrived. */
  saw(ev: ChatEvent): void {
    this.lastAt = this.clock.now();
    if (this.begun || !ANSWER_EVENTS.has(ev.type)) return;
    this.begun = true;
    this.disarm();
    if (this.o.idleMs > 0 && !this.stopped) this.arm(this.o.idleMs);
  }

  /** The turn is over: no timer is left behind. */
  stop(): void {
    this.stopped = true;
    this.disarm();
  }

  private arm(ms: number): void {
    this.timer = this.clock.setTimeout(() => this.check(), ms);
  }

  private disarm(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private check(): void {
    this.timer = undefined;
    if (this.stopped) return;
    if (this.begun) {
      const left = this.lastAt + this.o.idleMs - this.clock.now();
      if (left > 0) return this.arm(left);
    }
    this.stop();
    const phase: TimeoutPhase = this.begun ? 'idle' : 'first-event';
    const limit = this.begun ? this.o.idleMs : this.o.firstEventMs;
    this.expire(
      new LingmaError(
        phase === 'first-event'
          ? `Lingma gave no answer within ${seconds(limit)} s`
          : `Lingma went silent for ${seconds(limit)} s mid-answer`,
        'timeout',
        { phase, timeoutMs: limit },
      ),
    );
  }
}

const seconds = (ms: number): string => String(Math.round(ms / 100) / 10);
