/**
 * What the runner tracks for one turn besides its event stream: the session and answer learnt so
 * far, its tool calls, and its two timers — the idle timeout and the step_end silence gap (§8.2).
 */
import type { TurnStream } from './chat-turn';
import type { Clock, TimerHandle } from './clock';
import { str } from './client-parsers';
import type { ChatRequest } from './types';

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
  answer = '';
  /** The `step_end` callback, once seen: from then on silence ends the turn. */
  stepEnd: Record<string, unknown> | undefined;
  readonly toolCallIds = new Set<string>();
  detachSignal: (() => void) | undefined;
  private idleTimer: TimerHandle | undefined;
  private gapTimer: TimerHandle | undefined;

  constructor(
    readonly stream: TurnStream,
    readonly request: ChatRequest,
    private readonly timers: TurnTimerSettings,
  ) {
    this.requestId = stream.requestId;
    this.sessionId = request.sessionId ?? '';
  }

  /** Any event for this turn: restart the idle timer (and the gap timer after step_end). */
  touch(): void {
    const { clock, idleTimeoutMs, stepEndIdleMs } = this.timers;
    if (this.idleTimer !== undefined) clock.clearTimeout(this.idleTimer);
    this.idleTimer = clock.setTimeout(() => this.timers.onIdle(this), idleTimeoutMs);
    if (!this.stepEnd) return;
    if (this.gapTimer !== undefined) clock.clearTimeout(this.gapTimer);
    this.gapTimer = clock.setTimeout(() => this.timers.onGap(this), stepEndIdleMs);
  }

  /** Stops both timers and the abort listener; the turn is over. */
  clear(): void {
    const { clock } = this.timers;
    if (this.idleTimer !== undefined) clock.clearTimeout(this.idleTimer);
    if (this.gapTimer !== undefined) clock.clearTimeout(this.gapTimer);
    this.idleTimer = this.gapTimer = undefined;
    this.detachSignal?.();
    this.detachSignal = undefined;
  }

  learnSession(p: Record<string, unknown>): void {
    const sessionId = str(p.sessionId);
    if (sessionId) this.sessionId = sessionId;
  }

  noteToolCall(p: Record<string, unknown>): void {
    const id = str(p.toolCallId);
    if (id) this.toolCallIds.add(id);
  }
}
