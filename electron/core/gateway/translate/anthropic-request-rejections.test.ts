import { describe, it } from 'vitest';
import { parseAnthropicMessagesRequest } from './anthropic-request';
import { expectInvalid } from './testing/expect-invalid';

const base = {
  model: 'qwen3-coder',
  max_tokens: 1024,
  messages: [{ role: 'user', content: 'hi' }],
};
const parse = (extra: Record<string, unknown>) =>
  parseAnthropicMessagesRequest({ ...base, ...extra });

describe('parseAnthropicMessagesRequest: rejections', () => {
  it.each([null, [], 'text', 3])('rejects a %j body', (body) => {
    expectInvalid(() => parseAnthropicMessagesRequest(body), null);
  });

  it('requires model, a positive integer max_tokens and non-empty messages', () => {
    expectInvalid(() => parse({ model: undefined }), 'model');
    expectInvalid(() => parse({ model: 5 }), 'model');
    expectInvalid(() => parse({ max_tokens: undefined }), 'max_tokens');
    expectInvalid(() => parse({ max_tokens: 0 }), 'max_tokens');
    expectInvalid(() => parse({ max_tokens: -5 }), 'max_tokens');
    expectInvalid(() => parse({ max_tokens: 1.5 }), 'max_tokens');
    expectInvalid(() => parse({ max_tokens: 1e300 }), 'max_tokens');
    expectInvalid(() => parse({ max_tokens: '1024' }), 'max_tokens');
    expectInvalid(() => parse({ messages: undefined }), 'messages');
    expectInvalid(() => parse({ messages: [] }), 'messages');
    expectInvalid(() => parse({ messages: 'hi' }), 'messages');
  });

  it('rejects junk inside messages with a precise path', () => {
    expectInvalid(() => parse({ messages: [42] }), 'messages[0]');
    expectInvalid(() => parse({ messages: [{ content: 'x' }] }), 'messages[0].role');
    expectInvalid(() => parse({ messages: [{ role: 'tool', content: 'x' }] }), 'messages[0].role');
    expectInvalid(
      () => parse({ messages: [{ role: 'system', content: 7 }] }),
      'messages[0].content',
    );
    expectInvalid(() => parse({ messages: [{ role: 'user' }] }), 'messages[0].content');
    expectInvalid(
      () => parse({ messages: [{ role: 'user', content: { type: 'text' } }] }),
      'messages[0].content',
    );
    expectInvalid(
      () => parse({ messages: [{ role: 'user', content: [null] }] }),
      'messages[0].content[0]',
    );
    expectInvalid(
      () => parse({ messages: [{ role: 'user', content: [{ text: 'x' }] }] }),
      'messages[0].content[0].type',
    );
    expectInvalid(
      () => parse({ messages: [{ role: 'user', content: [{ type: 'text', text: 1 }] }] }),
      'messages[0].content[0].text',
    );
    expectInvalid(
      () => parse({ messages: [{ role: 'user', content: [{ type: 'tool_result' }] }] }),
      'messages[0].content[0].tool_use_id',
    );
    expectInvalid(
      () =>
        parse({
          messages: [
            { role: 'user', content: [{ type: 'tool_use', id: 'a', name: 'b', input: {} }] },
          ],
        }),
      'messages[0].content[0].type',
    );
    expectInvalid(
      () =>
        parse({
          messages: [
            { role: 'assistant', content: [{ type: 'tool_use', id: 'a', name: 'b', input: '{}' }] },
          ],
        }),
      'messages[0].content[0].input',
    );
    expectInvalid(() => parse({ system: 5 }), 'system');
    expectInvalid(() => parse({ system: [{ type: 'image' }] }), 'system[0].type');
    expectInvalid(() => parse({ metadata: { user_id: 5 } }), 'metadata.user_id');
    expectInvalid(() => parse({ temperature: 'warm' }), 'temperature');
    expectInvalid(() => parse({ top_k: 0.5 }), 'top_k');
    expectInvalid(() => parse({ stop_sequences: 'END' }), 'stop_sequences');
    expectInvalid(() => parse({ stream: 1 }), 'stream');
  });
});
