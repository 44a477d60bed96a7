/**
 * Shared fixtures for the Responses translation tests: requests, recorded-style OutEvent
 * sequences, and an SSE body built from encoder frames the way the HTTP layer writes it.
 */
import type { OutEvent, Usage } from '../../../../chat/types';
import { parseResponsesRequest } from '../parse-request';
import type { ResponsesFrame } from '../stream-events';
import type { PreviousLookup, ResponsesRequest, StoredResponse } from '../types';

export const RESPONSE_ID = 'resp_test1';
export const CREATED_AT = 1_700_000_000;
export const MODEL = 'qwen3-coder';

/** A lookup over a fixed set of stored responses. */
export function lookupOf(...stored: StoredResponse[]): PreviousLookup {
  const byId = new Map(stored.map((s) => [s.id, s]));
  return { lookupPrevious: (id) => byId.get(id) };
}

/** Parses `{model, input, ...extra}` with no stored responses. */
export function requestOf(extra: Record<string, unknown> = {}): ResponsesRequest {
  return parseResponsesRequest({ model: MODEL, input: 'hi', ...extra }, lookupOf());
}

export const USAGE: Usage = { inputTokens: 12, outputTokens: 7, reasoningTokens: 0 };

export const TEXT_EVENTS: OutEvent[] = [
  { type: 'text', text: 'Hel' },
  { type: 'text', text: 'lo!' },
  { type: 'finish', finishReason: 'stop', usage: USAGE },
];

export const REASONING_TEXT_EVENTS: OutEvent[] = [
  { type: 'reasoning', text: 'Think' },
  { type: 'reasoning', text: 'ing.' },
  { type: 'text', text: 'Answer.' },
  {
    type: 'finish',
    finishReason: 'stop',
    usage: { ...USAGE, outputTokens: 9, reasoningTokens: 3 },
  },
];

export const TEXT_TWO_CALLS_EVENTS: OutEvent[] = [
  { type: 'text', text: 'Checking both.' },
  { type: 'tool_call', call: { id: 'call_a', name: 'get_weather', arguments: '{"city":"Paris"}' } },
  { type: 'tool_call', call: { id: 'call_b', name: 'get_time', arguments: '{"tz":"CET"}' } },
  { type: 'finish', finishReason: 'tool_calls', usage: USAGE },
];

/** Text that stops without a finish: the stream fails mid-way. */
export const PARTIAL_TEXT_EVENTS: OutEvent[] = [
  { type: 'reasoning', text: 'Hmm' },
  { type: 'text', text: 'Part' },
];

/** Writes frames as `event:`/`data:` SSE records, as the gateway's SSE writer does. */
export function sseText(frames: readonly ResponsesFrame[]): string {
  return frames.map((f) => `event: ${f.event}\ndata: ${JSON.stringify(f.data)}\n\n`).join('');
}

/** A byte stream delivered in small chunks, so the SDK's SSE decoder sees split records. */
export function chunkedStream(text: string, chunk = 37): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.slice(offset, offset + chunk));
      offset += chunk;
    },
  });
}
