/**
 * Conformance with the official `openai` SDK, offline: the encoder's frames are served as an SSE
 * body through a fake fetch and consumed by `client.responses.stream(...)` (the SDK's own
 * accumulator checks event order, indices and shapes); a non-stream body goes through
 * `client.responses.create(...)`.
 */
import OpenAI from 'openai';
import { accumulateResponse } from 'openai/lib/responses/ResponseAccumulator';
import type { Response as SdkResponse } from 'openai/resources/responses/responses';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../errors';
import type { OutEvent } from '../../../chat/types';
import { buildResponse } from './build-response';
import { ResponsesStreamEncoder } from './stream-encoder';
import {
  chunkedStream,
  CREATED_AT,
  MODEL,
  PARTIAL_TEXT_EVENTS,
  REASONING_TEXT_EVENTS,
  requestOf,
  RESPONSE_ID,
  sseText,
  TEXT_EVENTS,
  TEXT_TWO_CALLS_EVENTS,
} from './testing/fixtures';
import type { ResponseObject } from './types';

const request = requestOf({ stream: true });
const TERMINAL = new Set(['response.completed', 'response.incomplete', 'response.failed']);
const init = { id: RESPONSE_ID, createdAt: CREATED_AT, model: MODEL, request };

/** Compile-time check: our Response object is a valid SDK Response (bar the SDK-computed text). */
const asSdk = (r: ResponseObject): Omit<SdkResponse, 'output_text' | 'usage'> => r;

type Body = ConstructorParameters<typeof Response>[0];

function clientServing(body: () => Body, contentType: string): OpenAI {
  return new OpenAI({
    apiKey: 'x',
    baseURL: 'http://test/v1',
    maxRetries: 0,
    fetch: async () => new Response(body(), { headers: { 'content-type': contentType } }),
  });
}

function streamedFrames(events: OutEvent[], failure?: ApiError) {
  const encoder = new ResponsesStreamEncoder(init);
  const frames = [...encoder.start(), ...events.flatMap((e) => encoder.push(e))];
  frames.push(...(failure ? encoder.fail(failure) : encoder.close()));
  return frames;
}

async function viaSdkStream(events: OutEvent[], failure?: ApiError) {
  const sse = sseText(streamedFrames(events, failure));
  const client = clientServing(() => chunkedStream(sse), 'text/event-stream');
  const stream = client.responses.stream({ model: MODEL, input: 'hi' });
  const textSnapshots: string[] = [];
  stream.on('response.output_text.delta', (e) => textSnapshots.push(e.snapshot));
  // The SDK's own fold of every event before the terminal one: what was actually streamed,
  // independent of the full object the terminal event carries.
  let streamed: SdkResponse | undefined;
  stream.on('event', (e) => {
    if (!TERMINAL.has(e.type)) streamed = accumulateResponse(e, streamed);
  });
  const final = await stream.finalResponse();
  return { final, streamed, textSnapshots };
}

describe('openai SDK conformance', () => {
  it.each([
    ['text', TEXT_EVENTS, 'Hello!'],
    ['reasoning + text', REASONING_TEXT_EVENTS, 'Answer.'],
    ['text + two tool calls', TEXT_TWO_CALLS_EVENTS, 'Checking both.'],
  ])('accumulates a streamed %s answer into the non-stream response', async (_, events, text) => {
    const { final, streamed, textSnapshots } = await viaSdkStream(events);
    const expected = buildResponse({ ...init, events });
    expect(streamed?.output).toEqual(expected.output);
    expect(final).toMatchObject(asSdk(expected));
    expect(final.output).toHaveLength(expected.output.length);
    expect(final.output_text).toBe(text);
    expect(final.usage).toEqual(expected.usage);
    expect(textSnapshots.at(-1)).toBe(text);
  });

  it('exposes function calls the way SDK users read them', async () => {
    const { final } = await viaSdkStream(TEXT_TWO_CALLS_EVENTS);
    const calls = final.output.flatMap((item) =>
      item.type === 'function_call' ? [[item.call_id, item.name, JSON.parse(item.arguments)]] : [],
    );
    expect(calls).toEqual([
      ['call_a', 'get_weather', { city: 'Paris' }],
      ['call_b', 'get_time', { tz: 'CET' }],
    ]);
  });

  it('delivers a mid-stream failure as a failed response', async () => {
    const failure = new ApiError('upstream', 'Lingma stopped answering.');
    const { final, streamed } = await viaSdkStream(PARTIAL_TEXT_EVENTS, failure);
    const expected = buildResponse({ ...init, events: PARTIAL_TEXT_EVENTS, error: failure });
    expect(streamed?.output).toEqual(expected.output);
    expect(final).toMatchObject(asSdk(expected));
    expect(final.status).toBe('failed');
    expect(final.error).toEqual({ code: 'server_error', message: 'Lingma stopped answering.' });
    expect(final.output_text).toBe('Part');
  });

  it('reads a non-stream body through responses.create', async () => {
    const body = buildResponse({ ...init, events: TEXT_TWO_CALLS_EVENTS });
    const client = clientServing(() => JSON.stringify(body), 'application/json');
    const response = await client.responses.create({ model: MODEL, input: 'hi' });
    expect(response.output_text).toBe('Checking both.');
    expect(response.status).toBe('completed');
    expect(response.usage?.total_tokens).toBe(19);
    expect(response.output.map((i) => i.type)).toEqual([
      'message',
      'function_call',
      'function_call',
    ]);
  });
});
