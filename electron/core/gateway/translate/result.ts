/**
 * The non-streamed view of an OutEvent stream, and small helpers both API encoders share so a
 * streamed and a non-streamed answer to the same events always agree (same arguments text, same
 * tool input object, same de-duplication).
 */
import { TurnOutput } from '../../chat/turn-record';
import type { ChatResult, OutEvent } from '../../chat/types';

export type { ChatResult, ResultCall } from '../../chat/types';

/** What a response builder is made from: the raw events, or an already accumulated result. */
export type ResponseSource =
  { events: readonly OutEvent[]; result?: undefined } | { result: ChatResult; events?: undefined };

/** Server-side timing, reported as the non-standard `latency` field (SDKs ignore extra fields). */
export interface LatencyInput {
  firstTokenMs?: number;
  totalMs: number;
}

/** The `latency` field as the predecessor gateway sent it. */
export interface LatencyField {
  first_token_ms: number | null;
  total_ms: number;
}

/** Neutral timing → the `latency` field. */
export function latencyField(latency: LatencyInput): LatencyField {
  return { first_token_ms: latency.firstTokenMs ?? null, total_ms: latency.totalMs };
}

/**
 * Folds events into a result, by the chat core's one fold (chat/turn-record.ts): a call id seen
 * twice is one call, and without a finish event the answer counts as stopped with zero usage.
 */
export function accumulateEvents(events: readonly OutEvent[]): ChatResult {
  const o = TurnOutput.of(events);
  return {
    text: o.text,
    reasoning: o.reasoning,
    calls: o.calls,
    finishReason: o.finishReason,
    usage: o.usage,
  };
}

/** The canonical event order of a result: reasoning, text, calls, finish. */
export function resultToEvents(result: ChatResult): OutEvent[] {
  const events: OutEvent[] = [];
  if (result.reasoning) events.push({ type: 'reasoning', text: result.reasoning });
  if (result.text) events.push({ type: 'text', text: result.text });
  for (const c of result.calls) {
    if (c.source === 'client') events.push({ type: 'tool_call', call: c.call });
    else
      events.push({
        type: 'upstream_tool',
        call: c.result ? { ...c.call, result: c.result } : c.call,
      });
  }
  events.push({ type: 'finish', finishReason: result.finishReason, usage: result.usage });
  return events;
}

/** The events of a source (a result is replayed in canonical order). */
export function sourceEvents(source: ResponseSource): readonly OutEvent[] {
  return source.events ?? resultToEvents(source.result);
}

/** The accumulated result of a source. */
export function sourceResult(source: ResponseSource): ChatResult {
  return source.result ?? accumulateEvents(source.events);
}

/** Arguments as clients will `JSON.parse` them: blank arguments mean "no arguments". */
export function normalizeArguments(args: string): string {
  return args.trim() === '' ? '{}' : args;
}

/**
 * Tool input as the object Anthropic's `tool_use.input` must be. Arguments that are not a JSON
 * object (bridged upstream calls are not validated) are wrapped as `{input: …}` rather than lost.
 */
export function parseToolInput(args: string): Record<string, unknown> {
  const text = normalizeArguments(args);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { input: text };
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value))
    return value as Record<string, unknown>;
  return { input: value };
}

/** Wire ids carry the API's prefix (`chatcmpl-`, `msg_`); a bare request id gets it added. */
export function withPrefix(id: string, prefix: string): string {
  return id.startsWith(prefix) ? id : prefix + id;
}
