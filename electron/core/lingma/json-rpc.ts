/**
 * JSON-RPC 2.0 over a framed transport (§4). Two rules from the protocol notes shape it:
 * the server sends *requests* (with ids) for every streamed chat event and stalls or misorders
 * answers when they are not answered, so every incoming id gets exactly one reply; and a dead
 * pipe must fail every pending call at once rather than leave it to its timeout.
 */
import { systemClock, type Clock, type TimerHandle } from './clock';
import { encodeFrame, FrameDecoder } from './framing';
import { LingmaError } from './types';
import {
  asLingmaError,
  isObject,
  isThenable,
  validId,
  type IncomingContext,
  type IncomingHandler,
  type JsonRpcId,
  type JsonRpcOptions,
  type RequestOptions,
} from './json-rpc-types';
import type { MessageTransport } from './ws-transport';
import { silentLogger, type Logger } from '../util/logger';

/** Replies to the peer's requests: acks, which may leave after more urgent bytes. */
const ACK = { ack: true } as const;

/** JSON-RPC error codes we send back. */
const INTERNAL_ERROR = -32603;

interface Pending {
  method: string;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
  cleanup: () => void;
}

/** One JSON-RPC session on one transport. Not reusable after close. */
export class JsonRpcConnection {
  private readonly logger: Logger;
  private readonly clock: Clock;
  private readonly requestTimeoutMs: number;
  private readonly handlerTimeoutMs: number;
  private readonly decoder: FrameDecoder;
  private readonly pending = new Map<string, Pending>();
  private readonly handlers = new Map<string, IncomingHandler>();
  private readonly closeListeners = new Set<(err: LingmaError) => void>();
  private fallback: IncomingHandler | undefined;
  private nextId = 1;
  private closeError: LingmaError | undefined;

  constructor(
    private readonly transport: MessageTransport,
    options: JsonRpcOptions = {},
  ) {
    this.logger = options.logger ?? silentLogger;
    this.clock = options.clock ?? systemClock;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
    this.handlerTimeoutMs = options.handlerTimeoutMs ?? 300_000;
    this.decoder = new FrameDecoder({
      maxFrameBytes: options.maxFrameBytes,
      onError: (msg, details) => this.logger.error(msg, details),
    });
    transport.onMessage((data) => this.receive(data));
    transport.onClose((reason) => this.shutdown(reason));
  }

  get closed(): boolean {
    return this.closeError !== undefined;
  }

  /** Calls sent and not yet answered, failed or timed out. */
  get pendingCalls(): number {
    return this.pending.size;
  }

  /** Registers the handler for an incoming method (request or notification). */
  handle(method: string, handler: IncomingHandler): () => void {
    this.handlers.set(method, handler);
    return () => {
      if (this.handlers.get(method) === handler) this.handlers.delete(method);
    };
  }

  /** Handler for methods without their own; by default requests get `null`. */
  handleUnknown(handler: IncomingHandler | undefined): void {
    this.fallback = handler;
  }

  /** Called once with LingmaError('connection_lost') when the transport goes away. */
  onClose(listener: (err: LingmaError) => void): () => void {
    if (this.closeError) {
      listener(this.closeError);
      return () => undefined;
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  request(method: string, params?: unknown, options: RequestOptions = {}): Promise<unknown> {
    if (this.closeError) {
      return Promise.reject(
        new LingmaError(`cannot send ${method}: not connected`, 'not_connected'),
      );
    }
    if (options.signal?.aborted) {
      return Promise.reject(new LingmaError(`${method} aborted`, 'aborted'));
    }
    const id = this.nextId++;
    const timeoutMs = options.timeoutMs ?? this.requestTimeoutMs;
    return new Promise((resolve, reject) => {
      let timer: TimerHandle | undefined;
      const onAbort = (): void => settle(new LingmaError(`${method} aborted`, 'aborted'));
      const cleanup = (): void => {
        if (timer !== undefined) this.clock.clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        this.pending.delete(String(id));
      };
      const settle = (err: LingmaError): void => {
        cleanup();
        reject(err);
      };
      this.pending.set(String(id), { method, resolve, reject, cleanup });
      if (timeoutMs > 0) {
        timer = this.clock.setTimeout(
          () => settle(new LingmaError(`${method} timed out after ${timeoutMs} ms`, 'timeout')),
          timeoutMs,
        );
      }
      options.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        this.write({ jsonrpc: '2.0', id, method, params: params ?? {} });
      } catch (err) {
        settle(asLingmaError(err, method));
      }
    });
  }

  notify(method: string, params?: unknown): void {
    if (this.closeError)
      throw new LingmaError(`cannot send ${method}: not connected`, 'not_connected');
    this.write({ jsonrpc: '2.0', method, params: params ?? {} });
  }

  close(reason = 'closed by client'): void {
    this.transport.close();
    this.shutdown(reason);
  }

  private write(message: unknown): void {
    this.transport.send(encodeFrame(message));
  }

  private receive(data: Buffer): void {
    // Nothing may escape into the socket's event handler: a bad peer message is logged, not fatal.
    for (const body of this.decoder.push(data)) {
      let message: unknown;
      try {
        message = JSON.parse(body);
      } catch {
        this.logger.error('json-rpc: unparsable message dropped', { sample: body.slice(0, 120) });
        continue;
      }
      for (const item of Array.isArray(message) ? message : [message]) {
        try {
          this.dispatch(item);
        } catch (err) {
          this.logger.error('json-rpc: dispatch failed', { err });
        }
      }
    }
  }

  private dispatch(message: unknown): void {
    if (!isObject(message)) {
      this.logger.error('json-rpc: non-object message dropped', { type: typeof message });
      return;
    }
    const id = validId(message.id);
    if (typeof message.method === 'string') {
      this.incoming(message.method, message.params, id);
    } else if (id !== undefined) {
      this.response(id, message);
    } else {
      this.logger.warn('json-rpc: message without method or id dropped');
    }
  }

  private response(id: JsonRpcId, message: Record<string, unknown>): void {
    const call = this.pending.get(String(id));
    if (!call) {
      this.logger.debug('json-rpc: response for an unknown or expired id', { id });
      return;
    }
    call.cleanup();
    if (message.error !== undefined && message.error !== null) {
      const e = isObject(message.error) ? message.error : {};
      const text = typeof e.message === 'string' ? e.message : JSON.stringify(message.error);
      call.reject(
        new LingmaError(`${call.method} failed: ${text}`, 'rpc_error', {
          method: call.method,
          code: e.code,
          rpcMessage: text,
          data: e.data,
        }),
      );
    } else {
      call.resolve(message.result ?? null);
    }
  }

  private incoming(method: string, params: unknown, id: JsonRpcId | undefined): void {
    const handler = this.handlers.get(method) ?? this.fallback;
    const ctx: IncomingContext = id === undefined ? { method } : { method, id };
    if (!handler) {
      if (id === undefined) return;
      this.logger.debug('json-rpc: unhandled request answered with null', { method });
      this.reply(id, { result: null });
      return;
    }
    // Handlers run synchronously so plain answers go out at once and in arrival order; only a
    // handler that returns a promise (a tool hook) gets a deadline.
    let result: unknown;
    try {
      result = handler(params, ctx);
    } catch (err) {
      this.handlerFailed(method, id, err);
      return;
    }
    if (!isThenable(result)) {
      if (id !== undefined) this.reply(id, { result: result ?? null });
      return;
    }
    let answered = false;
    const timer = this.clock.setTimeout(() => {
      answered = true;
      this.handlerFailed(method, id, new Error(`${method}: client handler timed out`));
    }, this.handlerTimeoutMs);
    Promise.resolve(result).then(
      (value) => {
        if (answered) return;
        answered = true;
        this.clock.clearTimeout(timer);
        if (id !== undefined) this.reply(id, { result: value ?? null });
      },
      (err: unknown) => {
        if (answered) return;
        answered = true;
        this.clock.clearTimeout(timer);
        this.handlerFailed(method, id, err);
      },
    );
  }

  /** A failing handler: logged, and for a request an error reply (never a dropped one). */
  private handlerFailed(method: string, id: JsonRpcId | undefined, err: unknown): void {
    this.logger.warn('json-rpc: handler failed', { method, err });
    if (id === undefined) return;
    const message = err instanceof Error ? err.message : String(err);
    this.reply(id, { error: { code: INTERNAL_ERROR, message } });
  }

  private reply(id: JsonRpcId, payload: { result: unknown } | { error: unknown }): void {
    if (this.closeError) return;
    try {
      // The reply to every streamed push is `result: null`: written without building an object.
      if ('result' in payload && payload.result === null) {
        const json = `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"result":null}`;
        this.transport.send(encodeFrame(json), ACK);
        return;
      }
      this.transport.send(encodeFrame({ jsonrpc: '2.0', id, ...payload }), ACK);
    } catch (err) {
      this.logger.debug('json-rpc: reply not sent, transport closed', { id, err });
    }
  }

  private shutdown(reason: string): void {
    if (this.closeError) return;
    this.closeError = new LingmaError(`Lingma connection lost: ${reason}`, 'connection_lost');
    for (const call of [...this.pending.values()]) {
      call.cleanup();
      call.reject(new LingmaError(`${call.method}: ${this.closeError.message}`, 'connection_lost'));
    }
    for (const l of [...this.closeListeners]) {
      try {
        l(this.closeError);
      } catch (err) {
        this.logger.error('json-rpc: close listener failed', { err });
      }
    }
    this.closeListeners.clear();
  }
}
