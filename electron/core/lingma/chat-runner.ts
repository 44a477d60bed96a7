/**
 * Runs the chat turns of one connection (§8). Turns run in parallel, as the binary runs them
 * (PRED: 4 per connection in production; LTC v1.6: up to 16; M), and every push is routed to its
 * turn by `requestId`. Only a follow-up on a session that is still busy waits: two turns on one
 * sessionId mix their contexts (LTC; M). The `chat/ask` result is never waited for — it may come at
 * once, after the finish, or never (ZC vs PRED; M) — and the turn ends on its `chat/finish`.
 */
import { ackFailure, syntheticFinish, toolMessage, TURN_METHODS } from './chat-events';
import { buildChatAskParams, newRequestId, type ChatAskOptions } from './chat-params';
import { pushEvents } from './chat-pushes';
import { TurnStream } from './chat-turn';
import { TurnState } from './chat-turn-state';
import { systemClock, type Clock } from './clock';
import { asRecord, str } from './client-parsers';
import type { JsonRpcConnection } from './json-rpc';
import { TurnRouter } from './turn-router';
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
  /** How long a cancel waits for the `chat/stop` answer before the session is free again. */
  stopTimeoutMs?: number;
  /** The chat/ask result's own short timeout; its absence changes nothing (§8.1). */
  ackTimeoutMs?: number;
}

const aborted = (): LingmaError => new LingmaError('the chat turn was aborted', 'aborted');

/** Owns the chat turns of a client; re-attached to each new connection after a reconnect. */
export class ChatRunner {
  private readonly logger: Logger;
  private readonly clock: Clock;
  private readonly idleTimeoutMs: number;
  private readonly stepEndIdleMs: number;
  private readonly stopTimeoutMs: number;
  private readonly ackTimeoutMs: number;
  private readonly router = new TurnRouter();
  private conn: JsonRpcConnection | undefined;

  constructor(private readonly options: ChatRunnerOptions = {}) {
    this.logger = options.logger ?? silentLogger;
    this.clock = options.clock ?? systemClock;
    this.idleTimeoutMs = options.idleTimeoutMs ?? 120_000;
    this.stepEndIdleMs = options.stepEndIdleMs ?? 3_000;
    this.stopTimeoutMs = options.stopTimeoutMs ?? 2_000;
    this.ackTimeoutMs = options.ackTimeoutMs ?? 10_000;
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

  /** Turns sent and not yet released (for tests and stats). */
  get inFlight(): number {
    return this.router.size;
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
        void this.stopTurn(turn, err);
      },
      onGap: (turn) => {
        if (turn.stream.closed || !turn.stepEnd) return;
        for (const ev of turn.flushAnswer()) turn.stream.push(ev);
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
    if (this.router.admit(t)) this.send(t);
    else this.logger.debug('follow-up waits for its busy session', { sessionId: t.sessionId });
    return stream;
  }

  /** Shows an outgoing tool message (approve, invokeResult) on the turn it belongs to. */
  noteOutgoingTool(method: string, params: Record<string, unknown>): void {
    const t = this.router.route(params);
    if (t && !t.stream.closed) t.stream.push(toolMessage(method, params, 'out', this.clock.now()));
  }

  /** Fails every sent and waiting turn (connection gone, client closed). */
  failAll(err: LingmaError): void {
    for (const t of this.router.drain()) {
      t.clear();
      t.stream.fail(err);
    }
  }

  private send(t: TurnState): void {
    const conn = this.conn;
    if (!conn || conn.closed) {
      this.endWith(t, new LingmaError('the Lingma process is not connected', 'not_connected'));
      return;
    }
    this.router.sent(t);
    t.stream.phase = 'active';
    t.touch();
    const params = buildChatAskParams(t.request, t.requestId, this.options);
    // Sent as a request (a refusal then fails the turn early) but never awaited: PRED saw ~30 s
    // to first byte when it waited, and the result may never come (§8.1, §13.4).
    conn
      .request('chat/ask', params, { timeoutMs: this.ackTimeoutMs, signal: t.askWait.signal })
      .then(
        (ack) => this.onAck(t, ack),
        (err: unknown) => this.onAckError(t, err),
      );
  }

  private onAck(t: TurnState, ack: unknown): void {
    const failure = ackFailure(ack);
    if (!failure || t.stream.closed) return;
    // "Ignore it after the turn has started" (§8.1): pushes already say the turn is running.
    if (t.started) {
      this.logger.warn('chat/ask refused after its turn started; ignored', {
        requestId: t.requestId,
        err: failure,
      });
      return;
    }
    this.endWith(t, failure);
  }

  private onAckError(t: TurnState, err: unknown): void {
    if (t.stream.closed) return;
    const code = err instanceof LingmaError ? err.code : undefined;
    if (code === 'timeout' || code === 'connection_lost' || t.started) {
      // No result (or a late one) is normal; a lost connection fails every turn anyway.
      this.logger.debug('chat/ask result not received', { requestId: t.requestId, code });
      return;
    }
    this.endWith(t, err);
  }

  private onPush(method: string, p: Record<string, unknown>): unknown {
    const t = this.router.route(p);
    if (method === 'tool/invoke') return this.toolInvoke(t, p);
    if (!t || t.stream.closed) {
      // E.g. the trailing REQUEST_FINISHED sync after chat/finish (§9), or pushes of a stopped turn.
      this.logger.debug('chat push without a live turn answered and dropped', {
        method,
        requestId: str(p.requestId),
        status: str(p.toolCallStatus),
      });
      return null;
    }
    t.started = true;
    const now = this.clock.now();
    const outcome = pushEvents(method, p, t, now);
    // After the push: a step_end just seen starts the silence gap too (§8.2).
    t.touch(now);
    for (const ev of outcome.events) t.stream.push(ev);
    if (outcome.toolCallId) this.router.ownTool(outcome.toolCallId, t);
    if (outcome.approve) this.approve(t, outcome.approve);
    if (outcome.finished) this.endWith(t);
    return null;
  }

  /** Answers a PENDING tool once, in the proven shape (§9, CLAW; M). */
  private approve(t: TurnState, p: { toolCallId: string; sessionId: string }): void {
    const decision = t.request.toolApproval;
    if (!decision || t.approved.has(p.toolCallId)) return;
    t.approved.add(p.toolCallId);
    const params = {
      sessionId: p.sessionId || t.sessionId,
      requestId: t.requestId,
      toolCallId: p.toolCallId,
      approval: decision === 'approve',
    };
    t.stream.push(toolMessage('tool/call/approve', params, 'out', this.clock.now()));
    this.conn
      ?.request('tool/call/approve', params)
      .catch((err: unknown) => this.logger.warn('tool/call/approve failed', { err }));
  }

  private toolInvoke(t: TurnState | undefined, p: Record<string, unknown>): unknown {
    const live = t && !t.stream.closed ? t : undefined;
    if (live) {
      live.started = true;
      live.touch();
      const id = live.noteToolCall(p);
      if (id) this.router.ownTool(id, live);
      live.stream.push(toolMessage('tool/invoke', p, 'in', this.clock.now()));
    }
    return answerToolInvoke(p, live?.request, {
      now: () => this.clock.now(),
      // After a cancel the binary has moved on; a late result would only confuse it (CLAW).
      wanted: () => !live || !live.stream.closed,
      sent: (params) =>
        live?.stream.push(toolMessage('tool/invokeResult', params, 'out', this.clock.now())),
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
      this.router.release(t);
      t.clear();
      if (error) t.stream.fail(error);
      else t.stream.end();
      return Promise.resolve();
    }
    return this.stopTurn(t, error);
  }

  /**
   * Ends a sent turn at once, then tells the binary. Its session stays busy (and its late pushes
   * are dropped) until the stop is answered, so a follow-up cannot overlap the stopping turn.
   */
  private async stopTurn(t: TurnState, error?: LingmaError): Promise<void> {
    t.clear();
    if (error) t.stream.fail(error);
    else t.stream.end();
    try {
      await this.conn?.request(
        'chat/stop',
        { requestId: t.requestId, sessionId: t.sessionId },
        { timeoutMs: this.stopTimeoutMs },
      );
    } catch (err) {
      this.logger.debug('chat/stop failed (ignored)', { requestId: t.requestId, err });
    }
    this.releaseAndPump(t);
  }

  /** Ends a turn normally (after finish) or with an error, and frees its session. */
  private endWith(t: TurnState, error?: unknown): void {
    t.clear();
    if (error !== undefined) t.stream.fail(error);
    else t.stream.end();
    this.releaseAndPump(t);
  }

  private releaseAndPump(t: TurnState): void {
    const next = this.router.release(t);
    if (next) this.send(next);
  }
}
