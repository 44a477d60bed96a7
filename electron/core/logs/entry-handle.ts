/**
 * The live handle `begin()` returns. It owns one in-progress entry: every call shapes the input
 * (redaction, caps) through entry-builder, then tells the store what changed. The entry's own
 * `inProgress` flag is the single source of truth for "finished", so the store may finish an entry
 * itself (shutdown, too many running) and late calls from the request are simply ignored.
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

/** Creates the entry (reported through `onStart`) and returns its handle. */
export function createEntryHandle(d: HandleDeps): EntryHandle {
  const { ctx, now } = d;
  const entry = createEntry(ctx, d.init, d.init.time ?? now());
  entry.id = d.uniqueId(entry.id);
  d.onStart(entry);

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
    update: (patch) =>
      guarded(() => {
        applyPatch(ctx, entry, patch);
        d.onChange(entry);
      }),
    firstByte: () =>
      guarded(() => {
        if (entry.ttfbMs !== undefined) return;
        entry.ttfbMs = Math.max(0, now() - entry.time);
        d.onChange(entry);
      }),
    addClientToolCall: (call, at) =>
      guarded(() => {
        addClientToolCall(ctx, entry, call, at ?? now());
        d.onChange(entry);
      }),
    addToolEvent: (message) =>
      guarded(() => {
        const before = toolCount();
        addToolEvent(ctx, entry, message);
        // Status steps do not show in the list row; only a new tool call does.
        if (toolCount() !== before) d.onChange(entry);
      }),
    addTimelineEvent: (kind, at) => guarded(() => addTimelineEvent(ctx, entry, kind, at ?? now())),
    finish: (patch = {}) =>
      guarded(() => {
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
