/**
 * Merges Lingma's upstream tool messages (`tool/call/sync`, `tool/invoke`, `tool/call/approve`,
 * `tool/invokeResult`, §9) per toolCallId. It yields (a) a timeline per call for the request log's
 * tool inspector — every distinct message with its time and direction, repeated syncs counted, not
 * repeated — and (b) BridgedToolCalls for clients that defined no tools.
 *
 * When a bridged call is emitted: exactly once, as soon as it has both a name (from `tool/invoke`
 * or a ```toolCall::name::id tag in the answer) and a result (a terminal status, an invoke result,
 * or a rejected approval), so encoders get the call and its result together. `flush()` at the end
 * of the turn emits the rest as they are: without a result (the client's stop reason is then
 * `tool_use`), and named `fallbackName` when no name ever showed up.
 *
 * Routing: a message with a requestId belongs to that request and teaches the toolCallId → request
 * map; one without goes where its toolCallId was seen, else to `defaultRequestId`, else nowhere.
 */
import type { BridgedToolCall } from '../chat/types';
import type { UpstreamToolMessage } from '../lingma/types';
import type { ToolCallStatus, ToolStep, UpstreamToolRecord } from '../logs/types';
import { isJsonObject } from './lenient-json';
import { bridgedResult, statusAdvances } from './upstream-result';
import { ToolCallTagScanner, type ToolCallTag } from './upstream-tags';
import { stableFingerprint } from './upstream-fingerprint';

/** Everything known about one upstream call; assignable to the log's UpstreamToolRecord. */
export interface UpstreamToolTimeline extends UpstreamToolRecord {
  requestId: string;
  sessionId?: string;
  approval?: boolean;
  invokeResult?: { success: boolean; errorMessage?: string; result?: unknown };
  async?: boolean;
  firstAt: number;
  lastAt: number;
  /** Identical messages received again (not repeated in `steps`). */
  duplicates: number;
  /** The bridged call has been handed out. */
  emitted: boolean;
}

export interface UpstreamMergeOptions {
  /** Request for messages that carry no requestId and an unknown toolCallId. */
  defaultRequestId?: string;
  /** Steps kept per call; the rest are counted in `stepsDropped`. Default 100. */
  maxSteps?: number;
  /** Name of a bridged call whose name never showed up. Default `lingma_tool`. */
  fallbackName?: string;
}

export type MergeOutcome =
  | { routed: true; requestId: string; toolCallId: string; duplicate: boolean }
  | { routed: false; reason: string };

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

const MAX_UNROUTABLE = 50;

export class UpstreamToolMerger {
  private readonly states = new Map<string, UpstreamToolTimeline>();
  private readonly fingerprints = new Map<string, Set<string>>();
  private readonly namesFromText = new Map<string, string>();
  private readonly scanners = new Map<string, ToolCallTagScanner>();
  private readonly dropped: UpstreamToolMessage[] = [];
  private readonly maxSteps: number;
  private readonly fallbackName: string;

  constructor(private readonly options: UpstreamMergeOptions = {}) {
    this.maxSteps = options.maxSteps ?? 100;
    this.fallbackName = options.fallbackName ?? 'lingma_tool';
  }

  /** Merges one message. */
  add(message: UpstreamToolMessage): MergeOutcome {
    const p = message.params;
    const toolCallId = str(p.toolCallId) ?? str(p.tool_call_id);
    if (!toolCallId) return this.drop(message, 'no toolCallId');
    const known = this.states.get(toolCallId);
    const requestId = str(p.requestId) ?? known?.requestId ?? this.options.defaultRequestId;
    if (requestId === undefined) return this.drop(message, 'no requestId and unknown toolCallId');

    const state = known ?? this.create(toolCallId, requestId, message.at);
    // An explicit requestId is authoritative, even for a call first routed another way.
    if (known && str(p.requestId)) known.requestId = requestId;
    const seen = this.fingerprints.get(toolCallId) ?? new Set<string>();
    this.fingerprints.set(toolCallId, seen);
    const fingerprint = `${message.method}|${message.direction}|${stableFingerprint(p)}`;
    state.lastAt = Math.max(state.lastAt, message.at);
    if (seen.has(fingerprint)) {
      state.duplicates += 1;
      return { routed: true, requestId: state.requestId, toolCallId, duplicate: true };
    }
    seen.add(fingerprint);
    this.apply(state, message);
    return { routed: true, requestId: state.requestId, toolCallId, duplicate: false };
  }

  /** Reads ```toolCall:: tags from a request's answer text (the only source of sync names). */
  observeText(delta: string, requestId = ''): void {
    const scanner = this.scanners.get(requestId) ?? new ToolCallTagScanner();
    this.scanners.set(requestId, scanner);
    this.learnNames(scanner.push(delta));
  }

  /** The request's answer is complete: reads a tag on its last line. */
  endText(requestId = ''): void {
    const scanner = this.scanners.get(requestId);
    if (scanner) this.learnNames(scanner.end());
    this.scanners.delete(requestId);
  }

  /** Calls (of one request, or all) that became ready since the last take; each comes once. */
  takeReady(requestId?: string): BridgedToolCall[] {
    const out: BridgedToolCall[] = [];
    for (const s of this.select(requestId)) {
      if (s.emitted) continue;
      const name = this.nameOf(s);
      const result = bridgedResult(s);
      if (!name || !result) continue;
      out.push(this.emit(s, name));
    }
    return out;
  }

  /** End of turn: every call not handed out yet, with whatever it has. */
  flush(requestId?: string): BridgedToolCall[] {
    const out = this.takeReady(requestId);
    for (const s of this.select(requestId)) {
      if (!s.emitted) out.push(this.emit(s, this.nameOf(s) ?? this.fallbackName));
    }
    return out;
  }

  /** A handed-out call still has no result (Anthropic `stop_reason: "tool_use"`). */
  pendingToolUse(requestId?: string): boolean {
    return this.select(requestId).some((s) => s.emitted && bridgedResult(s) === undefined);
  }

  /** Timelines for the request log, in first-seen order (copies). */
  timeline(requestId?: string): UpstreamToolTimeline[] {
    return this.select(requestId).map((s) => ({
      ...s,
      name: this.nameOf(s),
      steps: [...s.steps],
    }));
  }

  /** Messages that could not be routed (most recent, capped), for diagnostics. */
  unroutable(): readonly UpstreamToolMessage[] {
    return this.dropped;
  }

  /** Forgets a finished request, its calls and their toolCallId routes. */
  forget(requestId: string): void {
    for (const [id, s] of this.states) {
      if (s.requestId !== requestId) continue;
      this.states.delete(id);
      this.fingerprints.delete(id);
      this.namesFromText.delete(id);
    }
    this.scanners.delete(requestId);
  }

  private nameOf(s: UpstreamToolTimeline): string | undefined {
    return s.name ?? this.namesFromText.get(s.toolCallId);
  }

  private select(requestId: string | undefined): UpstreamToolTimeline[] {
    const all = [...this.states.values()];
    return requestId === undefined ? all : all.filter((s) => s.requestId === requestId);
  }

  private emit(s: UpstreamToolTimeline, name: string): BridgedToolCall {
    s.emitted = true;
    const params = s.parameters === undefined ? {} : s.parameters;
    const call: BridgedToolCall = {
      id: s.toolCallId,
      name,
      arguments: typeof params === 'string' ? params : JSON.stringify(params),
    };
    const result = bridgedResult(s);
    if (result) call.result = result;
    return call;
  }

  private learnNames(tags: ToolCallTag[]): void {
    for (const t of tags) this.namesFromText.set(t.toolCallId, t.name);
  }

  private drop(message: UpstreamToolMessage, reason: string): MergeOutcome {
    this.dropped.push(message);
    if (this.dropped.length > MAX_UNROUTABLE) this.dropped.shift();
    return { routed: false, reason };
  }

  private create(toolCallId: string, requestId: string, at: number): UpstreamToolTimeline {
    const state: UpstreamToolTimeline = {
      toolCallId,
      requestId,
      steps: [],
      firstAt: at,
      lastAt: at,
      duplicates: 0,
      emitted: false,
    };
    this.states.set(toolCallId, state);
    return state;
  }

  private apply(s: UpstreamToolTimeline, m: UpstreamToolMessage): void {
    const p = m.params;
    const step: ToolStep = { at: m.at, method: m.method, direction: m.direction };
    s.sessionId = str(p.sessionId) ?? s.sessionId;
    const name = str(p.name) ?? str(p.toolName);
    if (name) s.name = name;
    if (isJsonObject(p.parameters) && (Object.keys(p.parameters).length > 0 || !s.parameters)) {
      s.parameters = p.parameters;
    }
    switch (m.method) {
      case 'tool/call/sync': {
        const status = str(p.toolCallStatus) as ToolCallStatus | undefined;
        if (status) {
          step.status = status;
          if (statusAdvances(s.status, status)) s.status = status;
        }
        if (p.results !== undefined && p.results !== null) s.results = p.results;
        const error =
          str(p.errorMsg) ??
          (p.errorCode !== undefined && p.errorCode !== null
            ? `error ${String(p.errorCode)}`
            : undefined);
        if (error && status === 'ERROR') s.error = error;
        break;
      }
      case 'tool/invoke':
        if (typeof p.async === 'boolean') s.async = p.async;
        break;
      case 'tool/call/approve':
        if (typeof p.approval === 'boolean') {
          step.approval = p.approval;
          s.approval = p.approval;
          if (!p.approval && statusAdvances(s.status, 'CANCELLED')) {
            s.status = 'CANCELLED';
            s.error = 'the tool call was rejected (approval denied)';
          }
        }
        break;
      case 'tool/invokeResult': {
        const success = p.success !== false;
        step.success = success;
        s.invokeResult = { success, errorMessage: str(p.errorMessage), result: p.result };
        if (!success && !s.error) s.error = str(p.errorMessage);
        break;
      }
    }
    if (s.steps.length < this.maxSteps) s.steps.push(step);
    else s.stepsDropped = (s.stepsDropped ?? 0) + 1;
  }
}
