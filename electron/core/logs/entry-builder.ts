/**
 * Building and updating entries. Every value coming in from a request, Lingma or a client passes
 * through here, so this is where redaction and the per-entry caps are enforced: an entry can
 * never hold an unredacted string or grow without bound, whatever a request does.
 */
import type { UpstreamToolMessage } from '../lingma/types';
import { prepareBody, prepareText } from './body';
import type { SecretRegistry } from './redact';
import type {
  BeginEntry,
  EntryPatch,
  EntrySummary,
  FinishPatch,
  LogEntry,
  ToolCallInput,
  ToolStep,
  UpstreamToolRecord,
} from './types';

/** Per-entry size caps. */
export interface EntryLimits {
  /** Request and response bodies (UTF-8 bytes of their JSON text). */
  maxBodyBytes: number;
  /** Tool arguments, parameters and results. */
  maxFieldBytes: number;
  /** Error messages, notes, names and ids. */
  maxTextBytes: number;
  maxTimeline: number;
  /** Client plus upstream tool calls. */
  maxToolCalls: number;
  maxToolSteps: number;
  maxNotes: number;
}

/** Defaults: 64 KiB bodies, 8 KiB tool fields, 200 timeline items, 100 tool calls. */
export const DEFAULT_LIMITS: EntryLimits = {
  maxBodyBytes: 64 * 1024,
  maxFieldBytes: 8 * 1024,
  maxTextBytes: 2 * 1024,
  maxTimeline: 200,
  maxToolCalls: 100,
  maxToolSteps: 50,
  maxNotes: 20,
};

/** What shaping needs: the caps and the secret registry (the shared default when absent). */
export interface ShapeContext {
  limits: EntryLimits;
  secrets?: SecretRegistry;
}

const SHORT = 256;

function text(ctx: ShapeContext, s: string, max = ctx.limits.maxTextBytes): string {
  return prepareText(s, max, ctx.secrets);
}

function field(ctx: ShapeContext, v: unknown): unknown {
  return prepareBody(v, ctx.limits.maxFieldBytes, ctx.secrets).value;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** A new in-progress entry. `id` is used as given (the store makes it unique). */
export function createEntry(ctx: ShapeContext, init: BeginEntry, time: number): LogEntry {
  const entry: LogEntry = {
    id: text(ctx, init.id, SHORT),
    time,
    protocol: init.protocol,
    endpoint: text(ctx, init.endpoint),
    stream: init.stream === true,
    clientToolCalls: [],
    upstreamTools: [],
    timeline: [],
    inProgress: true,
  };
  applyPatch(ctx, entry, init);
  return entry;
}

const TEXT_FIELDS = [
  'model',
  'resolvedModel',
  'accountId',
  'accountName',
  'instanceId',
  'upstreamRequestId',
  'upstreamSessionId',
  'clientRequestId',
  'sessionKind',
] as const;
const NUMBER_FIELDS = [
  'status',
  'ttfbMs',
  'tokensIn',
  'tokensOut',
  'queueWaitMs',
  'attempts',
  'questionChars',
  'upstreamBytes',
] as const;

/** Applies a patch: strings redacted and capped, numbers only when finite, bodies prepared. */
export function applyPatch(ctx: ShapeContext, entry: LogEntry, patch: EntryPatch): void {
  for (const k of TEXT_FIELDS) {
    const v = str(patch[k]);
    if (v !== undefined) entry[k] = text(ctx, v, SHORT);
  }
  for (const k of NUMBER_FIELDS) {
    const v = num(patch[k]);
    if (v !== undefined) entry[k] = v;
  }
  if (typeof patch.stream === 'boolean') entry.stream = patch.stream;
  if (typeof patch.reuseHit === 'boolean') entry.reuseHit = patch.reuseHit;
  if (str(patch.note) !== undefined) {
    const notes = (entry.notes ??= []);
    if (notes.length < ctx.limits.maxNotes) notes.push(text(ctx, patch.note as string));
  }
  if (patch.requestBody !== undefined) {
    const p = prepareBody(patch.requestBody, ctx.limits.maxBodyBytes, ctx.secrets);
    entry.requestBody = p.value;
    if (p.truncated) entry.requestBodyTruncated = p.truncated;
    else delete entry.requestBodyTruncated;
  }
  if (patch.responseBody !== undefined) {
    const p = prepareBody(patch.responseBody, ctx.limits.maxBodyBytes, ctx.secrets);
    entry.responseBody = p.value;
    if (p.truncated) entry.responseBodyTruncated = p.truncated;
    else delete entry.responseBodyTruncated;
  }
}

function toolSlotFree(ctx: ShapeContext, entry: LogEntry): boolean {
  if (entry.clientToolCalls.length + entry.upstreamTools.length < ctx.limits.maxToolCalls) {
    return true;
  }
  entry.toolCallsDropped = (entry.toolCallsDropped ?? 0) + 1;
  return false;
}

/** Records an emulated client tool call (arguments redacted, capped). */
export function addClientToolCall(
  ctx: ShapeContext,
  entry: LogEntry,
  call: ToolCallInput,
  at: number,
): void {
  if (!toolSlotFree(ctx, entry)) return;
  const args = field(ctx, call.arguments);
  entry.clientToolCalls.push({
    id: text(ctx, call.id, SHORT),
    name: text(ctx, call.name, SHORT),
    arguments: typeof args === 'string' ? args : JSON.stringify(args),
    at,
  });
}

/**
 * Merges one upstream tool message into the record of its `toolCallId`: status changes from
 * `tool/call/sync`, the name and parameters from `tool/invoke`, approvals and invoke results we
 * sent. Every message also becomes a step, so the UI can draw the tool's own timeline.
 */
export function addToolEvent(ctx: ShapeContext, entry: LogEntry, m: UpstreamToolMessage): void {
  const p = m.params;
  const id = text(ctx, str(p.toolCallId) ?? '(none)', SHORT);
  let rec = entry.upstreamTools.find((t) => t.toolCallId === id);
  if (!rec) {
    if (!toolSlotFree(ctx, entry)) return;
    rec = { toolCallId: id, steps: [] };
    entry.upstreamTools.push(rec);
  }
  const step: ToolStep = { at: m.at, method: text(ctx, m.method, SHORT), direction: m.direction };
  const name = str(p.name) ?? str(p.toolName);
  if (name !== undefined) rec.name = text(ctx, name, SHORT);
  if (p.parameters !== undefined && rec.parameters === undefined) {
    rec.parameters = field(ctx, p.parameters);
  }
  if (m.method === 'tool/call/sync') {
    const status = str(p.toolCallStatus);
    if (status !== undefined) rec.status = step.status = text(ctx, status, 64);
    if (Array.isArray(p.results) ? p.results.length > 0 : p.results !== undefined) {
      rec.results = field(ctx, p.results);
    }
    setToolError(ctx, rec, p.errorCode, p.errorMsg);
  } else if (m.method === 'tool/call/approve') {
    step.approval = p.approval === true;
  } else if (m.method === 'tool/invokeResult') {
    step.success = p.success === true;
    if (p.result !== undefined) rec.results = field(ctx, p.result);
    setToolError(ctx, rec, undefined, p.errorMessage);
  }
  if (rec.steps.length < ctx.limits.maxToolSteps) rec.steps.push(step);
  else rec.stepsDropped = (rec.stepsDropped ?? 0) + 1;
}

function setToolError(ctx: ShapeContext, rec: UpstreamToolRecord, code: unknown, msg: unknown) {
  const parts = [code, msg].filter((x) => (typeof x === 'string' && x) || typeof x === 'number');
  if (parts.length) rec.error = text(ctx, parts.join(': '));
}

/** Appends a timeline item, merging runs of the same kind (a stream is thousands of deltas). */
export function addTimelineEvent(ctx: ShapeContext, entry: LogEntry, kind: string, at: number) {
  const t = Math.max(0, Math.round(at - entry.time));
  const last = entry.timeline[entry.timeline.length - 1];
  const k = text(ctx, kind, 128);
  if (last && last.kind === k) {
    last.count = (last.count ?? 1) + 1;
    last.lastT = t;
  } else if (entry.timeline.length < ctx.limits.maxTimeline) {
    entry.timeline.push({ kind: k, t });
  } else {
    entry.timelineDropped = (entry.timelineDropped ?? 0) + 1;
  }
}

/** Final patch, error, `finishedAt` and duration; the entry stops being in progress. */
export function finishEntry(ctx: ShapeContext, entry: LogEntry, patch: FinishPatch, now: number) {
  applyPatch(ctx, entry, patch);
  const err = patch.error;
  if (typeof err === 'string') entry.error = { kind: 'error', message: text(ctx, err) };
  else if (err) entry.error = { kind: text(ctx, err.kind, 64), message: text(ctx, err.message) };
  entry.finishedAt = now;
  entry.durationMs = num(patch.durationMs) ?? Math.max(0, now - entry.time);
  entry.inProgress = false;
}

/** The list row of an entry. Absent fields stay absent (rows are kept for 100k entries). */
export function toSummary(e: LogEntry): EntrySummary {
  const s: EntrySummary = {
    id: e.id,
    time: e.time,
    protocol: e.protocol,
    endpoint: e.endpoint,
    stream: e.stream,
    toolCalls: e.clientToolCalls.length + e.upstreamTools.length + (e.toolCallsDropped ?? 0),
    inProgress: e.inProgress,
  };
  if (e.model !== undefined) s.model = e.model;
  if (e.resolvedModel !== undefined) s.resolvedModel = e.resolvedModel;
  const account = e.accountName ?? e.accountId;
  if (account !== undefined) s.account = account;
  if (e.status !== undefined) s.status = e.status;
  if (e.error) s.error = `${e.error.kind}: ${e.error.message}`;
  if (e.ttfbMs !== undefined) s.ttfbMs = e.ttfbMs;
  if (e.durationMs !== undefined) s.durationMs = e.durationMs;
  if (e.tokensIn !== undefined) s.tokensIn = e.tokensIn;
  if (e.tokensOut !== undefined) s.tokensOut = e.tokensOut;
  return s;
}

/** The rule the UI uses too: an error message, or an HTTP status of 400 and above. */
export function isErrorSummary(s: Pick<EntrySummary, 'error' | 'status'>): boolean {
  return Boolean(s.error) || (s.status !== undefined && s.status >= 400);
}

/** Loose shape check for lines read back from disk (they may come from an older version). */
export function isStoredEntry(v: unknown): v is LogEntry {
  if (v === null || typeof v !== 'object') return false;
  const e = v as Partial<LogEntry>;
  return (
    typeof e.id === 'string' &&
    typeof e.time === 'number' &&
    typeof e.protocol === 'string' &&
    typeof e.endpoint === 'string' &&
    Array.isArray(e.clientToolCalls) &&
    Array.isArray(e.upstreamTools) &&
    Array.isArray(e.timeline)
  );
}
