/**
 * Chat over the ACP flavour (§8.3; LTC, CX-IPC, OPENCLI: H for their usage): `session/new`
 * (result `{sessionId}` or `{id}`), `session/set_model`, then `session/prompt`, not waited for
 * (LTC; OPENCLI awaits it and reads `stopReason`). The turn streams as `session/update`
 * notifications matched by `_meta["ai-coding/request-id"]` and ends on a `chat_finish`
 * notification; a prompt result with no chat_finish ends it after a short silence. One prompt per
 * session at a time, like the Cosy runner's follow-ups.
 */
import { basename } from 'node:path';
import { syntheticFinish } from './chat-events';
import { newRequestId } from './chat-params';
import { TurnStream } from './chat-turn';
import { TurnState } from './chat-turn-state';
import { systemClock, type Clock } from './clock';
import { asRecord, num, str } from './client-parsers';
import { finishEvent } from './chat-events';
import type { JsonRpcConnection } from './json-rpc';
import { TurnRouter } from './turn-router';
import { LingmaError, type ChatEvent, type ChatRequest, type ChatTurn } from './types';
import { silentLogger, type Logger } from '../util/logger';

const RID = 'ai-coding/request-id';
/** chat_finish reasons that are not a normal end (no capture lists them: L). */
const FAILED = new Set(['error', 'refusal', 'failed']);

export interface AcpRunnerOptions {
  logger?: Logger;
  clock?: Clock;
  /** The session's `cwd` (the workspace sent at initialize). */
  cwd: string;
  idleTimeoutMs?: number;
  /** Silence after the prompt's own result before the turn ends without a chat_finish. */
  finishGraceMs?: number;
  /** How long a cancelled prompt keeps its session busy. */
  stopTimeoutMs?: number;
}

/** `ai-coding/shell-type`: `powershell` on Windows, else the basename of $SHELL, else `sh`. */
function shellType(): string {
  if (process.platform === 'win32') return 'powershell';
  return basename(process.env.SHELL ?? '') || 'sh';
}

export class AcpChatRunner {
  private readonly logger: Logger;
  private readonly clock: Clock;
  private readonly router = new TurnRouter();
  private conn: JsonRpcConnection | undefined;

  constructor(private readonly o: AcpRunnerOptions) {
    this.logger = o.logger ?? silentLogger;
    this.clock = o.clock ?? systemClock;
  }

  attach(conn: JsonRpcConnection): void {
    this.conn = conn;
    conn.handle('session/update', (params) => this.onUpdate(asRecord(params)));
    conn.onClose((err) => {
      if (this.conn === conn) this.conn = undefined;
      for (const t of this.router.drain()) {
        t.clear();
        t.stream.fail(err);
      }
    });
  }

  start(request: ChatRequest): ChatTurn {
    const requestId = request.requestId || newRequestId();
    const stream: TurnStream = new TurnStream(requestId, () => this.stop(t));
    const t: TurnState = new TurnState(stream, request, {
      clock: this.clock,
      idleTimeoutMs: this.o.idleTimeoutMs ?? 120_000,
      stepEndIdleMs: this.o.finishGraceMs ?? 3_000,
      onIdle: (turn) => void this.stop(turn, new LingmaError('no event from Lingma', 'timeout')),
      onGap: (turn) => {
        if (turn.stream.closed || !turn.stepEnd) return;
        for (const ev of turn.flushAnswer()) turn.stream.push(ev);
        turn.stream.push(syntheticFinish(turn, turn.stepEnd));
        this.end(turn);
      },
    });
    if (!this.conn || this.conn.closed) {
      stream.fail(new LingmaError('the Lingma process is not connected', 'not_connected'));
      return stream;
    }
    if (request.signal) {
      const signal = request.signal;
      const onAbort = (): void =>
        void this.stop(t, new LingmaError('the chat turn was aborted', 'aborted'));
      if (signal.aborted) onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      t.detachSignal = () => signal.removeEventListener('abort', onAbort);
    }
    if (!stream.closed && this.router.admit(t)) void this.send(t);
    return stream;
  }

  private async send(t: TurnState): Promise<void> {
    const conn = this.conn;
    this.router.sent(t);
    t.stream.phase = 'active';
    t.touch();
    try {
      if (!conn) throw new LingmaError('the Lingma process is not connected', 'not_connected');
      const now = this.clock.now();
      if (!t.sessionId) {
        const r = asRecord(
          await conn.request('session/new', {
            cwd: this.o.cwd,
            mcpServers: [],
            _meta: {},
            timestamp: now,
          }),
        );
        t.sessionId = str(r.sessionId) || str(r.id) || '';
        if (!t.sessionId)
          throw new LingmaError('session/new returned no session id', 'upstream_error');
      }
      const model = t.request.modelKey ?? '';
      if (model) {
        await conn
          .request('session/set_model', {
            sessionId: t.sessionId,
            modelId: model,
            timestamp: now,
            _meta: {},
          })
          .catch((err: unknown) => this.logger.warn('session/set_model failed', { model, err }));
      }
      if (t.stream.closed) return;
      const mode = t.request.mode ?? 'chat';
      const prompt = {
        sessionId: t.sessionId,
        prompt: [{ type: 'text', text: t.request.questionText }],
        contextParams: [],
        _meta: {
          [RID]: t.requestId,
          'ai-coding/mode': mode,
          'ai-coding/model': model,
          'ai-coding/shell-type': shellType(),
          'ai-coding/current-file-path': '',
          'ai-coding/enabled-mcp-servers': [],
        },
      };
      // Bounded so a prompt whose result never comes does not stay pending forever.
      conn.request('session/prompt', prompt, { timeoutMs: this.o.idleTimeoutMs ?? 120_000 }).then(
        (result) => this.onPromptResult(t, result),
        (err: unknown) => this.onPromptError(t, err),
      );
    } catch (err) {
      if (!t.stream.closed) this.end(t, err);
    }
  }

  /** `{stopReason}`: if no chat_finish follows soon, the turn ends on it. */
  private onPromptResult(t: TurnState, result: unknown): void {
    if (t.stream.closed) return;
    const stopReason = str(asRecord(result).stopReason) || 'end_turn';
    t.stepEnd = { status: FAILED.has(stopReason) ? 'error' : 'done', message: stopReason };
    t.touch();
  }

  private onPromptError(t: TurnState, err: unknown): void {
    if (t.stream.closed) return;
    if (t.started && !(err instanceof LingmaError && err.code === 'rpc_error')) return;
    this.end(t, err);
  }

  private onUpdate(p: Record<string, unknown>): null {
    const meta = asRecord(p._meta);
    const t = this.router.route({ requestId: str(meta[RID]), sessionId: str(p.sessionId) });
    const u = asRecord(p.update);
    if (!t || t.stream.closed) {
      this.logger.debug('session/update without a live turn dropped', {
        kind: str(u.sessionUpdate),
      });
      return null;
    }
    t.started = true;
    t.touch();
    for (const ev of this.events(t, u)) t.stream.push(ev);
    return null;
  }

  private events(t: TurnState, u: Record<string, unknown>): ChatEvent[] {
    const text = str(asRecord(u.content).text) ?? '';
    switch (str(u.sessionUpdate)) {
      case 'agent_message_chunk':
        return t.answerEvents(text, false);
      case 'agent_thought_chunk':
        return text ? [{ type: 'think', text }] : [];
      case 'notification':
        if (str(u.type) !== 'chat_finish') return [];
        return this.finish(t, asRecord(u.data));
      default:
        // Tool calls, plans and the like were never captured on Lingma (L): not bridged.
        this.logger.debug('session/update kind ignored', { kind: str(u.sessionUpdate) });
        return [];
    }
  }

  private finish(t: TurnState, data: Record<string, unknown>): ChatEvent[] {
    const reason = str(data.reason) ?? '';
    const statusCode =
      num(data.statusCode) ?? (FAILED.has(reason) ? 500 : reason === 'cancelled' ? 499 : 200);
    const events = t.flushAnswer();
    const params = {
      sessionId: t.sessionId,
      statusCode,
      reason: str(data.message) || reason,
      extra: data,
    };
    events.push(finishEvent(params, t, this.clock.now()));
    queueMicrotask(() => this.end(t));
    return events;
  }

  /** Ends a turn at once; the binary is told with `session/cancel` (ACP's cancel; L on Lingma). */
  private async stop(t: TurnState, error?: LingmaError): Promise<void> {
    if (t.stream.closed) return;
    t.clear();
    if (error) t.stream.fail(error);
    else t.stream.end();
    if (t.sessionId && this.conn && !this.conn.closed) {
      this.conn.notify('session/cancel', { sessionId: t.sessionId });
    }
    // The session stays busy a moment, so a follow-up does not land on the stopping prompt.
    await new Promise<void>((resolve) =>
      this.clock.setTimeout(resolve, this.o.stopTimeoutMs ?? 500),
    );
    this.release(t);
  }

  private end(t: TurnState, error?: unknown): void {
    t.clear();
    if (error !== undefined) t.stream.fail(error);
    else t.stream.end();
    this.release(t);
  }

  private release(t: TurnState): void {
    const next = this.router.release(t);
    if (next) void this.send(next);
  }
}
