import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors';
import { buildMessage } from './anthropic-response';
import { AnthropicStreamEncoder } from './anthropic-stream';
import type { AnthropicContentBlock, AnthropicDelta, AnthropicStreamEvent } from './anthropic-wire';
import type { OutEvent } from '../../chat/types';
import {
  EMPTY_ANSWER,
  REASONING_THEN_TEXT,
  TEXT_AND_TWO_CALLS,
  TEXT_ONLY,
  UPSTREAM_PENDING,
  UPSTREAM_WITH_RESULT,
} from './testing/fixtures';

const META = { id: 'msg_abc', model: 'qwen3-coder' };

function encode(events: OutEvent[]): AnthropicStreamEvent[] {
  const encoder = new AnthropicStreamEncoder({ ...META, inputTokens: 12 });
  return [...encoder.start(), ...events.flatMap((ev) => encoder.push(ev))];
}

/** Event names plus a compact view of each payload, for readable exact sequences. */
const start = (index: number, content_block: AnthropicContentBlock): AnthropicStreamEvent => ({
  event: 'content_block_start',
  data: { type: 'content_block_start', index, content_block },
});
const delta = (index: number, d: AnthropicDelta): AnthropicStreamEvent => ({
  event: 'content_block_delta',
  data: { type: 'content_block_delta', index, delta: d },
});
const stop = (index: number): AnthropicStreamEvent => ({
  event: 'content_block_stop',
  data: { type: 'content_block_stop', index },
});
const end = (
  stop_reason: 'end_turn' | 'tool_use',
  input_tokens: number,
  output_tokens: number,
): AnthropicStreamEvent[] => [
  {
    event: 'message_delta',
    data: {
      type: 'message_delta',
      delta: { stop_reason, stop_sequence: null },
      usage: { input_tokens, output_tokens },
    },
  },
  { event: 'message_stop', data: { type: 'message_stop' } },
];
const OPENING: AnthropicStreamEvent[] = [
  {
    event: 'message_start',
    data: {
      type: 'message_start',
      message: {
        id: 'msg_abc',
        type: 'message',
        role: 'assistant',
        model: 'qwen3-coder',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: {
          input_tokens: 12,
          output_tokens: 1,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
        },
      },
    },
  },
  { event: 'ping', data: { type: 'ping' } },
];

describe('AnthropicStreamEncoder', () => {
  it('streams text only as one text block', () => {
    expect(encode(TEXT_ONLY)).toEqual([
      ...OPENING,
      start(0, { type: 'text', text: '' }),
      delta(0, { type: 'text_delta', text: 'Hello' }),
      delta(0, { type: 'text_delta', text: ', world.' }),
      stop(0),
      ...end('end_turn', 12, 4),
    ]);
  });

  it('closes thinking with a signature before the text block opens', () => {
    expect(encode(REASONING_THEN_TEXT)).toEqual([
      ...OPENING,
      start(0, { type: 'thinking', thinking: '', signature: '' }),
      delta(0, { type: 'thinking_delta', thinking: 'The user greets me. ' }),
      delta(0, { type: 'thinking_delta', thinking: 'Answer briefly.' }),
      delta(0, { type: 'signature_delta', signature: '' }),
      stop(0),
      start(1, { type: 'text', text: '' }),
      delta(1, { type: 'text_delta', text: 'Hi!' }),
      stop(1),
      ...end('end_turn', 20, 9),
    ]);
  });

  it('streams each call as a tool_use block with input_json_delta', () => {
    expect(encode(TEXT_AND_TWO_CALLS)).toEqual([
      ...OPENING,
      start(0, { type: 'text', text: '' }),
      delta(0, { type: 'text_delta', text: 'Let me check both.' }),
      stop(0),
      start(1, { type: 'tool_use', id: 'call_1', name: 'get_weather', input: {} }),
      delta(1, { type: 'input_json_delta', partial_json: '{"city":"Paris","unit":"c"}' }),
      stop(1),
      start(2, { type: 'tool_use', id: 'call_2', name: 'search', input: {} }),
      delta(2, { type: 'input_json_delta', partial_json: '{"query":"巴黎 天气"}' }),
      stop(2),
      ...end('tool_use', 40, 30),
    ]);
  });

  it('follows a bridged call with its tool_result; the turn ended (end_turn)', () => {
    expect(encode(UPSTREAM_WITH_RESULT)).toEqual([
      ...OPENING,
      start(0, { type: 'text', text: '' }),
      delta(0, { type: 'text_delta', text: 'Reading the file.' }),
      stop(0),
      start(1, { type: 'tool_use', id: 'toolu_up1', name: 'read_file', input: {} }),
      delta(1, { type: 'input_json_delta', partial_json: '{"path":"README.md"}' }),
      stop(1),
      start(2, {
        type: 'tool_result',
        tool_use_id: 'toolu_up1',
        content: '# Title',
        is_error: false,
      }),
      stop(2),
      start(3, { type: 'text', text: '' }),
      delta(3, { type: 'text_delta', text: 'It has a title.' }),
      stop(3),
      ...end('end_turn', 15, 11),
    ]);
  });

  it('reports tool_use while a bridged call has no result', () => {
    expect(encode(UPSTREAM_PENDING)).toEqual([
      ...OPENING,
      start(0, { type: 'tool_use', id: 'toolu_up2', name: 'run_in_terminal', input: {} }),
      delta(0, { type: 'input_json_delta', partial_json: '{}' }),
      stop(0),
      ...end('tool_use', 15, 3),
    ]);
  });

  it('streams an empty answer without content blocks', () => {
    expect(encode(EMPTY_ANSWER)).toEqual([...OPENING, ...end('end_turn', 7, 0)]);
  });

  it('adds a late result as a tool_result block and then ends the turn', () => {
    const call = { id: 'toolu_z', name: 'read', arguments: '{"a":1}' };
    const events = encode([
      { type: 'upstream_tool', call },
      { type: 'upstream_tool', call: { ...call, result: { content: 'boom', isError: true } } },
      { type: 'upstream_tool', call: { ...call, result: { content: 'again', isError: false } } },
      {
        type: 'finish',
        finishReason: 'tool_calls',
        usage: { inputTokens: 1, outputTokens: 2, reasoningTokens: 0 },
      },
    ]);
    expect(events.slice(2)).toEqual([
      start(0, { type: 'tool_use', id: 'toolu_z', name: 'read', input: {} }),
      delta(0, { type: 'input_json_delta', partial_json: '{"a":1}' }),
      stop(0),
      start(1, { type: 'tool_result', tool_use_id: 'toolu_z', content: 'boom', is_error: true }),
      stop(1),
      ...end('end_turn', 1, 2),
    ]);
  });

  it('starts implicitly, adds the msg_ prefix, and drops events after finish', () => {
    const encoder = new AnthropicStreamEncoder({ id: 'req-9', model: 'm', inputTokens: 3 });
    const first = encoder.push({ type: 'text', text: 'x' });
    expect(first.map((e) => e.event)).toEqual([
      'message_start',
      'ping',
      'content_block_start',
      'content_block_delta',
    ]);
    expect(first[0]?.event === 'message_start' && first[0].data.message.id).toBe('msg_req-9');
    encoder.push({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 3, outputTokens: 1, reasoningTokens: 0 },
    });
    expect(encoder.done).toBe(true);
    expect(encoder.push({ type: 'text', text: 'late' })).toEqual([]);
  });

  it('renders a mid-stream failure as an error event', () => {
    const encoder = new AnthropicStreamEncoder({ ...META, inputTokens: 1 });
    expect(encoder.errorEvent(new ApiError('overloaded', 'All accounts are busy.'))).toEqual({
      event: 'error',
      data: {
        type: 'error',
        error: { type: 'overloaded_error', message: 'All accounts are busy.' },
      },
    });
  });
});

describe('buildMessage', () => {
  it('builds text with usage and latency', () => {
    expect(buildMessage({ ...META, events: TEXT_ONLY, latency: { totalMs: 50 } })).toEqual({
      id: 'msg_abc',
      type: 'message',
      role: 'assistant',
      model: 'qwen3-coder',
      content: [{ type: 'text', text: 'Hello, world.' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: {
        input_tokens: 12,
        output_tokens: 4,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
      },
      latency: { first_token_ms: null, total_ms: 50 },
    });
  });

  it('keeps block order: thinking, text, tool_use, tool_result', () => {
    expect(buildMessage({ ...META, events: REASONING_THEN_TEXT }).content).toEqual([
      { type: 'thinking', thinking: 'The user greets me. Answer briefly.', signature: '' },
      { type: 'text', text: 'Hi!' },
    ]);
    const bridged = buildMessage({ ...META, events: UPSTREAM_WITH_RESULT });
    expect(bridged.content).toEqual([
      { type: 'text', text: 'Reading the file.' },
      { type: 'tool_use', id: 'toolu_up1', name: 'read_file', input: { path: 'README.md' } },
      { type: 'tool_result', tool_use_id: 'toolu_up1', content: '# Title', is_error: false },
      { type: 'text', text: 'It has a title.' },
    ]);
    expect(bridged.stop_reason).toBe('end_turn');
  });

  it('reports tool_use for client calls and for bridged calls without result', () => {
    const calls = buildMessage({ ...META, events: TEXT_AND_TWO_CALLS });
    expect(calls.stop_reason).toBe('tool_use');
    expect(calls.content.slice(1)).toEqual([
      { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris', unit: 'c' } },
      { type: 'tool_use', id: 'call_2', name: 'search', input: { query: '巴黎 天气' } },
    ]);
    const pending = buildMessage({ ...META, events: UPSTREAM_PENDING });
    expect(pending.stop_reason).toBe('tool_use');
    expect(pending.content).toEqual([
      { type: 'tool_use', id: 'toolu_up2', name: 'run_in_terminal', input: {} },
    ]);
  });

  it('builds an empty answer and maps length to max_tokens', () => {
    expect(buildMessage({ ...META, events: EMPTY_ANSWER }).content).toEqual([]);
    const usage = { inputTokens: 1, outputTokens: 1, reasoningTokens: 0 };
    const cut = buildMessage({
      ...META,
      events: [
        { type: 'text', text: 'a' },
        { type: 'finish', finishReason: 'length', usage },
      ],
    });
    expect(cut.stop_reason).toBe('max_tokens');
  });

  it('wraps tool arguments that are not a JSON object', () => {
    const usage = { inputTokens: 1, outputTokens: 1, reasoningTokens: 0 };
    const m = buildMessage({
      ...META,
      events: [
        {
          type: 'upstream_tool',
          call: {
            id: 'a',
            name: 'x',
            arguments: 'not json',
            result: { content: '', isError: false },
          },
        },
        {
          type: 'upstream_tool',
          call: { id: 'b', name: 'y', arguments: '[1,2]', result: { content: '', isError: false } },
        },
        { type: 'finish', finishReason: 'stop', usage },
      ],
    });
    expect(
      m.content.filter((b) => b.type === 'tool_use').map((b) => b.type === 'tool_use' && b.input),
    ).toEqual([{ input: 'not json' }, { input: [1, 2] }]);
  });
});
