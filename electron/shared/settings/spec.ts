/**
 * Every setting, described once: its type (from its builder), default, rule, how a change takes
 * effect and where the Settings page shows it. The settings type (SettingsDto, the core's
 * GatewaySettings), the defaults, the core's normaliser and the renderer's form are all derived
 * from this table; labels and help text are `settings.field.<section>.<name>` in the catalogue
 * (shared/i18n), and a test fails while one is missing in either language.
 *
 * Adding a setting: one entry here, its words in i18n/en/settings.ts and i18n/zh-cn/settings.ts,
 * and the code that reads it. Sections and fields are shown in this order.
 */
import {
  aliases,
  bool,
  choice,
  int,
  isHost,
  isHttpUrl,
  isUpdateFeedUrl,
  origins,
  text,
  type ValueOf,
} from './rules';

const MiB = 1024 * 1024;

export const SETTINGS_SPEC = {
  server: {
    /**
     * 8765 by default: unused by Lingma (36510/37010/37510/38510) and by common dev servers.
     * 0 picks a free port on each start (tests); the form asks for 1 or more.
     */
    port: int(0, 65535, 8765, { apply: 'listener', group: 'connection', min: 1 }),
    /** Anything but loopback also needs `allowLan`. */
    host: text(
      '127.0.0.1',
      { maxLength: 253, valid: isHost, invalid: 'badHost', what: 'a host name or IP address' },
      { apply: 'listener', group: 'connection' },
    ),
    /** Must be on to listen on a non-loopback address; off so nothing is exposed by accident. */
    allowLan: bool(false, { apply: 'listener', group: 'connection' }),
    /** Browser origins allowed to call the API (exact `scheme://host[:port]`); empty = none. */
    allowedOrigins: origins({ apply: 'live', group: 'connection' }),
    /** Largest accepted request body (10 MiB: long chats with pasted files). */
    maxBodyBytes: int(1024, 256 * MiB, 10 * MiB, { apply: 'live', group: 'limits' }),
    /** SSE keep-alive comment interval (0 = none). */
    keepAliveMs: int(0, 600_000, 15_000, { apply: 'live', group: 'limits' }),
    /**
     * A turn showing no answer (text, reasoning, tool event or finish) this long after it was
     * sent is stopped with a 504 (0 = never): 10× the usual 2–3 s to first token, PRED's per-RPC
     * budget (§10).
     */
    firstEventTimeoutMs: int(0, 3_600_000, 30_000, { apply: 'live', group: 'limits' }),
    /** Upstream silence mid-answer that stops a turn with a 504 (0 = never): below PRED's 90 s
     * whole-stream cut, above the binary's remote retries (§8.1, §10). */
    idleTimeoutMs: int(0, 3_600_000, 60_000, { apply: 'live', group: 'limits' }),
    /**
     * Open client sockets kept; past it the idle unauthenticated ones close first, so a flood of
     * idle connections cannot lock keyed clients out. Well under the usual 1024 open files.
     */
    maxConnections: int(16, 100_000, 512, { apply: 'live', group: 'limits' }),
  },
  lingma: {
    /** '' = find or download Lingma automatically. */
    binaryPath: text('', { maxLength: 4096 }, { apply: 'live', group: 'lingma' }),
    /** The VSIX to download the binary from; '' = the VS Code Marketplace. */
    vsixUrl: text(
      '',
      { maxLength: 2048, valid: (s) => s === '' || isHttpUrl(s), what: 'empty or an http(s) URL' },
      { apply: 'live', group: 'lingma' },
    ),
    /** Keep children (and their logins) running while the HTTP listener is off. */
    keepWarmWhenStopped: bool(true, { apply: 'live', group: 'lingma' }),
    /**
     * The binary's method set (§1): `auto` detects it at start; `cosy` (chat/ask, the IDE
     * plugins' binary) or `acp` (session/prompt, the desktop app's binary) forces one.
     */
    flavour: choice(['auto', 'cosy', 'acp'], 'auto', { apply: 'children', group: 'lingma' }),
  },
  models: {
    /** Used when a request names no model or one Lingma lacks; '' = Lingma's own default. */
    defaultModel: text(
      '',
      { maxLength: 200, control: 'model' },
      { apply: 'live', group: 'routing' },
    ),
    /** Lingma's two chat modes; `agent` is also forced by any tool context. */
    askMode: choice(['chat', 'agent'], 'chat', { apply: 'live', group: 'routing' }),
    /** sessionType sent with `mode: "agent"` (PAA ran `assistant`, CLAW shows `developer`). */
    agentSessionType: choice(['assistant', 'developer'], 'assistant', {
      apply: 'live',
      group: 'routing',
    }),
    /** Client model name → Lingma model key. */
    aliases: aliases({ apply: 'live', group: 'routing' }),
    /**
     * The largest prompt sent upstream, in estimated tokens: a replayed transcript is cut to it
     * (system prompt, tools, first message and newest turns kept), a continued session is
     * replayed once it would hold more, and a request that cannot fit gets
     * `context_length_exceeded`. Lingma's own limit is not documented (L); 128k is a common
     * context size for its coder models.
     */
    contextBudgetTokens: int(4_000, 1_000_000, 128_000, { apply: 'live', group: 'limits' }),
  },
  routing: {
    /** How the pool picks an instance when affinity does not decide. */
    strategy: choice(['least-busy', 'round-robin', 'fill-first'], 'least-busy', {
      apply: 'live',
      group: 'routing',
    }),
    /** Requests served at once across the pool; 0 = no limit (the predecessor's `<= 0`). */
    maxInFlight: int(0, 1024, 4, { apply: 'live', group: 'routing' }),
    /** Parallel turns per child on distinct sessions: PRED ran up to 4 in production (§8.1). */
    maxConcurrentPerInstance: int(1, 64, 4, { apply: 'live', group: 'routing' }),
    /** Lingma children for accounts added later (an account record keeps its own count). */
    workersPerAccount: int(1, 16, 1, { apply: 'new-accounts', group: 'routing' }),
    /** Replay a timed-out (hung) turn on another account; off: it would likely hang too. */
    failoverOnTimeout: bool(false, { apply: 'live', group: 'routing' }),
    /** How long a request may wait for a slot before it gets 429 + Retry-After. */
    queueTimeoutMs: int(0, 600_000, 30_000, { apply: 'live', group: 'limits' }),
  },
  sessionReuse: {
    enabled: bool(true, { apply: 'live', group: 'routing' }),
    maxEntries: int(1, 100_000, 256, { apply: 'live', group: 'routing' }),
    ttlSeconds: int(1, 7 * 86_400, 1800, { apply: 'live', group: 'routing' }),
  },
  tools: {
    /** Emulate OpenAI/Anthropic tool calling on top of Lingma's chat. */
    emulation: bool(true, { apply: 'live', group: 'tools' }),
    /** Extra turns spent asking the model to fix a malformed tool call. */
    correctiveRetries: int(0, 5, 1, { apply: 'live', group: 'tools' }),
    /** What the gateway answers when Lingma itself asks to run a tool upstream. */
    upstreamApproval: choice(['deny', 'auto-approve'], 'deny', { apply: 'live', group: 'tools' }),
    /** How long a tool call may wait for the client's result (the child's hook timeout). */
    pendingTimeoutMs: int(1_000, 3_600_000, 300_000, { apply: 'children', group: 'tools' }),
  },
  logs: {
    retentionDays: int(1, 3650, 14, { apply: 'app-restart', group: 'logs' }),
    maxTotalMB: int(10, 100_000, 200, { apply: 'app-restart', group: 'logs' }),
    /** Request/response bodies are cut to this many bytes in the log. */
    maxBodyBytes: int(0, 16 * MiB, 65_536, { apply: 'app-restart', group: 'logs' }),
  },
  app: {
    /** Shown as the OS has it ("This computer"). */
    launchAtLogin: bool(false, { apply: 'live', group: 'app' }),
    startGatewayOnLaunch: bool(true, { apply: 'live', group: 'connection' }),
    /** Check for app updates and download them in the background (restart stays the user's). */
    autoUpdate: bool(true, { apply: 'live', group: 'updates' }),
    /** An electron-updater "generic" feed; '' = the project's GitHub releases. */
    updateFeedUrl: text(
      '',
      {
        maxLength: 2048,
        valid: (s) => s === '' || isUpdateFeedUrl(s),
        invalid: 'badFeedUrl',
        what: 'empty, or an https URL',
      },
      { apply: 'live', group: 'updates' },
    ),
    /** UI, tray and notification language; `system` follows the OS ("This computer"). */
    language: choice(['system', 'en', 'zh-CN'], 'system', { apply: 'live', group: 'app' }),
  },
};

type Spec = typeof SETTINGS_SPEC;

/** Everything a user can configure, as stored and as the UI edits it. Secrets are not here. */
export type SettingsValues = {
  [S in keyof Spec]: { [F in keyof Spec[S]]: ValueOf<Spec[S][F]> };
};
