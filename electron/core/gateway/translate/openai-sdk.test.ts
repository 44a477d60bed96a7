/**
 * Conformance with the official `openai` SDK, offline. Our chunks are served through a fake
 * fetch as an SSE body and consumed by `client.chat.completions.stream()` (whose accumulator
 * rejects missing roles, tool-call types, names or finish reasons), and as NDJSON by
 * `ChatCompletionStream.fromReadableStream`; the accumulated completion must equal what
 * `buildChatCompletion` returns for the same events.
 */
import OpenAI from 'openai';
import { ChatCompletionStream } from 'openai/lib/ChatCompletionStream';
import type {
  ChatCompletion as SdkChatCompletion,
  ChatCompletionChunk as SdkChatCompletionChunk,
} from 'openai/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors';
import type { OutEvent } from '../../chat/types';
import { buildChatCompletion } from './openai-response';
import { OpenAiChatStreamEncoder } from './openai-stream';
import type { ChatCompletion, ChatCompletionChunk } from './openai-wire';
import {
  ALL_SEQUENCES,
  fixedFetch,
  ndjsonStream,
  openAiSse,
  plain,
  REASONING_THEN_TEXT,
  TEXT_AND_TWO_CALLS,
  TEXT_ONLY,
} from './testing/fixtures';

/** Compile-time checks: our wire types are valid SDK types. */
const asSdkCompletion = (c: ChatCompletion): SdkChatCompletion => c;
const asSdkChunk = (c: ChatCompletionChunk): SdkChatCompletionChunk => c;

const META = { id: 'chatcmpl-conf', created: 1_700_000_000, model: 'qwen3-coder' };
const PARAMS = {
  model: 'qwen3-coder',
  messages: [{ role: 'user' as const, content: 'hi' }],
  stream_options: { include_usage: true },
};

function encode(events: OutEvent[], includeUsage = true): ChatCompletionChunk[] {
  const encoder = new OpenAiChatStreamEncoder({ ...META, includeUsage });
  return events.flatMap((ev) => encoder.push(ev)).map(asSdkChunk) as ChatCompletionChunk[];
}

function client(body: string, contentType: string): OpenAI {
  return new OpenAI({
    apiKey: 'sk-test',
    baseURL: 'http://gateway.test/v1',
    maxRetries: 0,
    fetch: fixedFetch(body, contentType),
  });
}

/**
 * What the SDK's accumulator can reproduce of a built completion: it drops `latency` (stream has
 * none), cannot tell an empty answer ("") from no content (null), and merges unknown delta fields
 * by assignment — so `reasoning_content` is compared separately, from the chunks.
 */
function comparable(completion: unknown): unknown {
  const c = plain(completion) as ChatCompletion & { latency?: unknown };
  delete c.latency;
  for (const choice of c.choices) {
    const message = choice.message as ChatCompletion['choices'][number]['message'] & {
      parsed?: unknown;
    };
    delete message.parsed;
    delete message.reasoning_content;
    if (message.content === '') message.content = null;
  }
  return c;
}

describe('openai SDK: streamed chunks accumulate to the non-stream completion', () => {
  for (const [name, events] of Object.entries(ALL_SEQUENCES)) {
    it(`${name} via client.chat.completions.stream (SSE)`, async () => {
      const chunks = encode(events);
      const stream = client(openAiSse(chunks), 'text/event-stream').chat.completions.stream(PARAMS);
      const final = await stream.finalChatCompletion();
      const built = buildChatCompletion({ ...META, events, latency: { totalMs: 5 } });
      expect(comparable(final)).toEqual(comparable(asSdkCompletion(built)));
      const reasoning = chunks.map((c) => c.choices[0]?.delta.reasoning_content ?? '').join('');
      expect(reasoning).toBe(built.choices[0]?.message.reasoning_content ?? '');
    });

    it(`${name} via ChatCompletionStream.fromReadableStream (NDJSON)`, async () => {
      const stream = ChatCompletionStream.fromReadableStream(ndjsonStream(encode(events)));
      const final = await stream.finalChatCompletion();
      expect(comparable(final)).toEqual(comparable(buildChatCompletion({ ...META, events })));
    });
  }

  it('hands tool calls over with parseable arguments and finish_reason tool_calls', async () => {
    const stream = client(
      openAiSse(encode(TEXT_AND_TWO_CALLS)),
      'text/event-stream',
    ).chat.completions.stream(PARAMS);
    const done: Array<{ name: string; arguments: string }> = [];
    stream.on('tool_calls.function.arguments.done', (e) =>
      done.push({ name: e.name, arguments: e.arguments }),
    );
    const final = await stream.finalChatCompletion();
    const choice = final.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.content).toBe('Let me check both.');
    const calls = (choice?.message.tool_calls ?? []).map((c) =>
      c.type === 'function'
        ? { id: c.id, name: c.function.name, args: JSON.parse(c.function.arguments) as unknown }
        : c,
    );
    expect(calls).toEqual([
      { id: 'call_1', name: 'get_weather', args: { city: 'Paris', unit: 'c' } },
      { id: 'call_2', name: 'search', args: { query: '巴黎 天气' } },
    ]);
    expect(done.map((d) => d.name)).toEqual(['get_weather', 'search']);
    expect(final.usage).toEqual(buildChatCompletion({ ...META, events: TEXT_AND_TWO_CALLS }).usage);
  });

  it('streams content deltas the SDK reports as they arrive; no usage without include_usage', async () => {
    const chunks = encode(REASONING_THEN_TEXT, false);
    const stream = client(openAiSse(chunks), 'text/event-stream').chat.completions.stream({
      model: PARAMS.model,
      messages: PARAMS.messages,
    });
    const deltas: string[] = [];
    stream.on('content', (delta) => deltas.push(delta));
    const final = await stream.finalChatCompletion();
    expect(deltas).toEqual(['Hi!']);
    expect(final.usage).toBeUndefined();
    expect(final.choices[0]?.message.content).toBe('Hi!');
  });

  it('raises a mid-stream {error} chunk as an APIError', async () => {
    const encoder = new OpenAiChatStreamEncoder({ ...META, includeUsage: false });
    const frames = [
      ...encoder.push({ type: 'text', text: 'Par' }),
      encoder.errorChunk(new ApiError('upstream', 'Lingma stopped answering.')),
    ];
    const sdk = client(openAiSse(frames), 'text/event-stream');
    const stream = await sdk.chat.completions.create({ ...PARAMS, stream: true });
    const seen: string[] = [];
    const consume = async (): Promise<void> => {
      for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? '');
    };
    await expect(consume()).rejects.toMatchObject({ message: 'Lingma stopped answering.' });
    expect(seen).toEqual(['', 'Par']);
  });

  it('reads the non-stream completion through chat.completions.create', async () => {
    const built = buildChatCompletion({
      ...META,
      events: TEXT_ONLY,
      latency: { firstTokenMs: 3, totalMs: 9 },
    });
    const sdk = client(JSON.stringify(built), 'application/json');
    const got = await sdk.chat.completions.create({
      model: PARAMS.model,
      messages: PARAMS.messages,
    });
    expect(plain(got)).toEqual(plain(built));
    expect(got.choices[0]?.message.content).toBe('Hello, world.');
  });
});
