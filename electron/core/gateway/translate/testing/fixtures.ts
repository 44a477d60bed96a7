/**
 * Fixed OutEvent sequences shared by the encoder and SDK-conformance tests, and the SSE / NDJSON
 * framing the HTTP layer applies (reproduced here so the SDKs can read our output offline).
 */
import type { OutEvent, Usage } from '../../../chat/types';

const usage = (inputTokens: number, outputTokens: number, reasoningTokens = 0): Usage => ({
  inputTokens,
  outputTokens,
  reasoningTokens,
});

export const TEXT_ONLY: OutEvent[] = [
  { type: 'text', text: 'Hello' },
  { type: 'text', text: ', world.' },
  { type: 'finish', finishReason: 'stop', usage: usage(12, 4) },
];

export const REASONING_THEN_TEXT: OutEvent[] = [
  { type: 'reasoning', text: 'The user greets me. ' },
  { type: 'reasoning', text: 'Answer briefly.' },
  { type: 'text', text: 'Hi!' },
  { type: 'finish', finishReason: 'stop', usage: usage(20, 9, 8) },
];

export const TEXT_AND_TWO_CALLS: OutEvent[] = [
  { type: 'text', text: 'Let me check both.' },
  {
    type: 'tool_call',
    call: { id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris","unit":"c"}' },
  },
  { type: 'tool_call', call: { id: 'call_2', name: 'search', arguments: '{"query":"巴黎 天气"}' } },
  { type: 'finish', finishReason: 'tool_calls', usage: usage(40, 30) },
];

/** Lingma's agent read a file and reported the result, then went on answering. */
export const UPSTREAM_WITH_RESULT: OutEvent[] = [
  { type: 'text', text: 'Reading the file.' },
  {
    type: 'upstream_tool',
    call: {
      id: 'toolu_up1',
      name: 'read_file',
      arguments: '{"path":"README.md"}',
      result: { content: '# Title', isError: false },
    },
  },
  { type: 'text', text: 'It has a title.' },
  { type: 'finish', finishReason: 'stop', usage: usage(15, 11) },
];

/** Lingma's agent wants to run a command and has no result yet (blank arguments, too). */
export const UPSTREAM_PENDING: OutEvent[] = [
  { type: 'upstream_tool', call: { id: 'toolu_up2', name: 'run_in_terminal', arguments: '' } },
  { type: 'finish', finishReason: 'tool_calls', usage: usage(15, 3) },
];

export const EMPTY_ANSWER: OutEvent[] = [
  { type: 'text', text: '' },
  { type: 'finish', finishReason: 'stop', usage: usage(7, 0) },
];

export const ALL_SEQUENCES: Record<string, OutEvent[]> = {
  TEXT_ONLY,
  REASONING_THEN_TEXT,
  TEXT_AND_TWO_CALLS,
  UPSTREAM_WITH_RESULT,
  UPSTREAM_PENDING,
  EMPTY_ANSWER,
};

/** OpenAI framing: `data: <json>` per chunk, then `data: [DONE]`. */
export function openAiSse(chunks: readonly object[]): string {
  return chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`).join('') + 'data: [DONE]\n\n';
}

/** Anthropic framing: a named event per frame. */
export function anthropicSse(events: ReadonlyArray<{ event: string; data: object }>): string {
  return events.map((e) => `event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`).join('');
}

/** Newline-delimited JSON, the framing the SDKs' `fromReadableStream` helpers read. */
export function ndjsonStream(values: readonly object[]): ReadableStream<Uint8Array> {
  return textStream(values.map((v) => JSON.stringify(v) + '\n').join(''));
}

/** A byte stream delivered in small pieces, so the SDK decoders see split frames too. */
export function textStream(text: string, pieceSize = 7): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.slice(offset, offset + pieceSize));
      offset += pieceSize;
    },
  });
}

/** A fetch that answers every request with one fixed response (the SDKs stay offline). */
export function fixedFetch(body: string, contentType: string, status = 200): typeof fetch {
  return () =>
    Promise.resolve(
      new Response(textStream(body), { status, headers: { 'content-type': contentType } }),
    );
}

/** Drops non-JSON details (getters' state, undefined fields, non-enumerable helpers). */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
