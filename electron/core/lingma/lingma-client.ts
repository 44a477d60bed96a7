/**
 * The typed client for one Lingma child (Cosy/LSP4J flavour, §5.1–§9): connects to its WebSocket,
 * runs the LSP-style handshake, exposes auth/models/chat, and reconnects (re-initialising) when the
 * socket drops while the process is still alive.
 */
import { AcpChatRunner } from './acp-chat-runner';
import { ChatRunner, type ChatRunnerOptions } from './chat-runner';
import { sleep, systemClock, type Clock } from './clock';
import { reconnectLoop, type ClientConnectionEvent, type ConnectOptions } from './client-reconnect';

export type { ClientConnectionEvent, ConnectOptions } from './client-reconnect';
import {
  asRecord,
  isUnknownMethod,
  parseAuthStatus,
  parseLoginUrl,
  parseModels,
  str,
} from './client-parsers';
import { handshake, type FlavourSetting } from './flavour';
import { JsonRpcConnection } from './json-rpc';
import type {
  AuthStatus,
  ChatRequest,
  ChatTurn,
  LingmaClientApi,
  LingmaFlavour,
  LingmaModel,
  LoginUrl,
} from './types';
import { LingmaError } from './types';
import { dialWebSocket, type DialFn } from './ws-transport';
import { silentLogger, type Logger } from '../util/logger';

export interface LingmaClientOptions {
  /** `ws://127.0.0.1:<socketPort>/`. */
  url: string;
  /** Directory sent as rootUri/workspaceFolders (without one the binary logs "workspacePath is empty"). */
  workspaceDir: string;
  clientInfo?: { name: string; version: string };
  logger?: Logger;
  clock?: Clock;
  dial?: DialFn;
  /** Default timeout of plain requests. */
  requestTimeoutMs?: number;
  /** Server→client handler budget (tool hooks) before an error reply is sent. */
  handlerTimeoutMs?: number;
  dialTimeoutMs?: number;
  chat?: Omit<ChatRunnerOptions, 'logger' | 'clock'>;
  reconnect?: { attempts?: number; delayMs?: number; maxDelayMs?: number };
  /** Asked before reconnecting: a dead process is the supervisor's business, not ours. */
  isProcessAlive?: () => boolean;
  /** The binary's method set: detected at initialize (`auto`, default) or forced (§1). */
  flavour?: FlavourSetting;
}

/** LingmaClientApi over JSON-RPC/WebSocket. Call `connect()` then `initialize()`. */
export class LingmaClient implements LingmaClientApi {
  private readonly logger: Logger;
  private readonly clock: Clock;
  private readonly dial: DialFn;
  private readonly runner: ChatRunner;
  private readonly acp: AcpChatRunner;
  private readonly listeners = new Set<(e: ClientConnectionEvent) => void>();
  private readonly lifetime = new AbortController();
  private conn: JsonRpcConnection | undefined;
  private initialized = false;
  private reconnecting = false;
  private detected: LingmaFlavour | undefined;

  constructor(private readonly options: LingmaClientOptions) {
    this.logger = options.logger ?? silentLogger;
    this.clock = options.clock ?? systemClock;
    this.dial = options.dial ?? dialWebSocket;
    this.runner = new ChatRunner({ ...options.chat, logger: this.logger, clock: this.clock });
    this.acp = new AcpChatRunner({
      cwd: options.workspaceDir,
      logger: this.logger,
      clock: this.clock,
      idleTimeoutMs: options.chat?.idleTimeoutMs,
      finishGraceMs: options.chat?.stepEndIdleMs,
    });
  }

  /** The flavour found by `initialize()` (§1). */
  get flavour(): LingmaFlavour | undefined {
    return this.detected;
  }

  get connected(): boolean {
    return this.conn !== undefined && !this.conn.closed;
  }

  onConnectionEvent(listener: (e: ClientConnectionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Calls to Lingma still waiting for their answer (0 when idle: nothing outlives its turn). */
  get pendingCalls(): number {
    return this.conn?.pendingCalls ?? 0;
  }

  /** Dials until connected or the deadline passes (the binary needs a moment after spawn, §3.2). */
  async connect(options: ConnectOptions = {}): Promise<void> {
    if (this.connected) return;
    const { deadlineMs = 0, retryDelayMs = 200 } = options;
    const signal = options.signal
      ? AbortSignal.any([options.signal, this.lifetime.signal])
      : this.lifetime.signal;
    const until = this.clock.now() + deadlineMs;
    for (;;) {
      if (signal.aborted) throw abortError(signal);
      try {
        this.adopt(await this.dialOnce(signal));
        return;
      } catch (err) {
        if (signal.aborted) throw abortError(signal);
        if (this.clock.now() + retryDelayMs > until) throw err;
      }
      await sleep(this.clock, retryDelayMs, signal).catch(() => undefined);
    }
  }

  async initialize(): Promise<{ serverName: string; serverVersion: string }> {
    const found = await handshake((m, p, t) => this.call(m, p, t), {
      // After a reconnect the flavour is known: no second detection.
      setting: this.detected ?? this.options.flavour ?? 'auto',
      workspaceDir: this.options.workspaceDir,
      clientInfo: this.options.clientInfo ?? { name: 'lingma-gateway', version: '0.1.0' },
      logger: this.logger,
      now: () => this.clock.now(),
    });
    if (found.flavour !== this.detected)
      this.logger.info('Lingma flavour', { flavour: found.flavour });
    this.detected = found.flavour;
    // 2.11.1 logs "unknown method: initialized" but keeps working; newer clients send it (§5.1).
    if (found.flavour === 'cosy') this.conn?.notify('initialized', {});
    this.initialized = true;
    return { serverName: found.serverName, serverVersion: found.serverVersion };
  }

  async authStatus(): Promise<AuthStatus> {
    return parseAuthStatus(await this.call('auth/status', {}));
  }

  async generateLoginUrl(): Promise<LoginUrl> {
    try {
      const result = await this.call('login/generateUrl', { loginDedicatedType: '' });
      return parseLoginUrl(result, 'login/generateUrl');
    } catch (err) {
      if (!isUnknownMethod(err)) throw err;
      this.logger.info('login/generateUrl unknown, falling back to auth/login');
      return parseLoginUrl(await this.call('auth/login', { loginType: '' }), 'auth/login');
    }
  }

  async logout(): Promise<void> {
    await this.call('auth/logout', {});
  }

  /**
   * `login/auth_callback {nonce, auth, tokenString}` → `{success, errorCode, errorMsg}` (L2A; M):
   * the callback handed over RPC instead of HTTP, with the same nonce rules (ZC IDA).
   */
  async authCallback(p: { nonce: string; auth: string; tokenString: string }): Promise<void> {
    const r = asRecord(await this.call('login/auth_callback', p));
    if (r.success === true) return;
    const why = str(r.errorMsg) || str(r.errorMessage) || 'the login callback was refused';
    throw new LingmaError(why, 'upstream_error', { errorCode: r.errorCode });
  }

  async queryModels(): Promise<LingmaModel[]> {
    return parseModels(await this.call('config/queryModels', {}));
  }

  chat(request: ChatRequest): ChatTurn {
    return this.detected === 'acp' ? this.acp.start(request) : this.runner.start(request);
  }

  async approveToolCall(p: {
    sessionId: string;
    requestId: string;
    toolCallId: string;
    approval: boolean;
  }): Promise<void> {
    this.runner.noteOutgoingTool('tool/call/approve', p);
    await this.call('tool/call/approve', p);
  }

  request(method: string, params?: unknown, timeoutMs?: number): Promise<unknown> {
    return this.call(method, params ?? {}, timeoutMs);
  }

  async close(): Promise<void> {
    if (this.lifetime.signal.aborted) return;
    this.lifetime.abort(new LingmaError('the Lingma client was closed', 'connection_lost'));
    this.runner.failAll(new LingmaError('the Lingma client was closed', 'connection_lost'));
    this.conn?.close('client closed');
    this.conn = undefined;
  }

  private call(method: string, params: unknown, timeoutMs?: number): Promise<unknown> {
    if (!this.conn || this.conn.closed) {
      return Promise.reject(
        new LingmaError(`cannot send ${method}: not connected`, 'not_connected'),
      );
    }
    return this.conn.request(method, params, timeoutMs === undefined ? {} : { timeoutMs });
  }

  private async dialOnce(signal: AbortSignal): Promise<JsonRpcConnection> {
    const transport = await this.dial(this.options.url, {
      timeoutMs: this.options.dialTimeoutMs ?? 2_000,
      signal,
    });
    return new JsonRpcConnection(transport, {
      logger: this.logger,
      clock: this.clock,
      requestTimeoutMs: this.options.requestTimeoutMs,
      handlerTimeoutMs: this.options.handlerTimeoutMs,
    });
  }

  private adopt(conn: JsonRpcConnection): void {
    if (this.lifetime.signal.aborted) {
      conn.close('client closed');
      return;
    }
    this.conn = conn;
    // Server requests that are not chat pushes (auth/report, config/refreshModels, …) get null.
    conn.handleUnknown((_params, ctx) => {
      this.logger.debug('lingma push answered with null', { method: ctx.method });
      return null;
    });
    this.runner.attach(conn);
    this.acp.attach(conn);
    conn.onClose((err) => {
      if (this.conn !== conn) return;
      this.conn = undefined;
      if (this.lifetime.signal.aborted) return;
      this.emit({ type: 'disconnected', reason: err.message });
      if (!this.reconnecting) void this.reconnect(err.message);
    });
  }

  private async reconnect(reason: string): Promise<void> {
    const { attempts = 5, delayMs = 250, maxDelayMs = 2_000 } = this.options.reconnect ?? {};
    const signal = this.lifetime.signal;
    this.reconnecting = true;
    try {
      const ok = await reconnectLoop({
        clock: this.clock,
        logger: this.logger,
        attempts,
        firstDelayMs: delayMs,
        maxDelayMs,
        signal,
        isProcessAlive: this.options.isProcessAlive,
        attempt: async () => {
          this.adopt(await this.dialOnce(signal));
          if (this.initialized) await this.initialize();
        },
        discard: () => {
          // A connection that opened but failed initialize is useless; drop it quietly.
          const failed = this.conn;
          this.conn = undefined;
          failed?.close('initialize failed');
        },
      });
      if (ok) this.emit({ type: 'reconnected' });
      else if (!signal.aborted && (!this.options.isProcessAlive || this.options.isProcessAlive())) {
        this.emit({ type: 'lost', reason });
      }
    } finally {
      this.reconnecting = false;
    }
  }

  private emit(event: ClientConnectionEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(event);
      } catch (err) {
        this.logger.error('client connection listener failed', { err });
      }
    }
  }
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason instanceof Error
    ? signal.reason
    : new LingmaError('connect aborted', 'aborted');
}
