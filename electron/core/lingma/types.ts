/**
 * The upstream contract: what the rest of the core (pool, gateway, tools, logs) may rely on from a
 * Lingma child process. Implemented by `lingma-client.ts` (JSON-RPC over WebSocket) and driven by
 * `supervisor.ts` (one child per account). Field names follow ../shared/lingma-protocol.md.
 */

/** One model from `config/queryModels`, de-duplicated by `key` across scenes. */
export interface LingmaModel {
  key: string;
  displayName: string;
  isReasoning: boolean;
  isVl: boolean;
  /**
   * True only if the binary flagged it. No captured model list has `isDefault` (§7; L): never
   * rely on it — see `defaultModelKey()` in default-model.ts.
   */
  isDefault: boolean;
  /** Scenes (`chat`, `assistant`, `developer`, …) that listed this model. */
  scenes: string[];
  /** Scenes whose list this model heads: the default of that scene (§7 "first item"; M). */
  defaultFor?: string[];
  source?: string;
}

/** Parsed `auth/status`. `status` 2 means logged in (AuthStateEnum). */
export interface AuthStatus {
  loggedIn: boolean;
  status: number;
  name?: string;
  id?: string;
  userType?: string;
  expireTime?: number;
  quota?: unknown;
  /** The raw result, for diagnostics. Contains tokens: never log it unredacted. */
  raw: Record<string, unknown>;
}

export interface LoginUrl {
  loginUrl: string;
  nonce?: string;
}

/** What the gateway asks of one chat turn. */
export interface ChatRequest {
  /** Client-generated id (32 hex). Generated when absent. */
  requestId?: string;
  questionText: string;
  /** Upstream session to continue; with `isReply` this is a follow-up turn. */
  sessionId?: string;
  isReply?: boolean;
  /** Lingma model key (`extra.modelConfig.key`). Empty → the account default. */
  modelKey?: string;
  /** `chat` (default) or `agent` (Lingma's own agent loop, may emit tool events). */
  mode?: 'chat' | 'agent';
  /**
   * How to answer a `tool/call/sync` PENDING (a tool waiting for confirmation, §9): the runner
   * sends `tool/call/approve {sessionId, requestId, toolCallId, approval}` once per call.
   * Absent → no answer (the binary then times the tool out).
   */
  toolApproval?: 'approve' | 'reject';
  /** sessionType of an agent turn (default: the client's setting, else `assistant`; §8.1). */
  agentSessionType?: 'assistant' | 'developer';
  /**
   * Answers the binary's `tool/invoke` requests for this turn (the gateway is not an IDE).
   * The return value is sent as the JSON-RPC result. Absent → a refusal with `success:false`.
   */
  onToolInvoke?: (params: Record<string, unknown>) => Promise<unknown> | unknown;
  /** Aborting cancels the turn: `chat/stop` upstream, the iterator ends with an AbortError. */
  signal?: AbortSignal;
}

/** A tool-related message from the binary, as received (merged later by core/tools). */
export interface UpstreamToolMessage {
  method: 'tool/call/sync' | 'tool/invoke' | 'tool/call/approve' | 'tool/invokeResult' | string;
  params: Record<string, unknown>;
  /** 'in' = binary → us, 'out' = us → binary (approvals and invoke results we sent). */
  direction: 'in' | 'out';
  at: number;
}

export type ChatEvent =
  /** An answer delta. With `overwrite`, `text` replaces everything streamed so far. */
  | { type: 'text'; text: string; overwrite: boolean }
  /** A reasoning delta (`chat/think`). */
  | { type: 'think'; text: string; step?: string }
  /** `chat/process_step_callback`. */
  | { type: 'step'; step: string; status: string; description?: string }
  /** `session/title/update`. */
  | { type: 'title'; sessionId: string; title: string }
  | { type: 'tool'; message: UpstreamToolMessage }
  /**
   * End of turn. `statusCode` 200 = success. `synthetic` is true when the end was inferred from
   * step_end + idle rather than a real `chat/finish`.
   */
  | {
      type: 'finish';
      sessionId: string;
      statusCode: number;
      reason: string;
      fullAnswer: string;
      synthetic: boolean;
      /** The finish's raw `extra` map, when it had one. */
      extra?: Record<string, unknown>;
      /** Non-200 only: epoch ms when the account may be used again, parsed from `extra`. */
      resetAt?: number;
    };

/** A running turn: iterate it for events; `cancel()` stops it upstream. */
export interface ChatTurn extends AsyncIterable<ChatEvent> {
  readonly requestId: string;
  cancel(reason?: string): Promise<void>;
}

/** Typed failure of the upstream layer, so the gateway can map it to HTTP statuses. */
export class LingmaError extends Error {
  constructor(
    message: string,
    readonly code:
      | 'not_connected'
      | 'connection_lost'
      | 'timeout'
      | 'rpc_error'
      | 'logged_out'
      | 'quota_exhausted'
      | 'rate_limited'
      | 'upstream_error'
      | 'aborted'
      | 'binary_missing',
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'LingmaError';
  }
}

/** `cosy`: chat/ask and its pushes (§8); `acp`: session/new, session/prompt (§5.2, §8.3). */
export type LingmaFlavour = 'cosy' | 'acp';

/** A connected Lingma child, as seen by the pool. */
export interface LingmaClientApi {
  readonly connected: boolean;
  initialize(): Promise<{ serverName: string; serverVersion: string }>;
  authStatus(): Promise<AuthStatus>;
  generateLoginUrl(): Promise<LoginUrl>;
  logout(): Promise<void>;
  queryModels(): Promise<LingmaModel[]>;
  /**
   * Starts a turn at once (never waits for the `chat/ask` result). Turns run in parallel on one
   * connection, routed by requestId; only a follow-up on a session that is still busy waits.
   */
  chat(request: ChatRequest): ChatTurn;
  /** Which method set the binary speaks (§1), known after `initialize()`. */
  readonly flavour?: LingmaFlavour;
  /**
   * Hands a login callback to this child over RPC (`login/auth_callback`, §6.2): the values of
   * the pasted callback URL's `state`, `auth` and `token`.
   */
  authCallback?(p: { nonce: string; auth: string; tokenString: string }): Promise<void>;
  /** Sends `tool/call/approve` (approval false = reject). */
  approveToolCall(p: {
    sessionId: string;
    requestId: string;
    toolCallId: string;
    approval: boolean;
  }): Promise<void>;
  /** Raw request, for `/internal/models/raw` and diagnostics. */
  request(method: string, params?: unknown, timeoutMs?: number): Promise<unknown>;
  close(): Promise<void>;
}

/** Lifecycle of one supervised child process. */
export type SupervisorState =
  'stopped' | 'starting' | 'running' | 'restarting' | 'crashed' | 'stopping';

export interface SupervisorSnapshot {
  accountId: string;
  workDir: string;
  state: SupervisorState;
  pid?: number;
  socketPort?: number;
  httpPort?: number;
  /** Consecutive failed starts/crashes since the last healthy run. */
  restarts: number;
  lastError?: string;
  /** Epoch ms of the next restart attempt while `restarting`. */
  nextRestartAt?: number;
}

/**
 * One account's Lingma child: spawns it with the real flags, waits until its WebSocket answers,
 * restarts it with capped backoff when it dies, and stops it SIGTERM → SIGKILL.
 */
export interface SupervisorApi {
  readonly accountId: string;
  readonly workDir: string;
  snapshot(): SupervisorSnapshot;
  /** The initialized client while `running`, else null. */
  readonly client: LingmaClientApi | null;
  /** Resolves once running (or rejects when the first start fails for good). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Subscribe to state changes; returns an unsubscribe function. */
  onChange(listener: (snapshot: SupervisorSnapshot) => void): () => void;
  /**
   * The current child completed a turn: a later crash is isolated (restart at once), not part of
   * a crash loop (restart with backoff).
   */
  noteHealthy?(): void;
}
