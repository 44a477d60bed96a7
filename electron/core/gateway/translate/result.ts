/**
 * The non-streamed view of an OutEvent stream, and small helpers both API encoders share so a
 * streamed and a non-streamed answer to the same events always agree (same arguments text, same
 * tool input object, same de-duplication).
 */
import type { FinishReason, NeutralToolCall, OutEvent, Usage } from './neutral';

/** A tool call of the answer: an emulated client call, or a bridged Lingma agent call. */
export interface ResultCall {
  call: NeutralToolCall;
  source: 'client' | 'upstream';
  /** Bridged calls only: the upstream result, when the event carried one. */
  result?: { content: string; isError: boolean };
}

/** Everything a complete (non-streamed) response needs. */
export interface ChatResult {
  text: string;
  reasoning: string;
  /** In emission order, one entry per call id. */
  calls: ResultCall[];
  finishReason: FinishReason;
  usage: Usage;
}

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

const ZERO_USAGE: Usage = { inputTokens: 0, outputTokens: 0, reasoningTokens: 0 };

/**
 * Folds events into a result. A call id seen twice is one call (the bridge may surface a call and
 * later its result); without a finish event the answer counts as stopped with zero usage.
 */
export function accumulateEvents(events: readonly OutEvent[]): ChatResult {
  const result: ChatResult = {
    text: '',
    reasoning: '',
    calls: [],
    finishReason: 'stop',
    usage: { ...ZERO_USAGE },
  };
  const byId = new Map<string, ResultCall>();
  const addCall = (entry: ResultCall): void => {
    const seen = byId.get(entry.call.id);
    if (!seen) {
      byId.set(entry.call.id, entry);
      result.calls.push(entry);
    } else if (!seen.result && entry.result) seen.result = entry.result;
  };
  for (const ev of events) {
    switch (ev.type) {
      case 'text':
        result.text += ev.text;
        break;
      case 'reasoning':
        result.reasoning += ev.text;
        break;
      case 'tool_call':
        addCall({ call: ev.call, source: 'client' });
        break;
      case 'upstream_tool': {
        const { result: upstream, ...call } = ev.call;
        addCall(
          upstream ? { call, source: 'upstream', result: upstream } : { call, source: 'upstream' },
        );
        break;
      }
      case 'finish':
        result.finishReason = ev.finishReason;
        result.usage = { ...ev.usage };
        break;
    }
  }
  return result;
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
