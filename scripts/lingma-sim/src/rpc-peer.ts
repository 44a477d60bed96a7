import type { RawData, WebSocket } from 'ws';
import { encodeFrame, FrameDecoder } from './framing.js';
import {
  INTERNAL_ERROR,
  INVALID_REQUEST,
  isRecord,
  NO_REPLY,
  PARSE_ERROR,
  RpcError,
  type IncomingCall,
  type JsonRpcId,
  type OutboundOutcome,
  type RpcErrorObject,
} from './rpc-types.js';
import type { SimLog } from './sim-log.js';

export type CallDispatcher = (peer: RpcPeer, call: IncomingCall) => Promise<unknown>;

interface PendingRequest {
  method: string;
  timer: NodeJS.Timeout;
  resolve: (outcome: OutboundOutcome) => void;
}

let connectionCounter = 0;

/**
 * One WebSocket client. Decodes frames, dispatches calls, and tracks the requests the simulator
 * pushes: each waits for the client's response and is logged like the real binary when none comes.
 */
export class RpcPeer {
  readonly connectionId = ++connectionCounter;
  /** Workspace root from `initialize`; echoed as projectPath in tool/call/sync. */
  projectPath = '';
  private readonly decoder = new FrameDecoder();
  private readonly pending = new Map<string, PendingRequest>();
  private readonly closeListeners: (() => void)[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly log: SimLog,
    private readonly requestTimeoutMs: number,
    private readonly dispatch: CallDispatcher,
  ) {
    socket.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    socket.on('close', () => this.handleClose());
    socket.on('error', (err) => log.warn(`connection ${this.connectionId} error: ${err.message}`));
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  addCloseListener(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.push(listener);
  }

  private handleClose(): void {
    if (this.closed) return;
    this.closed = true;
    this.log.info(`connection ${this.connectionId} closed`);
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.resolve({ kind: 'closed' });
    }
    this.pending.clear();
    for (const l of this.closeListeners) l();
  }

  /**
   * Pushes a request and resolves with the client's answer, a timeout, or the socket closing.
   * `onSettled` runs synchronously as the answer arrives, so whatever it records keeps wire order
   * with messages the client sends right after it.
   */
  request(
    method: string,
    params: unknown,
    timeoutMs = this.requestTimeoutMs,
    onSettled?: (outcome: OutboundOutcome) => void,
  ): Promise<OutboundOutcome> {
    if (this.closed) {
      // The binary keeps running a turn whose client went away and drops its pushes (ZC; M).
      this.log.info(`Client ${this.connectionId} is closed, ignore request ${method}`);
      onSettled?.({ kind: 'closed' });
      return Promise.resolve({ kind: 'closed' });
    }
    const id = this.nextId++;
    return new Promise((settle) => {
      const resolve = (outcome: OutboundOutcome): void => {
        onSettled?.(outcome);
        settle(outcome);
      };
      const timer = setTimeout(() => {
        this.pending.delete(String(id));
        this.log.warn(
          `|Outbound| request ${id} ${method} failed: no response from client, timeout reached`,
        );
        resolve({ kind: 'timeout' });
      }, timeoutMs);
      this.pending.set(String(id), { method, timer, resolve });
      this.sendRaw(encodeFrame({ jsonrpc: '2.0', id, method, params }));
    });
  }

  notify(method: string, params: unknown): void {
    this.sendRaw(encodeFrame({ jsonrpc: '2.0', method, params }));
  }

  /** Sends text as one WebSocket message, framed or not (faults send broken frames this way). */
  sendRaw(text: string): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(text);
  }

  close(): void {
    this.socket.terminate();
  }

  private reply(id: JsonRpcId | null, body: { result: unknown } | { error: RpcErrorObject }): void {
    this.sendRaw(encodeFrame({ jsonrpc: '2.0', id, ...body }));
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    // ws hands over a Buffer by default; the other shapes only appear with binaryType changes.
    const chunk = Array.isArray(data)
      ? Buffer.concat(data)
      : Buffer.isBuffer(data)
        ? data
        : Buffer.from(new Uint8Array(data));
    if (isBinary) this.log.info(`connection ${this.connectionId}: binary message treated as text`);
    for (const item of this.decoder.push(chunk)) {
      if (item.kind === 'garbage') {
        this.log.warn(`Unknown message header, ignore: ${JSON.stringify(item.sample)}`);
      } else {
        this.onBody(item.body);
      }
    }
  }

  private onBody(body: string): void {
    let msg: unknown;
    try {
      msg = JSON.parse(body);
    } catch {
      this.log.warn(`invalid JSON-RPC body, ignore: ${JSON.stringify(body.slice(0, 80))}`);
      this.reply(null, { error: { code: PARSE_ERROR, message: 'parse error' } });
      return;
    }
    if (!isRecord(msg)) {
      this.reply(null, { error: { code: INVALID_REQUEST, message: 'invalid request' } });
      return;
    }
    const id = typeof msg.id === 'number' || typeof msg.id === 'string' ? msg.id : undefined;
    if (typeof msg.method === 'string') {
      void this.handleCall({ id, method: msg.method, params: msg.params });
    } else if (id !== undefined && ('result' in msg || 'error' in msg)) {
      this.handleResponse(id, msg);
    } else {
      this.log.warn(`connection ${this.connectionId}: message is neither call nor response`);
      this.reply(id ?? null, { error: { code: INVALID_REQUEST, message: 'invalid request' } });
    }
  }

  private async handleCall(call: IncomingCall): Promise<void> {
    const kind = call.id === undefined ? 'notification' : `request ${String(call.id)}`;
    this.log.info(`|Inbound| ${kind} ${call.method} (connection ${this.connectionId})`);
    try {
      const result = await this.dispatch(this, call);
      if (result === NO_REPLY) return;
      if (call.id !== undefined) this.reply(call.id, { result: result ?? null });
    } catch (err) {
      const error =
        err instanceof RpcError
          ? { code: err.code, message: err.message }
          : { code: INTERNAL_ERROR, message: (err as Error).message };
      if (!(err instanceof RpcError)) this.log.error(`${call.method} failed: ${error.message}`);
      if (call.id !== undefined) this.reply(call.id, { error });
    }
  }

  private handleResponse(id: JsonRpcId, msg: Record<string, unknown>): void {
    const pending = this.pending.get(String(id));
    if (!pending) {
      this.log.info(`response for unknown or expired request ${String(id)}, ignore`);
      return;
    }
    this.pending.delete(String(id));
    clearTimeout(pending.timer);
    const error = msg.error;
    if (isRecord(error)) {
      const code = typeof error.code === 'number' ? error.code : INTERNAL_ERROR;
      const message = typeof error.message === 'string' ? error.message : '';
      pending.resolve({ kind: 'error', error: { code, message } });
    } else {
      pending.resolve({ kind: 'result', result: msg.result });
    }
  }
}
