/**
 * What the runner tracks for one turn besides its event stream: the session and visible answer
 * learnt so far, the in-band reasoning splitter, its tool calls, and its two timers — the idle
 * timeout and the step_end silence gap (§8.2).
 */
import type { TurnStream } from './chat-turn';
import type { Clock, TimerHandle } from './clock';
import { str } from './client-parsers';
import { InlineReasoningSplitter, type ReasoningPiece } from './inline-reasoning';
import type { ChatEvent, ChatRequest } from './types';

export interface TurnTimerSettings {
  clock: Clock;
  idleTimeoutMs: number;
  stepEndIdleMs: number;
  onIdle: (t: TurnState) => void;
  onGap: (t: TurnState) => void;
}

export class TurnState {
  readonly requestId: string;
  sessionId: string;
  /** The visible answer (reasoning split out), honouring overwrite. */
  answer = '';
  /** In-band reasoning already handed to the consumer. */
  thinkSent = '';
  /** A push for this turn has arrived: from now on a late chat/ask result is ignored (§8.1). */
  started = false;
  /** The session this follow-up occupies until it is released (§8.1: one turn per session). */
  lane: string | undefined;
  /** The `step_end` callback, once seen: from then on silence ends the turn. */
  stepEnd: Record<string, unknown> | undefined;
  /** A REQUEST_FINISHED sync arrived (§9): every tool card of the request is closed. */
  requestFinished = false;
  readonly toolCallIds = new Set<string>();
  /** Tool calls already answered with tool/call/approve. */
  readonly approved = new Set<string>();
  detachSignal: (() => void) | undefined;
  /**
   * Drops the wait for the `chat/ask` result when the turn ends: it may never come (§13.4), and a
   * pending call would otherwise hold this turn (its request, its answer) for the whole ack
   * timeout after the turn is over.
   */
  readonly askWait = new AbortController();
  private splitter = new InlineReasoningSplitter();
  private idleTimer: TimerHandle | undefined;
  private gapTimer: TimerHandle | undefined;
  private lastTouch = 0;
  private cleared = false;

  constructor(
    readonly stream: TurnStream,
    readonly request: ChatRequest,
    private readonly timers: TurnTimerSettings,
  ) {
    this.requestId = stream.requestId;
    this.sessionId = request.isReply ? (request.sessionId ?? '') : '';
  }

  /**
   * Any event for this turn: the idle clock restarts (and the gap clock, after step_end). Only the
   * time is noted here; each timer, when it fires, waits out whatever silence is left, so a
   * stream of deltas costs no timer work per delta. An idle limit of 0 means none.
   */
  touch(now: number = this.timers.clock.now()): void {
    if (this.cleared) return;
    const { clock, idleTimeoutMs, stepEndIdleMs } = this.timers;
    this.lastTouch = now;
    if (this.idleTimer === undefined && idleTimeoutMs > 0) {
      this.idleTimer = clock.setTimeout(() => this.idleCheck(), idleTimeoutMs);
    }
    if (this.stepEnd && this.gapTimer === undefined) {
      this.gapTimer = clock.setTimeout(() => this.gapCheck(), stepEndIdleMs);
    }
  }

  /** Stops both timers and the abort listener; the turn is over. */
  clear(): void {
    const { clock } = this.timers;
    if (this.idleTimer !== undefined) clock.clearTimeout(this.idleTimer);
    if (this.gapTimer !== undefined) clock.clearTimeout(this.gapTimer);
    this.idleTimer = this.gapTimer = undefined;
    this.cleared = true;
    this.detachSignal?.();
    this.detachSignal = undefined;
    this.askWait.abort();
  }

  private idleCheck(): void {
    const { clock, idleTimeoutMs } = this.timers;
    this.idleTimer = undefined;
    if (this.cleared) return;
    const left = this.lastTouch + idleTimeoutMs - clock.now();
    if (left > 0) this.idleTimer = clock.setTimeout(() => this.idleCheck(), left);
    else this.timers.onIdle(this);
  }

  private gapCheck(): void {
    const { clock, stepEndIdleMs } = this.timers;
    this.gapTimer = undefined;
    if (this.cleared) return;
    const left = this.lastTouch + stepEndIdleMs - clock.now();
    if (left > 0) this.gapTimer = clock.setTimeout(() => this.gapCheck(), left);
    else this.timers.onGap(this);
  }

  learnSession(p: Record<string, unknown>): void {
    const sessionId = str(p.sessionId);
    if (sessionId) this.sessionId = sessionId;
  }

  noteToolCall(p: Record<string, unknown>): string | undefined {
    const id = str(p.toolCallId);
    if (id) this.toolCallIds.add(id);
    return id || undefined;
  }

  /**
   * A `chat/answer` delta → events, with any `think::` fence or `<think>` tags split out as
   * reasoning (§8.2). An overwrite re-reads the whole new text: its visible part replaces the
   * answer, and only reasoning beyond what was already sent goes out (sent text cannot be taken
   * back).
   */
  answerEvents(text: string, overwrite: boolean): ChatEvent[] {
    if (!overwrite) return this.toEvents(this.splitter.push(text));
    this.splitter = new InlineReasoningSplitter();
    const pieces = this.splitter.push(text);
    const visible = pieces
      .filter((p) => p.kind === 'text')
      .map((p) => p.text)
      .join('');
    const think = this.splitter.thinkSoFar;
    const events: ChatEvent[] = [];
    if (think.startsWith(this.thinkSent) && think.length > this.thinkSent.length) {
      events.push({ type: 'think', text: think.slice(this.thinkSent.length) });
      this.thinkSent = think;
    }
    this.answer = visible;
    events.push({ type: 'text', text: visible, overwrite: true });
    return events;
  }

  /** The end of the answer: held text, or the rest of a fence left open, as events. */
  flushAnswer(): ChatEvent[] {
    return this.toEvents(this.splitter.end());
  }

  private toEvents(pieces: ReasoningPiece[]): ChatEvent[] {
    return pieces.map((p): ChatEvent => {
      if (p.kind === 'think') {
        this.thinkSent += p.text;
        return { type: 'think', text: p.text };
      }
      this.answer += p.text;
      return { type: 'text', text: p.text, overwrite: false };
    });
  }
}
