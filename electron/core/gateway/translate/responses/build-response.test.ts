import { describe, expect, it } from 'vitest';
import { ApiError } from '../../errors';
import type { OutEvent } from '../../../chat/types';
import { buildResponse } from './build-response';
import {
  CREATED_AT,
  MODEL,
  REASONING_TEXT_EVENTS,
  requestOf,
  RESPONSE_ID,
  TEXT_TWO_CALLS_EVENTS,
  USAGE,
} from './testing/fixtures';

const request = requestOf({
  instructions: 'Be brief.',
  tools: [{ type: 'function', name: 'get_weather', parameters: { type: 'object' }, strict: true }],
  tool_choice: 'required',
  max_output_tokens: 100,
  metadata: { k: 'v' },
});

function build(events: OutEvent[], extra: { error?: ApiError } = {}) {
  return buildResponse({
    id: RESPONSE_ID,
    createdAt: CREATED_AT,
    model: MODEL,
    events,
    request,
    ...extra,
  });
}

describe('buildResponse', () => {
  it('renders reasoning and text with usage and the request echo', () => {
    expect(build(REASONING_TEXT_EVENTS)).toEqual({
      id: RESPONSE_ID,
      object: 'response',
      created_at: CREATED_AT,
      status: 'completed',
      model: MODEL,
      output: [
        {
          id: 'rs_test1_0',
          type: 'reasoning',
          summary: [{ type: 'summary_text', text: 'Thinking.' }],
        },
        {
          id: 'msg_test1_1',
          type: 'message',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: 'Answer.', annotations: [] }],
        },
      ],
      usage: {
        input_tokens: 12,
        input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
        output_tokens: 9,
        output_tokens_details: { reasoning_tokens: 3 },
        total_tokens: 21,
      },
      error: null,
      incomplete_details: null,
      instructions: 'Be brief.',
      tools: [
        {
          type: 'function',
          name: 'get_weather',
          description: null,
          parameters: { type: 'object' },
          strict: true,
        },
      ],
      tool_choice: 'required',
      parallel_tool_calls: true,
      temperature: null,
      top_p: null,
      max_output_tokens: 100,
      previous_response_id: null,
      store: true,
      metadata: { k: 'v' },
      text: { format: { type: 'text' } },
      truncation: 'disabled',
    });
  });

  it('gives each tool call, emulated or upstream-bridged, its own function_call item', () => {
    const events: OutEvent[] = [
      ...TEXT_TWO_CALLS_EVENTS.slice(0, 2),
      {
        type: 'upstream_tool',
        call: {
          id: 'toolu_up',
          name: 'read_file',
          arguments: '{"path":"a"}',
          result: { content: 'x', isError: false },
        },
      },
      { type: 'finish', finishReason: 'tool_calls', usage: USAGE },
    ];
    expect(build(events).output).toEqual([
      expect.objectContaining({ id: 'msg_test1_0', type: 'message' }),
      {
        id: 'fc_test1_1',
        type: 'function_call',
        call_id: 'call_a',
        name: 'get_weather',
        arguments: '{"city":"Paris"}',
        status: 'completed',
      },
      {
        id: 'fc_test1_2',
        type: 'function_call',
        call_id: 'toolu_up',
        name: 'read_file',
        arguments: '{"path":"a"}',
        status: 'completed',
      },
    ]);
  });

  it('splits text around a call into two messages', () => {
    const out = build([
      { type: 'text', text: 'a' },
      { type: 'tool_call', call: { id: 'c', name: 'f', arguments: '{}' } },
      { type: 'text', text: '' },
      { type: 'text', text: 'b' },
    ]).output;
    expect(out.map((i) => `${i.type}:${i.id}`)).toEqual([
      'message:msg_test1_0',
      'function_call:fc_test1_1',
      'message:msg_test1_2',
    ]);
  });

  it.each([
    ['length', 'max_output_tokens'],
    ['content_filter', 'content_filter'],
  ] as const)('reports finish %s as incomplete (%s)', (finishReason, reason) => {
    const r = build([
      { type: 'text', text: 'cut' },
      { type: 'finish', finishReason, usage: USAGE },
    ]);
    expect(r.status).toBe('incomplete');
    expect(r.incomplete_details).toEqual({ reason });
    expect(r.output[0]).toMatchObject({ status: 'incomplete' });
  });

  it('reports an error finish or a thrown failure as failed', () => {
    const upstream = build([{ type: 'finish', finishReason: 'error', usage: USAGE }]);
    expect(upstream).toMatchObject({ status: 'failed', error: { code: 'server_error' } });
    const limited = build([{ type: 'text', text: 'p' }], {
      error: new ApiError('rate_limit', 'Slow down.'),
    });
    expect(limited).toMatchObject({
      status: 'failed',
      error: { code: 'rate_limit_exceeded', message: 'Slow down.' },
      usage: null,
      output: [{ status: 'incomplete', content: [{ text: 'p' }] }],
    });
  });
});
