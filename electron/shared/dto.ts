/**
 * Data shapes that cross the IPC boundary. No imports from the core (only from shared/) so the
 * renderer compiles without Node types; the core maps its own types onto these.
 */
import type { SettingsValues } from './settings';

export type GatewayState = 'running' | 'degraded' | 'stopped' | 'starting' | 'error';

export interface GatewayStatusDto {
  state: GatewayState;
  listening: boolean;
  host: string;
  port: number;
  /** `http://127.0.0.1:8765` while listening, else null. */
  baseUrl: string | null;
  /** Why the gateway is in `error` (e.g. the port is taken). */
  error?: string;
  /** A free port to offer when `error` is a port conflict. */
  suggestedPort?: number;
  readyAccounts: number;
  totalAccounts: number;
  inFlight: number;
  requestsToday: number;
}

export type InstanceStateDto =
  'starting' | 'ready' | 'logged-out' | 'cooling-down' | 'crashed' | 'disabled' | 'stopped';

export type LoginPhase = 'starting' | 'waiting' | 'succeeded' | 'failed' | 'cancelled' | 'timeout';

export interface LoginProgressDto {
  accountId: string;
  phase: LoginPhase;
  message?: string;
  /** The login page (shown so a user can open it in a browser instead). */
  url?: string;
}

export interface AccountDto {
  id: string;
  name: string;
  enabled: boolean;
  state: InstanceStateDto;
  /** Lingma account name / e-mail from auth status, when logged in. */
  userName?: string;
  userType?: string;
  quota?: string;
  lastError?: string;
  served: number;
  errors: number;
  cooldownUntil?: number;
  workers: number;
  lastLoginAt?: number;
  login?: LoginProgressDto;
}

export interface ApiKeyDto {
  id: string;
  name: string;
  /** `lgw-AbCd…`: enough to recognise, never the key. */
  prefix: string;
  createdAt: number;
  lastUsedAt?: number;
  /** Keys from the environment cannot be revoked from the UI. */
  readOnly: boolean;
}

export interface ModelDto {
  id: string;
  name: string;
  reasoning: boolean;
  vision: boolean;
}

export interface AppInfoDto {
  version: string;
  platform: string;
  /** The OS's preferred languages, most preferred first (what "follow the system" follows). */
  locales: string[];
  /** False when the OS offers no keyring: secrets sit in a 0600 file. */
  secretsEncrypted: boolean;
  dataDir: string;
}

export interface BinaryDownloadDto {
  phase: 'download' | 'extract' | 'verify' | 'done' | 'error';
  receivedBytes: number;
  totalBytes?: number;
  percent?: number;
  /** Averaged over the last few seconds; absent until there is enough to say. */
  bytesPerSecond?: number;
}

/**
 * Where getting Lingma stands: `unknown` before the first look, `found`, `missing` (nothing
 * installed and no download running), `downloading`, or `failed` (the last download or the
 * configured path failed; `failure` says why).
 */
export type BinaryState = 'unknown' | 'found' | 'missing' | 'downloading' | 'failed';

export interface BinaryFailureDto {
  /**
   * A LingmaBinaryErrorCode (`offline`, `http`, `timeout`, …), `bad-path` (the configured
   * binary is unusable) or `unknown`.
   */
  code: string;
  message: string;
  at: number;
}

export interface BinaryStatusDto {
  state: BinaryState;
  path?: string;
  version?: string;
  source?: string;
  error?: string;
  latestVersion?: string;
  updateAvailable?: boolean;
  /** Set only while a download runs. */
  download?: BinaryDownloadDto;
  failure?: BinaryFailureDto;
  /** The last download was cancelled by the user (not a failure). */
  cancelled?: boolean;
}

export interface TestRequestDto {
  model?: string;
  prompt?: string;
  protocol?: 'openai' | 'anthropic';
}

export interface TestResultDto {
  ok: boolean;
  model: string;
  text?: string;
  error?: string;
  status?: number;
  latencyMs: number;
  ttfbMs?: number;
}

/**
 * Settings as the UI edits them and the core stores them: derived from the one description in
 * settings/spec.ts (types, defaults, rules, how each applies).
 */
export type SettingsDto = SettingsValues;

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

export type SettingsPatchDto = DeepPartial<SettingsDto>;

export interface SettingsResultDto {
  settings: SettingsDto;
  warnings: string[];
  /** Changes that take effect only after the gateway restarts its listener. */
  restartNeeded: boolean;
}

export interface LogQueryDto {
  text?: string;
  status?: 'ok' | 'error';
  protocol?: string;
  model?: string;
  account?: string;
  /** Issue 16: the client's name, the key's name, refused or served requests. */
  client?: string;
  key?: string;
  origin?: 'refused' | 'served';
  hasToolCalls?: boolean;
  limit?: number;
  cursor?: string;
}

export interface LogSummaryDto {
  id: string;
  time: number;
  protocol: string;
  endpoint: string;
  model?: string;
  resolvedModel?: string;
  account?: string;
  stream: boolean;
  status?: number;
  error?: string;
  ttfbMs?: number;
  durationMs?: number;
  tokensIn?: number;
  tokensOut?: number;
  toolCalls: number;
  inProgress: boolean;
  // Issue 16 (absent when unknown, so 100k rows stay small).
  client?: string;
  clientVersion?: string;
  keyName?: string;
  /** A wrong key's safe first characters (`lgw-3f…`). */
  keyHint?: string;
  /** `new`, `reply`, `replay`, or a kind a later version adds. */
  sessionKind?: string;
  upstreamBytes?: number;
  /** Why the gateway answered the request itself (`wrong_key`, `host`, `validation`, …). */
  refused?: string;
  /** Identical refusals folded into this row. */
  repeats?: number;
  lastAt?: number;
}

export interface LogPageDto {
  entries: LogSummaryDto[];
  nextCursor?: string;
  total?: number;
}

/** The full entry as stored (already redacted); the detail view renders it generically. */
export type LogEntryDto = LogSummaryDto & Record<string, unknown>;

export interface LogsChangedDto {
  seq: number;
  upserts: LogSummaryDto[];
  /** Issue 16: entries the log let go of (refused requests past their bound). */
  removed?: string[];
  /** Some pushes were dropped: reload a snapshot. */
  gap?: boolean;
}

export interface UsageRowDto {
  day: string;
  account: string;
  model: string;
  requests: number;
  errors: number;
  tokensIn: number;
  tokensOut: number;
}

export interface UsageDto {
  rows: UsageRowDto[];
}

// Desktop setup (issue 15): one-click client setup and launch at login.
export * from './dto-desktop';
// Request inspector (issue 16): request statistics over time.
export * from './dto-logs';
