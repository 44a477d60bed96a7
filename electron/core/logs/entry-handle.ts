/**
 * The live handle `begin()` returns. It owns one in-progress entry: every call shapes the input
 * (redaction, caps) through entry-builder, then tells the store what changed. The entry's own
 * `inProgress` flag is the single source of truth for "finished", so the store may finish an entry
 * itself (shutdown, too many running) and late calls from the request are simply ignored.
 *
 * Off the request's hot path: the request body is kept raw and only redacted and capped when the
 * entry finishes or someone reads it first (`settleEntry`), and the changes of one turn of the
 * event loop reach the index and the live bus as one update.
 */
import {
  addClientToolCall,
  addTimelineEvent,
  addToolEvent,
  applyPatch,
  createEntry,
  finishEntry,
  type ShapeContext,
} from './entry-builder';
import type { BeginEntry, EntryHandle, LogEntry } from './types';

/** What a handle needs from the store. */
export interface HandleDeps {
  ctx: ShapeContext;
  now: () => number;
  init: BeginEntry;
  /** Maps the request id to a free entry id. */
  uniqueId(id: string): string;
  onStart(entry: LogEntry): void;
  /** Something the summary shows changed. */
  onChange(entry: LogEntry): void;
  onFinish(entry: LogEntry): void;
  onError(err: unknown): void;
}

/** Shapes whatever an entry still holds raw (before the store reads or writes it). */
const unsettled = new WeakMap<LogEntry, () => void>();

/** Brings a live entry up to date (its deferred request body is shaped now); returns it. */
export function settleEntry(entry: LogEntry): LogEntry {
  unsettled.get(entry)?.();
  return entry;
}

/** Creates the entry (reported through `onStart`) and returns its handle. */
export function createEntryHandle(d: HandleDeps): EntryHandle {
  const { ctx, now } = d;
  const { requestBody, ...init } = d.init;
  const entry = createEntry(ctx, init, d.init.time ?? now());
  entry.id = d.uniqueId(entry.id);
  let rawBody = requestBody;
  const settle = (): void => {
    if (rawBody === undefined) return;
    const body = rawBody;
    rawBody = undefined;
    applyPatch(ctx, entry, { requestBody: body });
  };
  unsettled.set(entry, settle);
  d.onStart(entry);
  let pending = false;
  const changed = (): void => {
    if (pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      if (entry.inProgress) d.onChange(entry);
    });
  };

  const guarded = (fn: () => void) => {
    if (!entry.inProgress) return;
    try {
      fn();
    } catch (err) {
      d.onError(err);
    }
  };
  const toolCount = () => entry.clientToolCalls.length + entry.upstreamTools.length;

  return {
    get id() {
      return entry.id;
    },
    get finished() {
      return !entry.inProgress;
    },
    update: ({ requestBody: body, ...patch }) =>
      guarded(() => {
        if (body !== undefined) rawBody = body;
        applyPatch(ctx, entry, patch);
        changed();
      }),
    firstByte: () =>
      guarded(() => {
        if (entry.ttfbMs !== undefined) return;
        entry.ttfbMs = Math.max(0, now() - entry.time);
        changed();
      }),
    addClientToolCall: (call, at) =>
      guarded(() => {
        addClientToolCall(ctx, entry, call, at ?? now());
        changed();
      }),
    addToolEvent: (message) =>
      guarded(() => {
        const before = toolCount();
        addToolEvent(ctx, entry, message);
        // Status steps do not show in the list row; only a new tool call does.
        if (toolCount() !== before) changed();
      }),
    addTimelineEvent: (kind, at) => guarded(() => addTimelineEvent(ctx, entry, kind, at ?? now())),
    finish: (patch = {}) =>
      guarded(() => {
        settle();
        unsettled.delete(entry);
        finishEntry(ctx, entry, patch, now());
        d.onFinish(entry);
      }),
  };
}

/** A handle that records nothing (the service is not running). */
export function detachedHandle(id: string): EntryHandle {
  let finished = false;
  const noop = () => undefined;
  return {
    id,
    get finished() {
      return finished;
    },
    update: noop,
    firstByte: noop,
    addClientToolCall: noop,
    addToolEvent: noop,
    addTimelineEvent: noop,
    finish: () => {
      finished = true;
    },
  };
}
