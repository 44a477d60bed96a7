/**
 * The request-log model: one entry per API request, created when the request starts, updated while
 * it runs and written to disk once it finishes. Everything stored here has already been redacted
 * (see redact.ts) and size-capped (see body.ts), so the UI and exports can show it as is.
 *
 * `EntrySummary` is structurally the `LogSummaryDto` of electron/shared/dto.ts (a test keeps the
 * two in step); the full `LogEntry` adds the detail the UI renders generically.
 */
import type { LogSummaryDto } from '../../shared/dto';
import type { UpstreamToolMessage } from '../lingma/types';

/** `other` covers everything that is not a chat surface (models list, health, internal routes). */
export type LogProtocol = 'openai' | 'anthropic' | 'responses' | 'other';

/** Lingma's ToolCallStatusEnum, plus whatever a newer binary may send. */
export type ToolCallStatus =
  | 'INIT'
  | 'PENDING'
  | 'RUNNING'
  | 'FINISHED'
  | 'ERROR'
  | 'CANCELLED'
  | 'REQUEST_FINISHED'
  | (string & {});

/** How an oversized value was cut; present only when something was cut. */
export interface TruncationMark {
  /** Size of the redacted value before cutting (UTF-8 bytes of its JSON text). */
  originalBytes: number;
  /** Size actually kept. */
  keptBytes: number;
  /** `fields`: long strings inside the JSON were shortened; `text`: the JSON text itself was cut. */
  mode: 'fields' | 'text';
}

export interface LogError {
  /** A short machine-readable kind: `upstream_error`, `timeout`, `client_closed`, … */
  kind: string;
  message: string;
}

/** A client-defined tool call the gateway emulated and returned to the client. */
export interface ClientToolCallRecord {
  id: string;
  name: string;
  /** JSON text as returned to the client (redacted, capped). */
  arguments: string;
  at: number;
}

/** A tool call as the gateway hands it to the log (the same shape the client received). */
export interface ToolCallInput {
  id: string;
  name: string;
  /** JSON text. */
  arguments: string;
}

/** One message about an upstream (Lingma agent) tool call, in arrival order. */
export interface ToolStep {
  at: number;
  method: string;
  /** 'in' = Lingma → gateway, 'out' = gateway → Lingma (approvals, invoke results). */
  direction: 'in' | 'out';
  status?: ToolCallStatus;
  /** `tool/call/approve` only. */
  approval?: boolean;
  /** `tool/invokeResult` only. */
  success?: boolean;
}

/** Everything known about one upstream tool call, keyed by Lingma's `toolCallId`. */
export interface UpstreamToolRecord {
  toolCallId: string;
  name?: string;
  /** The latest `toolCallStatus` seen. */
  status?: ToolCallStatus;
  parameters?: unknown;
  results?: unknown;
  error?: string;
  /** Capped; `stepsDropped` counts the rest. */
  steps: ToolStep[];
  stepsDropped?: number;
}

/** A compact timeline item. Consecutive items of the same kind are merged (`count`, `lastT`). */
export interface TimelineEvent {
  kind: string;
  /** Milliseconds since the entry's `time`. */
  t: number;
  count?: number;
  lastT?: number;
}

/** Fields that may be set at start and changed while the request runs. */
export interface EntryPatch {
  model?: string;
  resolvedModel?: string;
  accountId?: string;
  accountName?: string;
  instanceId?: string;
  stream?: boolean;
  status?: number;
  ttfbMs?: number;
  tokensIn?: number;
  tokensOut?: number;
  reuseHit?: boolean;
  /** How the request reached Lingma: `new`, `reply` or `replay` (open: more may come). */
  sessionKind?: string;
  /** UTF-8 bytes of the questions sent upstream for this request. */
  upstreamBytes?: number;
  queueWaitMs?: number;
  upstreamRequestId?: string;
  upstreamSessionId?: string;
  /** The `x-request-id` the client sent, if any (the entry id is always the gateway's). */
  clientRequestId?: string;
  attempts?: number;
  questionChars?: number;
  /** Appended to `notes` (capped), not replaced. */
  note?: string;
  /** Raw request body (parsed JSON or text); redacted and capped on the way in. */
  requestBody?: unknown;
  responseBody?: unknown;
}

/** What `finish()` accepts on top of a patch. */
export interface FinishPatch extends EntryPatch {
  /** A string is taken as the message with kind `error`. */
  error?: LogError | string;
  /** Defaults to the clock at finish minus `time`. */
  durationMs?: number;
}

/** What `begin()` needs; `time` defaults to the service clock. */
export interface BeginEntry extends EntryPatch {
  id: string;
  protocol: LogProtocol;
  /** Method and path, e.g. `POST /v1/chat/completions` (the query string is redacted). */
  endpoint: string;
  time?: number;
}

/** One request, as stored. */
export interface LogEntry {
  id: string;
  /** Start, epoch ms. */
  time: number;
  protocol: LogProtocol;
  endpoint: string;
  /** The model the client asked for. */
  model?: string;
  resolvedModel?: string;
  accountId?: string;
  accountName?: string;
  instanceId?: string;
  stream: boolean;
  status?: number;
  error?: LogError;
  ttfbMs?: number;
  durationMs?: number;
  /** Estimates (Lingma reports no usage). */
  tokensIn?: number;
  tokensOut?: number;
  reuseHit?: boolean;
  /** `new` session, `reply` on a continued one, or `replay` of the history (notes say why). */
  sessionKind?: string;
  /** UTF-8 bytes of the questions sent upstream for this request. */
  upstreamBytes?: number;
  queueWaitMs?: number;
  clientRequestId?: string;
  upstreamRequestId?: string;
  upstreamSessionId?: string;
  attempts?: number;
  questionChars?: number;
  notes?: string[];
  clientToolCalls: ClientToolCallRecord[];
  upstreamTools: UpstreamToolRecord[];
  /** Tool calls that did not fit the per-entry cap. */
  toolCallsDropped?: number;
  timeline: TimelineEvent[];
  timelineDropped?: number;
  requestBody?: unknown;
  requestBodyTruncated?: TruncationMark;
  responseBody?: unknown;
  responseBodyTruncated?: TruncationMark;
  inProgress: boolean;
  /** Epoch ms of `finish()`. */
  finishedAt?: number;
}

/**
 * The list row: the IPC `LogSummaryDto` (account = name when known, else id; error = `kind:
 * message`; toolCalls = client plus upstream calls) with the protocol narrowed.
 */
export interface EntrySummary extends LogSummaryDto {
  protocol: LogProtocol;
}

/** Filters for `query()`; all optional filters combine with AND. */
export interface LogQuery {
  /** Case-insensitive substring of id, endpoint, models, account, instance, error or status. */
  text?: string;
  /** `ok` = no error and status < 400 (in-progress included); a number matches exactly. */
  status?: 'ok' | 'error' | number;
  protocol?: string;
  /** Matches the requested or the resolved model. */
  model?: string;
  /** Matches the account id or name. */
  account?: string;
  hasToolCalls?: boolean;
  /** Start time, inclusive (epoch ms). */
  since?: number;
  /** Start time, exclusive (epoch ms). */
  until?: number;
  /** Page size, 1…1000 (default 100). */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

/** A page of summaries, newest first. */
export interface LogPage {
  entries: EntrySummary[];
  nextCursor?: string;
  /** All matches, not just this page. */
  total: number;
  /** The bus sequence this snapshot reflects: apply only pushes with a higher `seq`. */
  seq: number;
}

/** A batched push to one subscriber (shape of `LogsChangedDto`). */
export interface LogPush {
  seq: number;
  /** Latest summary per changed entry, oldest change first. */
  upserts: EntrySummary[];
  /** Changes were dropped since the previous push: reload a snapshot. */
  gap?: boolean;
}

export interface UsageRow {
  /** Local calendar day `YYYY-MM-DD` of the request start. */
  day: string;
  account: string;
  model: string;
  requests: number;
  errors: number;
  tokensIn: number;
  tokensOut: number;
}

export interface LogExport {
  count: number;
  /** A JSON array of full entries, oldest first. */
  json: string;
}

/** The live handle of an in-progress entry. Calls after `finish()` are ignored. */
export interface EntryHandle {
  /** The stored id: the request id, suffixed `~2`, `~3`… if a client reused one. */
  readonly id: string;
  readonly finished: boolean;
  update(patch: EntryPatch): void;
  /** Sets `ttfbMs` from the clock, once. */
  firstByte(): void;
  /** `at`: epoch ms the call went out (default: now). */
  addClientToolCall(call: ToolCallInput, at?: number): void;
  addToolEvent(message: UpstreamToolMessage): void;
  addTimelineEvent(kind: string, at?: number): void;
  finish(patch?: FinishPatch): void;
}
