import { sleep, throwIfAborted, untilAborted } from './async-util.js';
import { chunkText } from './answer-text.js';
import type { SimContext } from './context.js';
import type { MalformedKind } from './faults.js';
import type { OutboundOutcome } from './rpc-types.js';
import type { ActiveTurn } from './turn-registry.js';

/** Pacing and faults in force for one turn (global settings with the rule's overrides). */
export interface StreamSettings {
  deltaIntervalMs: number;
  deltaSize: number;
  exitAfterDeltas?: number;
  hangAfterDeltas?: number;
  malformedFrame?: MalformedKind;
  firstDeltaDelayMs?: number;
}

/** Exit code of a simulated crash; the product must treat it like the real binary dying. */
const CRASH_EXIT_CODE = 1;
/** Lets the last delta leave the socket before the process goes down. */
const CRASH_GRACE_MS = 50;

/**
 * Pushes one turn's messages. Every push is a JSON-RPC request the client must answer; the turn
 * does not wait for those answers (the real binary keeps streaming and only logs the timeout).
 */
export class TurnStream {
  /** Everything streamed as chat/answer so far, honouring overwrite. */
  streamed = '';
  private deltas = 0;
  private nonEmpty = 0;
  private overwriteSent = false;

  constructor(
    private readonly ctx: SimContext,
    private readonly turn: ActiveTurn,
    private readonly settings: StreamSettings,
    private readonly sessionType: string,
  ) {}

  get signal(): AbortSignal {
    return this.turn.abort.signal;
  }

  push(method: string, params: Record<string, unknown>): void {
    throwIfAborted(this.signal);
    if (this.ctx.halted) return;
    void this.turn.peer.request(method, params);
  }

  /** A push whose answer matters (tool/invoke); gives up when the turn is aborted. */
  async request(
    method: string,
    params: unknown,
    timeoutMs: number,
    onSettled?: (outcome: OutboundOutcome) => void,
  ): Promise<OutboundOutcome> {
    throwIfAborted(this.signal);
    return Promise.race([
      this.turn.peer.request(method, params, timeoutMs, onSettled),
      untilAborted(this.signal),
    ]);
  }

  step(step: string, status: 'doing' | 'done' | 'error', description = ''): void {
    this.push('chat/process_step_callback', {
      ...this.ids(),
      step,
      description: description || step,
      status,
      result: null,
      message: '',
    });
  }

  title(sessionTitle: string): void {
    this.push('session/title/update', { sessionId: this.turn.sessionId, sessionTitle });
  }

  async think(text: string): Promise<void> {
    for (const chunk of chunkText(text, this.settings.deltaSize)) {
      await sleep(this.settings.deltaIntervalMs, this.signal);
      this.push('chat/think', { ...this.ids(), text: chunk, step: 'start', ...this.meta() });
    }
    this.push('chat/think', { ...this.ids(), text: '', step: 'done', ...this.meta() });
  }

  /**
   * Streams text in deltas of `deltaSize` characters. Every fourth delta is preceded by an empty
   * one, and the third non-empty delta of a turn is sent once as `overwrite:true` carrying the
   * whole answer so far, so clients must honour both.
   */
  async text(text: string): Promise<void> {
    for (const chunk of chunkText(text, this.settings.deltaSize)) {
      if (this.nonEmpty % 4 === 0) await this.delta('', false);
      this.streamed += chunk;
      if (!this.overwriteSent && this.nonEmpty === 2) {
        this.overwriteSent = true;
        await this.delta(this.streamed, true);
      } else {
        await this.delta(chunk, false);
      }
      this.nonEmpty += 1;
    }
  }

  /** Exactly these deltas, nothing added (for scenarios that script the chunking). */
  async chunks(list: readonly string[]): Promise<void> {
    for (const chunk of list) {
      this.streamed += chunk;
      await this.delta(chunk, false);
    }
  }

  /** Sends chat/finish; `force` still sends it for a turn that was just stopped. */
  finish(
    statusCode: number,
    reason: string,
    fullAnswer: string,
    extra: Record<string, unknown>,
    force = false,
  ): void {
    const params = { ...this.ids(), reason, statusCode, fullAnswer, extra };
    this.ctx.log.info(`chat finished (${statusCode}), request id: ${this.turn.requestId}`);
    if (!force) this.push('chat/finish', params);
    else if (!this.ctx.halted) void this.turn.peer.request('chat/finish', params);
  }

  /**
   * After the finish of a turn whose tools ran: a tool/call/sync REQUEST_FINISHED with an empty
   * toolCallId closes every tool card of the request (CLAW; M for the value, L that the binary
   * sends it, §13.10).
   */
  requestFinished(projectPath: string): void {
    this.push('tool/call/sync', {
      ...this.ids(),
      projectPath,
      toolCallId: '',
      toolCallStatus: 'REQUEST_FINISHED',
      parameters: {},
      results: [],
      errorCode: '',
      errorMsg: '',
    });
  }

  private async delta(text: string, overwrite: boolean): Promise<void> {
    if (this.deltas === 0) await this.beforeFirstDelta();
    await sleep(this.settings.deltaIntervalMs, this.signal);
    this.push('chat/answer', { ...this.ids(), text, overwrite, isFiltered: false, ...this.meta() });
    this.deltas += 1;
    const { exitAfterDeltas, hangAfterDeltas } = this.settings;
    if (exitAfterDeltas !== undefined && this.deltas >= exitAfterDeltas) await this.crash();
    if (hangAfterDeltas !== undefined && this.deltas >= hangAfterDeltas) {
      this.ctx.log.warn(
        `simulated hang after ${this.deltas} deltas, request id: ${this.turn.requestId}`,
      );
      await untilAborted(this.signal);
    }
  }

  private async beforeFirstDelta(): Promise<void> {
    if (this.settings.firstDeltaDelayMs) await sleep(this.settings.firstDeltaDelayMs, this.signal);
    const kind = this.settings.malformedFrame;
    if (kind === undefined) return;
    this.ctx.log.warn(`simulated malformed frame (${kind}), request id: ${this.turn.requestId}`);
    const body = '{"jsonrpc":"2.0","method":"chat/answer","params":{"text":';
    this.turn.peer.sendRaw(
      kind === 'bad-json'
        ? `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
        : `Content-Type: application/json\r\n\r\n${body}}}`,
    );
  }

  private async crash(): Promise<never> {
    this.ctx.halted = true;
    this.ctx.log.error(
      `simulated crash after ${this.deltas} deltas, request id: ${this.turn.requestId}`,
    );
    setTimeout(() => process.exit(CRASH_EXIT_CODE), CRASH_GRACE_MS);
    return new Promise<never>(() => {
      // Never settles: the process exits first.
    });
  }

  private ids(): { requestId: string; sessionId: string } {
    return { requestId: this.turn.requestId, sessionId: this.turn.sessionId };
  }

  private meta(): { timestamp: number; extra: Record<string, unknown> } {
    return { timestamp: Date.now(), extra: { sessionType: this.sessionType } };
  }
}
