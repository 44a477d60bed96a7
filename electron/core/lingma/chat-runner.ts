/**
 * Runs chat turns on one connection: a FIFO queue (one `chat/ask` at a time — every client the
 * notes studied serialises, §8.1), routing of the streamed pushes to the active turn, the per-turn
 * idle timeout, the step_end + idle end rule, cancellation via `chat/stop`, and tool invokes.
 */
import {
  ackFailure,
  answerEvent,
  finishEvent,
  stepEvent,
  syntheticFinish,
  thinkEvent,
  titleEvent,
  toolMessage,
  TURN_METHODS,
} from './chat-events';
import { buildChatAskParams, newRequestId, type ChatAskOptions } from './chat-params';
import { TurnStream } from './chat-turn';
import { TurnState } from './chat-turn-state';
import { systemClock, type Clock } from './clock';
import { asRecord, str } from './client-parsers';
import type { JsonRpcConnection } from './json-rpc';
import { answerToolInvoke } from './tool-invoke';
import { LingmaError, type ChatRequest, type ChatTurn } from './types';
import { silentLogger, type Logger } from '../util/logger';

export interface ChatRunnerOptions extends ChatAskOptions {
  logger?: Logger;
  clock?: Clock;
  /** No event for this long fails the turn with LingmaError('timeout'). */
  idleTimeoutMs?: number;
  /** Silence after `step_end` that ends the turn without a `chat/finish`. */
  stepEndIdleMs?: number;
  /** How long a cancel waits for the `chat/stop` answer before the next turn may start. */
  stopTimeoutMs?: number;
}

const aborted = (): LingmaError => new LingmaError('the chat turn was aborted', 'aborted');

/** Owns the chat turns of a client; re-attached to each new connection after a reconnect. */
export class ChatRunner {
  private readonly logger: Logger;
  private readonly clock: Clock;
  private readonly idleTimeoutMs: number;
  private readonly stepEndIdleMs: number;
  private readonly stopTimeoutMs: number;
  private conn: JsonRpcConnection | undefined;
  private active: TurnState | undefined;
  private queue: TurnState[] = [];

  constructor(private readonly options: ChatRunnerOptions = {}) {
    this.logger = options.logger ?? silentLogger;
    this.clock = options.clock ?? systemClock;
    this.idleTimeoutMs = options.idleTimeoutMs ?? 120_000;
    this.stepEndIdleMs = options.stepEndIdleMs ?? 3_000;
    this.stopTimeoutMs = options.stopTimeoutMs ?? 2_000;
  }

  /** Routes this connection's chat pushes here; its loss fails every turn at once. */
  attach(conn: JsonRpcConnection): void {
    this.conn = conn;
    for (const method of TURN_METHODS) {
      conn.handle(method, (params) => this.onPush(method, asRecord(params)));
    }
    conn.onClose((err) => {
      if (this.conn === conn) this.conn = undefined;
      this.failAll(err);
    });
  }

  start(request: ChatRequest): ChatTurn {
    const requestId = request.requestId || newRequestId();
    const stream: TurnStream = new TurnStream(requestId, (reason: string) =>
      this.cancel(t, reason),
    );
    const t: TurnState = new TurnState(stream, request, {
      clock: this.clock,
      idleTimeoutMs: this.idleTimeoutMs,
      stepEndIdleMs: this.stepEndIdleMs,
      onIdle: (turn) => {
        const err = new LingmaError(`no event from Lingma for ${this.idleTimeoutMs} ms`, 'timeout');
        void this.stopActive(turn, err);
      },
      onGap: (turn) => {
        if (turn.stream.closed || !turn.stepEnd) return;
        turn.stream.push(syntheticFinish(turn, turn.stepEnd));
        this.endWith(turn);
      },
    });
    if (!this.conn || this.conn.closed) {
      stream.fail(new LingmaError('the Lingma process is not connected', 'not_connected'));
      return stream;
    }
    if (request.signal?.aborted) {
      stream.fail(aborted());
      return stream;
    }
    if (request.signal) {
      const signal = request.signal;
      const onAbort = (): void => void this.cancel(t, 'aborted', aborted());
      signal.addEventListener('abort', onAbort, { once: true });
      t.detachSignal = () => signal.removeEventListener('abort', onAbort);
    }
    this.queue.push(t);
    this.pump();
    return stream;
  }

  /** Shows an outgoing tool message (approve, invokeResult) on the turn it belongs to. */
  noteOutgoingTool(method: string, params: Record<string, unknown>): void {
    const t = this.route(params);
    if (t) t.stream.push(toolMessage(method, params, 'out', this.clock.now()));
  }

  /** Fails the active and every queued turn (connection gone, client closed). */
  failAll(err: LingmaError): void {
    const turns = [...(this.active ? [this.active] : []), ...this.queue];
    this.active = undefined;
    this.queue = [];
    for (const t of turns) {
      t.clear();
      t.stream.fail(err);
    }
  }

  private pump(): void {
    if (this.active || !this.conn || this.conn.closed) return;
    const t = this.queue.shift();
    if (!t) return;
    this.active = t;
    t.stream.phase = 'active';
    t.touch();
    const params = buildChatAskParams(t.request, t.requestId, this.options);
    // Sent as a request but never awaited before streaming: the ack only means "accepted" and
    // the predecessor saw ~30 s to first byte when it waited for it (seed notes).
    this.conn.request('chat/ask', params, { timeoutMs: this.idleTimeoutMs }).then(
      (ack) => this.onAck(t, ack),
      (err: unknown) => this.onAckError(t, err),
    );
  }

  private onAck(t: TurnState, ack: unknown): void {
    const failure = ackFailure(ack);
    if (failure && !t.stream.closed) this.endWith(t, failure);
  }

  private onAckError(t: TurnState, err: unknown): void {
    if (t.stream.closed) return;
    if (err instanceof LingmaError && (err.code === 'timeout' || err.code === 'connection_lost')) {
      // A late ack changes nothing (the idle timer governs), and a lost connection fails all turns.
      this.logger.debug('chat/ask ack not received', { requestId: t.requestId, code: err.code });
      return;
    }
    this.endWith(t, err);
  }

  private onPush(method: string, p: Record<string, unknown>): unknown {
    const t = this.route(p);
    if (method === 'tool/invoke') return this.toolInvoke(t, p);
    if (!t) {
      this.logger.debug('chat push without a live turn answered and dropped', {
        method,
        requestId: str(p.requestId),
      });
      return null;
    }
    t.touch();
    const now = this.clock.now();
    switch (method) {
      case 'chat/answer': {
        t.learnSession(p);
        const ev = answerEvent(p);
        if (ev?.type === 'text') t.answer = ev.overwrite ? ev.text : t.answer + ev.text;
        if (ev) t.stream.push(ev);
        break;
      }
      case 'chat/think': {
        const ev = thinkEvent(p);
        if (ev) t.stream.push(ev);
        break;
      }
      case 'chat/process_step_callback':
        t.stream.push(stepEvent(p));
        if (str(p.step) === 'step_end') {
          t.stepEnd = p;
          t.touch();
        }
        break;
      case 'session/title/update':
        t.learnSession(p);
        t.stream.push(titleEvent(p, t));
        break;
      case 'tool/call/sync':
        t.noteToolCall(p);
        t.stream.push(toolMessage(method, p, 'in', now));
        break;
      case 'chat/finish':
        t.learnSession(p);
        t.stream.push(finishEvent(p, t, now));
        this.endWith(t);
        break;
    }
    return null;
  }

  /** The live turn a push belongs to, or undefined for stale or foreign pushes. */
  private route(p: Record<string, unknown>): TurnState | undefined {
    const t = this.active;
    if (!t || t.stream.closed) return undefined;
    const requestId = str(p.requestId);
    if (requestId) return requestId === t.requestId ? t : undefined;
    // §9 tool messages carry a requestId, but be defensive: match by tool call, then session.
    const toolCallId = str(p.toolCallId);
    if (toolCallId && t.toolCallIds.has(toolCallId)) return t;
    const sessionId = str(p.sessionId);
    if (sessionId && t.sessionId && sessionId !== t.sessionId) return undefined;
    return t;
  }

  private toolInvoke(t: TurnState | undefined, p: Record<string, unknown>): unknown {
    if (t) {
      t.touch();
      t.noteToolCall(p);
      t.stream.push(toolMessage('tool/invoke', p, 'in', this.clock.now()));
    }
    return answerToolInvoke(p, t?.request, {
      now: () => this.clock.now(),
      // After a cancel the binary has moved on; a late result would only confuse it (CLAW).
      wanted: () => !t || !t.stream.closed,
      sent: (params) =>
        t?.stream.push(toolMessage('tool/invokeResult', params, 'out', this.clock.now())),
      send: (params) =>
        this.conn
          ?.request('tool/invokeResult', params)
          .catch((err: unknown) => this.logger.warn('tool/invokeResult failed', { err })),
    });
  }

  private cancel(t: TurnState, reason: string, error?: LingmaError): Promise<void> {
    if (t.stream.closed) return Promise.resolve();
    this.logger.debug('chat turn cancelled', { requestId: t.requestId, reason });
    if (t.stream.phase === 'queued') {
      // Never sent: just drop it.
      this.queue = this.queue.filter((q) => q !== t);
      t.clear();
      if (error) t.stream.fail(error);
      else t.stream.end();
      return Promise.resolve();
    }
    return this.stopActive(t, error);
  }

  /** Ends the active turn at once, then tells the binary; the next turn waits for that. */
  private async stopActive(t: TurnState, error?: LingmaError): Promise<void> {
    t.clear();
    if (error) t.stream.fail(error);
    else t.stream.end();
    // `t` stays active (closed, so pushes for it are dropped) until the stop is answered.
    const conn = this.conn;
    try {
      await conn?.request(
        'chat/stop',
        { requestId: t.requestId, sessionId: t.sessionId },
        { timeoutMs: this.stopTimeoutMs },
      );
    } catch (err) {
      this.logger.debug('chat/stop failed (ignored)', { requestId: t.requestId, err });
    }
    if (this.active === t) {
      this.active = undefined;
      this.pump();
    }
  }

  /** Ends the active turn normally (after finish) or with an error, and starts the next one. */
  private endWith(t: TurnState, error?: unknown): void {
    t.clear();
    if (error !== undefined) t.stream.fail(error);
    else t.stream.end();
    if (this.active === t) {
      this.active = undefined;
      this.pump();
    }
  }
}
