/**
 * The shape of the gateway's persistent settings. Kept apart from the validation code so the
 * Electron adapter and the composition root can import the types without pulling anything else.
 * It mirrors `SettingsDto` in electron/shared/dto.ts field for field (a test checks both ways).
 */

/** How the pool picks an instance when affinity does not decide. */
export type RoutingStrategy = 'least-busy' | 'round-robin' | 'fill-first';

/** Lingma's two chat modes; `agent` is also forced by any tool context. */
export type AskMode = 'chat' | 'agent';

/** What the gateway answers when Lingma itself asks to run a tool upstream. */
export type UpstreamApproval = 'deny' | 'auto-approve';

export interface ServerSettings {
  /** Listen address. Anything but loopback also needs `allowLan`. */
  host: string;
  /**
   * Listen port. 8765 by default: unused by Lingma (36510/37010/37510/38510) and by common dev
   * servers. 0 picks a free port on each start (useful in tests, useless for client configs).
   */
  port: number;
  /** Must be true to listen on a non-loopback address; off so nothing is exposed by accident. */
  allowLan: boolean;
  /** Browser origins allowed to call the API (exact `scheme://host[:port]`); empty = none. */
  allowedOrigins: string[];
  /** Largest accepted request body (default 10 MiB: long chats with pasted files). */
  maxBodyBytes: number;
  /** SSE keep-alive comment interval in ms (0 = none). */
  keepAliveMs: number;
  /**
   * A turn that shows no answer (text, reasoning, tool event or finish) this long after it was
   * sent is stopped with a 504, in ms (0 = never). See chat/watchdog.ts.
   */
  firstEventTimeoutMs: number;
  /** Upstream silence mid-answer after which a turn is stopped with a 504, in ms (0 = never). */
  idleTimeoutMs: number;
  /**
   * Open client sockets the listener keeps; past it the idle unauthenticated ones are closed
   * first, so a flood of idle connections cannot lock keyed clients out.
   */
  maxConnections: number;
}

export interface LingmaSettings {
  /** Path to the Lingma binary; '' = find or download it automatically. */
  binaryPath: string;
  /** VSIX to download the binary from; '' = the VS Code Marketplace. */
  vsixUrl: string;
  /** Keep children (and their logins) running while the HTTP listener is off. */
  keepWarmWhenStopped: boolean;
  /**
   * The binary's method set (§1): `auto` detects it at start; `cosy` (chat/ask, the IDE plugins'
   * binary) or `acp` (session/prompt, the desktop app's binary) forces one.
   */
  flavour: LingmaFlavourSetting;
}

export type LingmaFlavourSetting = 'auto' | 'cosy' | 'acp';

/** Agent turns' `sessionType` (and model scene): PAA ran `assistant`, CLAW shows `developer`. */
export type AgentSessionType = 'assistant' | 'developer';

export interface RoutingSettings {
  strategy: RoutingStrategy;
  /** Requests served at once across the pool; 0 = no limit (the predecessor's `<= 0`). */
  maxInFlight: number;
  /** How long a request may wait for a slot before it gets 429 + Retry-After, in ms. */
  queueTimeoutMs: number;
  maxConcurrentPerInstance: number;
  /** Default number of Lingma children per account (an account record may override it). */
  workersPerAccount: number;
  /** Replay a timed-out (hung) turn on another account; off by default (it would likely hang too). */
  failoverOnTimeout: boolean;
}

export interface ModelSettings {
  /** Lingma model key used when a request names none or an unknown one; '' = Lingma's default. */
  defaultModel: string;
  /** Client model name → Lingma model key. */
  aliases: Record<string, string>;
  askMode: AskMode;
  /** sessionType sent with `mode: "agent"`; its scene also supplies the agent default model. */
  agentSessionType: AgentSessionType;
}

export interface SessionReuseSettings {
  enabled: boolean;
  maxEntries: number;
  ttlSeconds: number;
}

export interface ToolSettings {
  /** Emulate OpenAI/Anthropic tool calling on top of Lingma's chat. */
  emulation: boolean;
  /** Extra turns spent asking the model to fix a malformed tool call. */
  correctiveRetries: number;
  upstreamApproval: UpstreamApproval;
  /** How long a tool call may wait for the client's result, in ms. */
  pendingTimeoutMs: number;
}

export interface LogSettings {
  retentionDays: number;
  maxTotalMB: number;
  /** Request/response bodies are truncated to this many bytes in the log. */
  maxBodyBytes: number;
}

export interface AppSettings {
  launchAtLogin: boolean;
  startGatewayOnLaunch: boolean;
  /** Check for app updates and download them in the background (restart stays the user's call). */
  autoUpdate: boolean;
  /** Update feed (an electron-updater "generic" URL); '' = the project's GitHub releases. */
  updateFeedUrl: string;
}

/** Everything a user can configure. Secrets (keys, tokens) are not here: see secret-vault.ts. */
export interface GatewaySettings {
  server: ServerSettings;
  lingma: LingmaSettings;
  routing: RoutingSettings;
  models: ModelSettings;
  sessionReuse: SessionReuseSettings;
  tools: ToolSettings;
  logs: LogSettings;
  app: AppSettings;
}

/** Version of the persisted settings layout written by this build. */
export const SETTINGS_SCHEMA_VERSION = 1;

/** Settings plus the layout version, as written to disk. */
export type PersistedSettings = GatewaySettings & { schemaVersion: number };
