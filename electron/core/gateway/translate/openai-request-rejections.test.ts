import { describe, expect, it } from 'vitest';
import { parseOpenAiChatRequest } from './openai-request';
import { expectInvalid } from './testing/expect-invalid';

const base = { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] };
const parse = (extra: Record<string, unknown>) => parseOpenAiChatRequest({ ...base, ...extra });

describe('parseOpenAiChatRequest: rejections', () => {
  it.each([null, [], 'text', 42, true])('rejects a %j body', (body) => {
    expectInvalid(() => parseOpenAiChatRequest(body), null);
  });

  it('requires model and non-empty messages', () => {
    expectInvalid(() => parseOpenAiChatRequest({ messages: base.messages }), 'model');
    expectInvalid(() => parse({ model: '' }), 'model');
    expectInvalid(() => parse({ model: ['gpt'] }), 'model');
    expectInvalid(() => parseOpenAiChatRequest({ model: 'm' }), 'messages');
    expectInvalid(() => parse({ messages: [] }), 'messages');
    expectInvalid(() => parse({ messages: { role: 'user' } }), 'messages');
  });

  it('rejects n > 1 (and other n) with param n', () => {
    const err = expectInvalid(() => parse({ n: 2 }), 'n');
    expect(err.message).toContain('single choice');
    expectInvalid(() => parse({ n: 0 }), 'n');
    expectInvalid(() => parse({ n: 1e300 }), 'n');
    expectInvalid(() => parse({ n: '2' }), 'n');
  });

  it('rejects junk inside messages with a precise path', () => {
    expectInvalid(() => parse({ messages: [null] }), 'messages[0]');
    expectInvalid(() => parse({ messages: [{ content: 'x' }] }), 'messages[0].role');
    expectInvalid(() => parse({ messages: [{ role: 'robot', content: 'x' }] }), 'messages[0].role');
    expectInvalid(() => parse({ messages: [{ role: 7, content: 'x' }] }), 'messages[0].role');
    expectInvalid(() => parse({ messages: [{ role: 'user' }] }), 'messages[0].content');
    expectInvalid(() => parse({ messages: [{ role: 'user', content: 5 }] }), 'messages[0].content');
    expectInvalid(
      () => parse({ messages: [{ role: 'user', content: [null] }] }),
      'messages[0].content[0]',
    );
    expectInvalid(
      () => parse({ messages: [{ role: 'user', content: [{ type: 'video' }] }] }),
      'messages[0].content[0].type',
    );
    expectInvalid(
      () => parse({ messages: [{ role: 'user', content: [{ type: 'text', text: null }] }] }),
      'messages[0].content[0].text',
    );
    expectInvalid(
      () => parse({ messages: [{ role: 'tool', content: 'x' }] }),
      'messages[0].tool_call_id',
    );
    expectInvalid(
      () => parse({ messages: [{ role: 'assistant', tool_calls: [{ id: 'c', function: {} }] }] }),
      'messages[0].tool_calls[0].function.name',
    );
    expectInvalid(
      () =>
        parse({
          messages: [
            { role: 'assistant', tool_calls: [{ id: 'c', function: { name: 'f', arguments: 3 } }] },
          ],
        }),
      'messages[0].tool_calls[0].function.arguments',
    );
    expectInvalid(
      () => parse({ messages: [{ role: 'function', content: 'x' }] }),
      'messages[0].name',
    );
  });

  it('type-checks ignored and handled scalars', () => {
    expectInvalid(() => parse({ temperature: 'hot' }), 'temperature');
    expectInvalid(() => parse({ temperature: {} }), 'temperature');
    expectInvalid(() => parse({ top_p: [] }), 'top_p');
    expectInvalid(() => parse({ seed: 1.5 }), 'seed');
    expectInvalid(() => parse({ stop: [1] }), 'stop[0]');
    expectInvalid(() => parse({ logit_bias: 'x' }), 'logit_bias');
    expectInvalid(() => parse({ stream: 'yes' }), 'stream');
    expectInvalid(
      () => parse({ stream_options: { include_usage: 1 } }),
      'stream_options.include_usage',
    );
    expectInvalid(() => parse({ user: 1 }), 'user');
    expectInvalid(() => parse({ max_tokens: -1 }), 'max_tokens');
    expectInvalid(() => parse({ max_completion_tokens: 2.5 }), 'max_completion_tokens');
    expectInvalid(() => parse({ max_tokens: 'x', max_completion_tokens: 5 }), 'max_tokens');
  });
});
