import { describe, expect, it } from 'vitest';
import { ApiError } from '../../errors';
import type { OutEvent } from '../../../chat/types';
import { buildResponse } from './build-response';
import { ResponsesStreamEncoder } from './stream-encoder';
import type { ResponsesFrame, ResponsesStreamEvent } from './stream-events';
import {
  CREATED_AT,
  MODEL,
  PARTIAL_TEXT_EVENTS,
  REASONING_TEXT_EVENTS,
  requestOf,
  RESPONSE_ID,
  TEXT_EVENTS,
  TEXT_TWO_CALLS_EVENTS,
} from './testing/fixtures';

const request = requestOf({ stream: true });
const init = { id: RESPONSE_ID, createdAt: CREATED_AT, model: MODEL, request };

function encode(events: OutEvent[]): { encoder: ResponsesStreamEncoder; frames: ResponsesFrame[] } {
  const encoder = new ResponsesStreamEncoder(init);
  const frames = [
    ...encoder.start(),
    ...events.flatMap((e) => encoder.push(e)),
    ...encoder.close(),
  ];
  return { encoder, frames };
}

/** `type` plus the indices that locate it, compact enough to compare whole streams. */
function outline(data: ResponsesStreamEvent): string {
  const parts: string[] = [data.type];
  if ('output_index' in data) parts.push(`o${data.output_index}`);
  if ('content_index' in data) parts.push(`c${data.content_index}`);
  if ('summary_index' in data) parts.push(`s${data.summary_index}`);
  return parts.join(' ');
}

function expectWellNumbered(frames: ResponsesFrame[]): void {
  expect(frames.map((f) => f.data.sequence_number)).toEqual(frames.map((_, i) => i));
  for (const f of frames) expect(f.event).toBe(f.data.type);
}

describe('ResponsesStreamEncoder', () => {
  it('streams a text answer', () => {
    const { frames, encoder } = encode(TEXT_EVENTS);
    expectWellNumbered(frames);
    expect(frames.map((f) => outline(f.data))).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added o0',
      'response.content_part.added o0 c0',
      'response.output_text.delta o0 c0',
      'response.output_text.delta o0 c0',
      'response.output_text.done o0 c0',
      'response.content_part.done o0 c0',
      'response.output_item.done o0',
      'response.completed',
    ]);
    expect(frames[0]?.data).toMatchObject({
      response: { id: RESPONSE_ID, status: 'in_progress', output: [], usage: null },
    });
    expect(frames[2]?.data).toEqual({
      type: 'response.output_item.added',
      sequence_number: 2,
      output_index: 0,
      item: {
        id: 'msg_test1_0',
        type: 'message',
        role: 'assistant',
        status: 'in_progress',
        content: [],
      },
    });
    expect(frames[4]?.data).toEqual({
      type: 'response.output_text.delta',
      sequence_number: 4,
      item_id: 'msg_test1_0',
      output_index: 0,
      content_index: 0,
      delta: 'Hel',
      logprobs: [],
    });
    expect(frames[6]?.data).toMatchObject({ text: 'Hello!', logprobs: [] });
    expect(frames[8]?.data).toMatchObject({ item: { status: 'completed' } });
    const last = frames.at(-1)?.data;
    const expected = buildResponse({ ...init, events: TEXT_EVENTS });
    expect(last).toEqual({ type: 'response.completed', sequence_number: 9, response: expected });
    expect(encoder.response).toEqual(expected);
  });

  it('streams reasoning as a summary item before the message', () => {
    const { frames } = encode(REASONING_TEXT_EVENTS);
    expectWellNumbered(frames);
    expect(frames.map((f) => outline(f.data))).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added o0',
      'response.reasoning_summary_part.added o0 s0',
      'response.reasoning_summary_text.delta o0 s0',
      'response.reasoning_summary_text.delta o0 s0',
      'response.reasoning_summary_text.done o0 s0',
      'response.reasoning_summary_part.done o0 s0',
      'response.output_item.done o0',
      'response.output_item.added o1',
      'response.content_part.added o1 c0',
      'response.output_text.delta o1 c0',
      'response.output_text.done o1 c0',
      'response.content_part.done o1 c0',
      'response.output_item.done o1',
      'response.completed',
    ]);
    expect(frames[2]?.data).toMatchObject({ item: { id: 'rs_test1_0', summary: [] } });
    expect(frames[7]?.data).toMatchObject({ part: { type: 'summary_text', text: 'Thinking.' } });
    expect(frames[8]?.data).toMatchObject({
      item: { type: 'reasoning', summary: [{ type: 'summary_text', text: 'Thinking.' }] },
    });
    expect(frames.at(-1)?.data).toMatchObject({
      response: { usage: { output_tokens: 9, output_tokens_details: { reasoning_tokens: 3 } } },
    });
  });

  it('streams text then two function calls as separate items', () => {
    const { frames } = encode(TEXT_TWO_CALLS_EVENTS);
    expectWellNumbered(frames);
    expect(frames.map((f) => outline(f.data))).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added o0',
      'response.content_part.added o0 c0',
      'response.output_text.delta o0 c0',
      'response.output_text.done o0 c0',
      'response.content_part.done o0 c0',
      'response.output_item.done o0',
      'response.output_item.added o1',
      'response.function_call_arguments.delta o1',
      'response.function_call_arguments.done o1',
      'response.output_item.done o1',
      'response.output_item.added o2',
      'response.function_call_arguments.delta o2',
      'response.function_call_arguments.done o2',
      'response.output_item.done o2',
      'response.completed',
    ]);
    expect(frames[8]?.data).toEqual({
      type: 'response.output_item.added',
      sequence_number: 8,
      output_index: 1,
      item: {
        id: 'fc_test1_1',
        type: 'function_call',
        call_id: 'call_a',
        name: 'get_weather',
        arguments: '',
        status: 'in_progress',
      },
    });
    expect(frames[9]?.data).toMatchObject({ item_id: 'fc_test1_1', delta: '{"city":"Paris"}' });
    expect(frames[14]?.data).toMatchObject({
      item_id: 'fc_test1_2',
      name: 'get_time',
      arguments: '{"tz":"CET"}',
    });
    expect(frames[15]?.data).toMatchObject({ item: { call_id: 'call_b', status: 'completed' } });
  });

  it('closes the open item and ends with response.failed on a mid-stream failure', () => {
    const encoder = new ResponsesStreamEncoder(init);
    const frames = [
      ...PARTIAL_TEXT_EVENTS.flatMap((e) => encoder.push(e)),
      ...encoder.fail(new ApiError('upstream', 'Lingma stopped answering.')),
    ];
    expectWellNumbered(frames);
    expect(frames.map((f) => outline(f.data))).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added o0',
      'response.reasoning_summary_part.added o0 s0',
      'response.reasoning_summary_text.delta o0 s0',
      'response.reasoning_summary_text.done o0 s0',
      'response.reasoning_summary_part.done o0 s0',
      'response.output_item.done o0',
      'response.output_item.added o1',
      'response.content_part.added o1 c0',
      'response.output_text.delta o1 c0',
      'response.output_text.done o1 c0',
      'response.content_part.done o1 c0',
      'response.output_item.done o1',
      'response.failed',
    ]);
    expect(frames[13]?.data).toMatchObject({ item: { status: 'incomplete' } });
    expect(frames.at(-1)?.data).toMatchObject({
      response: {
        status: 'failed',
        error: { code: 'server_error', message: 'Lingma stopped answering.' },
        usage: null,
      },
    });
    // Terminal: nothing more comes out.
    expect(encoder.push({ type: 'text', text: 'late' })).toEqual([]);
    expect(encoder.fail(new ApiError('internal', 'again'))).toEqual([]);
    expect(encoder.close()).toEqual([]);
  });

  it('ends with response.incomplete when the output limit cut the answer', () => {
    const { frames } = encode([
      { type: 'text', text: 'Long' },
      {
        type: 'finish',
        finishReason: 'length',
        usage: { inputTokens: 1, outputTokens: 1, reasoningTokens: 0 },
      },
    ]);
    expect(frames.at(-2)?.data).toMatchObject({
      type: 'response.output_item.done',
      item: { status: 'incomplete' },
    });
    expect(frames.at(-1)?.data).toMatchObject({
      type: 'response.incomplete',
      response: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } },
    });
  });

  it('starts lazily and completes a stream that ended without a finish event', () => {
    const encoder = new ResponsesStreamEncoder(init);
    const frames = [...encoder.push({ type: 'text', text: 'x' }), ...encoder.close()];
    expectWellNumbered(frames);
    expect(frames[0]?.event).toBe('response.created');
    expect(frames.at(-1)?.data).toMatchObject({
      type: 'response.completed',
      response: { status: 'completed', usage: null, output: [{ status: 'completed' }] },
    });
    expect(encoder.start()).toEqual([]);
  });
});
