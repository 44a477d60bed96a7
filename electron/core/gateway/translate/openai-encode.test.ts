import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors';
import type { OutEvent } from '../../chat/types';
import { buildChatCompletion } from './openai-response';
import { OpenAiChatStreamEncoder } from './openai-stream';
import type { ChatCompletionChunk, ChatCompletionChunkDelta } from './openai-wire';
import {
  EMPTY_ANSWER,
  REASONING_THEN_TEXT,
  TEXT_AND_TWO_CALLS,
  TEXT_ONLY,
  UPSTREAM_PENDING,
  UPSTREAM_WITH_RESULT,
} from './testing/fixtures';

const META = { id: 'chatcmpl-abc', created: 1_700_000_000, model: 'qwen3-coder' };

function encode(events: OutEvent[], includeUsage: boolean): ChatCompletionChunk[] {
  const encoder = new OpenAiChatStreamEncoder({ ...META, includeUsage });
  return events.flatMap((ev) => encoder.push(ev));
}

/** An expected chunk without usage fields (include_usage off). */
const chunk = (
  delta: ChatCompletionChunkDelta,
  finish: ChatCompletionChunk['choices'][number]['finish_reason'] = null,
): ChatCompletionChunk => ({
  id: META.id,
  object: 'chat.completion.chunk',
  created: META.created,
  model: META.model,
  choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
});
const ROLE = chunk({ role: 'assistant', content: '' });

describe('OpenAiChatStreamEncoder', () => {
  it('streams text only', () => {
    expect(encode(TEXT_ONLY, false)).toEqual([
      ROLE,
      chunk({ content: 'Hello' }),
      chunk({ content: ', world.' }),
      chunk({}, 'stop'),
    ]);
  });

  it('streams reasoning as reasoning_content, then text', () => {
    expect(encode(REASONING_THEN_TEXT, false)).toEqual([
      ROLE,
      chunk({ reasoning_content: 'The user greets me. ' }),
      chunk({ reasoning_content: 'Answer briefly.' }),
      chunk({ content: 'Hi!' }),
      chunk({}, 'stop'),
    ]);
  });

  it('streams two calls with stable 0-based indexes and finish_reason tool_calls', () => {
    expect(encode(TEXT_AND_TWO_CALLS, false)).toEqual([
      ROLE,
      chunk({ content: 'Let me check both.' }),
      chunk({
        tool_calls: [
          {
            index: 0,
            id: 'call_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '' },
          },
        ],
      }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":"Paris","unit":"c"}' } }] }),
      chunk({
        tool_calls: [
          { index: 1, id: 'call_2', type: 'function', function: { name: 'search', arguments: '' } },
        ],
      }),
      chunk({ tool_calls: [{ index: 1, function: { arguments: '{"query":"巴黎 天气"}' } }] }),
      chunk({}, 'tool_calls'),
    ]);
  });

  it('streams a bridged upstream call like a client call (result has no OpenAI home)', () => {
    expect(encode(UPSTREAM_WITH_RESULT, false)).toEqual([
      ROLE,
      chunk({ content: 'Reading the file.' }),
      chunk({
        tool_calls: [
          {
            index: 0,
            id: 'toolu_up1',
            type: 'function',
            function: { name: 'read_file', arguments: '' },
          },
        ],
      }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"path":"README.md"}' } }] }),
      chunk({ content: 'It has a title.' }),
      chunk({}, 'tool_calls'),
    ]);
    expect(encode(UPSTREAM_PENDING, false)).toEqual([
      ROLE,
      chunk({
        tool_calls: [
          {
            index: 0,
            id: 'toolu_up2',
            type: 'function',
            function: { name: 'run_in_terminal', arguments: '' },
          },
        ],
      }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{}' } }] }),
      chunk({}, 'tool_calls'),
    ]);
  });

  it('streams an empty answer as role + finish, never an empty delta in between', () => {
    expect(encode(EMPTY_ANSWER, false)).toEqual([ROLE, chunk({}, 'stop')]);
  });

  it('adds usage: null to every chunk and a trailing usage chunk with include_usage', () => {
    const chunks = encode(TEXT_ONLY, true);
    expect(chunks).toHaveLength(5);
    for (const c of chunks.slice(0, 4)) expect(c.usage).toBeNull();
    expect(chunks[4]).toEqual({
      ...META,
      object: 'chat.completion.chunk',
      choices: [],
      usage: {
        prompt_tokens: 12,
        completion_tokens: 4,
        total_tokens: 16,
        prompt_tokens_details: { cached_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
    });
  });

  it('keeps one index per call id and ignores events after finish', () => {
    const encoder = new OpenAiChatStreamEncoder({ ...META, id: 'req-1', includeUsage: false });
    const call = { id: 'toolu_x', name: 'read', arguments: '{}' };
    const first = encoder.push({ type: 'upstream_tool', call });
    const again = encoder.push({
      type: 'upstream_tool',
      call: { ...call, result: { content: 'ok', isError: false } },
    });
    expect(first).toHaveLength(3);
    expect(first[0]?.id).toBe('chatcmpl-req-1');
    expect(again).toEqual([]);
    expect(
      encoder.push({
        type: 'finish',
        finishReason: 'stop',
        usage: { inputTokens: 1, outputTokens: 1, reasoningTokens: 0 },
      }),
    ).toHaveLength(1);
    expect(encoder.done).toBe(true);
    expect(encoder.push({ type: 'text', text: 'late' })).toEqual([]);
    expect(encoder.start()).toEqual([]);
  });

  it('renders a mid-stream failure as an {error} chunk', () => {
    const encoder = new OpenAiChatStreamEncoder({ ...META, includeUsage: false });
    expect(encoder.errorChunk(new ApiError('upstream', 'Lingma went away.'))).toEqual({
      error: { message: 'Lingma went away.', type: 'api_error', param: null, code: 'upstream' },
    });
  });
});

describe('buildChatCompletion', () => {
  it('builds text with usage and latency', () => {
    expect(
      buildChatCompletion({
        ...META,
        events: TEXT_ONLY,
        latency: { firstTokenMs: 120, totalMs: 900 },
      }),
    ).toEqual({
      id: 'chatcmpl-abc',
      object: 'chat.completion',
      created: META.created,
      model: META.model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hello, world.', refusal: null },
          finish_reason: 'stop',
          logprobs: null,
        },
      ],
      usage: {
        prompt_tokens: 12,
        completion_tokens: 4,
        total_tokens: 16,
        prompt_tokens_details: { cached_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
      latency: { first_token_ms: 120, total_ms: 900 },
    });
  });

  it('adds reasoning_content and reasoning tokens', () => {
    const c = buildChatCompletion({ ...META, events: REASONING_THEN_TEXT });
    expect(c.choices[0]?.message).toEqual({
      role: 'assistant',
      content: 'Hi!',
      reasoning_content: 'The user greets me. Answer briefly.',
      refusal: null,
    });
    expect(c.usage.completion_tokens_details.reasoning_tokens).toBe(8);
  });

  it('lists calls, keeps text, and reports tool_calls', () => {
    const c = buildChatCompletion({ ...META, events: TEXT_AND_TWO_CALLS });
    expect(c.choices[0]).toEqual({
      index: 0,
      message: {
        role: 'assistant',
        content: 'Let me check both.',
        refusal: null,
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris","unit":"c"}' },
          },
          {
            id: 'call_2',
            type: 'function',
            function: { name: 'search', arguments: '{"query":"巴黎 天气"}' },
          },
        ],
      },
      finish_reason: 'tool_calls',
      logprobs: null,
    });
  });

  it('uses null content for a call-only message and "" for an empty answer', () => {
    const pending = buildChatCompletion({ ...META, events: UPSTREAM_PENDING });
    expect(pending.choices[0]?.message.content).toBeNull();
    expect(pending.choices[0]?.message.tool_calls?.[0]?.function.arguments).toBe('{}');
    const empty = buildChatCompletion({ ...META, events: EMPTY_ANSWER });
    expect(empty.choices[0]?.message).toEqual({ role: 'assistant', content: '', refusal: null });
    expect(empty.choices[0]?.finish_reason).toBe('stop');
  });

  it('never reports tool_calls without calls, and maps length', () => {
    const usage = { inputTokens: 1, outputTokens: 1, reasoningTokens: 0 };
    const noCalls = buildChatCompletion({
      ...META,
      events: [{ type: 'finish', finishReason: 'tool_calls', usage }],
    });
    expect(noCalls.choices[0]?.finish_reason).toBe('stop');
    const cut = buildChatCompletion({
      ...META,
      events: [
        { type: 'text', text: 'a' },
        { type: 'finish', finishReason: 'length', usage },
      ],
    });
    expect(cut.choices[0]?.finish_reason).toBe('length');
  });
});
