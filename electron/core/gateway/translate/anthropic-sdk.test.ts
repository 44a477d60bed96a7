/**
 * Conformance with the official `@anthropic-ai/sdk`, offline. Our events are served through a
 * fake fetch as a named-event SSE body and consumed by `client.messages.stream()` (whose
 * accumulator throws on out-of-order events and indexes blocks by `index`), and as NDJSON by
 * `MessageStream.fromReadableStream`; the accumulated message must equal what `buildMessage`
 * returns for the same events.
 */
import Anthropic from '@anthropic-ai/sdk';
import { MessageStream } from '@anthropic-ai/sdk/lib/MessageStream';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors';
import { buildMessage } from './anthropic-response';
import { AnthropicStreamEncoder } from './anthropic-stream';
import type { AnthropicStreamEvent } from './anthropic-wire';
import type { OutEvent } from '../../chat/types';
import {
  ALL_SEQUENCES,
  anthropicSse,
  fixedFetch,
  ndjsonStream,
  plain,
  TEXT_AND_TWO_CALLS,
  TEXT_ONLY,
  UPSTREAM_WITH_RESULT,
} from './testing/fixtures';

const META = { id: 'msg_conf', model: 'qwen3-coder' };
const PARAMS = {
  model: 'qwen3-coder',
  max_tokens: 1024,
  messages: [{ role: 'user' as const, content: 'hi' }],
};

function encode(events: OutEvent[]): AnthropicStreamEvent[] {
  const inputTokens = events.find((e) => e.type === 'finish')?.usage.inputTokens ?? 0;
  const encoder = new AnthropicStreamEncoder({ ...META, inputTokens });
  return [...encoder.start(), ...events.flatMap((ev) => encoder.push(ev))];
}

function client(body: string, contentType: string): Anthropic {
  return new Anthropic({
    apiKey: 'sk-ant-test',
    baseURL: 'http://gateway.test',
    maxRetries: 0,
    fetch: fixedFetch(body, contentType),
  });
}

/** The stream has no `latency`, and the SDK adds `parsed_output` helpers. */
function comparable(message: unknown): unknown {
  const m = plain(message) as Record<string, unknown>;
  delete m.latency;
  delete m.parsed_output;
  return m;
}

describe('anthropic SDK: streamed events accumulate to the non-stream message', () => {
  for (const [name, events] of Object.entries(ALL_SEQUENCES)) {
    it(`${name} via client.messages.stream (SSE)`, async () => {
      const stream = client(anthropicSse(encode(events)), 'text/event-stream').messages.stream(
        PARAMS,
      );
      const final = await stream.finalMessage();
      const built = buildMessage({ ...META, events, latency: { totalMs: 5 } });
      expect(comparable(final)).toEqual(comparable(built));
    });

    it(`${name} via MessageStream.fromReadableStream (NDJSON)`, async () => {
      const stream = MessageStream.fromReadableStream(
        ndjsonStream(encode(events).map((e) => e.data)),
      );
      const final = await stream.finalMessage();
      expect(comparable(final)).toEqual(comparable(buildMessage({ ...META, events })));
    });
  }

  it('hands tool_use blocks over with parsed input and stop_reason tool_use', async () => {
    const stream = client(
      anthropicSse(encode(TEXT_AND_TWO_CALLS)),
      'text/event-stream',
    ).messages.stream(PARAMS);
    const json: string[] = [];
    stream.on('inputJson', (partial) => json.push(partial));
    const final = await stream.finalMessage();
    expect(final.stop_reason).toBe('tool_use');
    expect(
      final.content.map((b) =>
        b.type === 'tool_use' ? { id: b.id, name: b.name, input: b.input } : b.type,
      ),
    ).toEqual([
      'text',
      { id: 'call_1', name: 'get_weather', input: { city: 'Paris', unit: 'c' } },
      { id: 'call_2', name: 'search', input: { query: '巴黎 天气' } },
    ]);
    expect(json).toEqual(['{"city":"Paris","unit":"c"}', '{"query":"巴黎 天气"}']);
    expect(final.usage).toMatchObject({ input_tokens: 40, output_tokens: 30 });
  });

  it('emits text events in order and yields the final text', async () => {
    const stream = client(
      anthropicSse(encode(UPSTREAM_WITH_RESULT)),
      'text/event-stream',
    ).messages.stream(PARAMS);
    const texts: string[] = [];
    stream.on('text', (delta) => texts.push(delta));
    expect(await stream.finalText()).toBe('Reading the file. It has a title.');
    expect(texts).toEqual(['Reading the file.', 'It has a title.']);
  });

  it('raises a mid-stream error event as an APIError of the right type', async () => {
    const encoder = new AnthropicStreamEncoder({ ...META, inputTokens: 1 });
    const frames = [
      ...encoder.start(),
      ...encoder.push({ type: 'text', text: 'Par' }),
      encoder.errorEvent(new ApiError('overloaded', 'All accounts are busy.')),
    ];
    const stream = client(anthropicSse(frames), 'text/event-stream').messages.stream(PARAMS);
    const error = await stream.finalMessage().then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect(error).toMatchObject({
      error: {
        type: 'error',
        error: { type: 'overloaded_error', message: 'All accounts are busy.' },
      },
    });
  });

  it('reads the non-stream message through messages.create', async () => {
    const built = buildMessage({
      ...META,
      events: TEXT_ONLY,
      latency: { firstTokenMs: 3, totalMs: 9 },
    });
    const got = await client(JSON.stringify(built), 'application/json').messages.create(PARAMS);
    expect(plain(got)).toEqual(plain(built));
    expect(got.content[0]?.type === 'text' && got.content[0].text).toBe('Hello, world.');
  });
});
