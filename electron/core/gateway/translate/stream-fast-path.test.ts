import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OutEvent } from '../../chat/types';
import { AnthropicStreamEncoder } from './anthropic-stream';
import { OpenAiChatStreamEncoder, TEMPLATE_HOLE } from './openai-stream';

// The per-delta fast paths must write exactly what the object path writes, whatever the text
// (escapes, quotes, unicode, the template's own hole) and whatever the stream's constants.

const anyText = fc.oneof(
  fc.string({ minLength: 1 }),
  fc.constantFrom('"', '\\', '\n\t', '</script>', '\u2028\u2029', '😀 中文', TEMPLATE_HOLE),
);

describe('text fast paths', () => {
  it('OpenAI: textJson equals JSON.stringify of the chunk push returns', () => {
    fc.assert(
      fc.property(
        fc.record({
          model: fc.oneof(fc.string(), fc.constant(TEMPLATE_HOLE)),
          includeUsage: fc.boolean(),
          fingerprint: fc.option(fc.string({ minLength: 1 }), { nil: undefined }),
        }),
        fc.array(anyText, { minLength: 1, maxLength: 5 }),
        ({ model, includeUsage, fingerprint }, texts) => {
          const options = {
            id: 'chatcmpl-x',
            created: 1_700_000_000,
            model,
            includeUsage,
            ...(fingerprint ? { systemFingerprint: fingerprint } : {}),
          };
          const fast = new OpenAiChatStreamEncoder(options);
          const slow = new OpenAiChatStreamEncoder(options);
          expect(fast.textJson('x')).toBeUndefined(); // not before the opening chunk
          fast.start();
          slow.start();
          for (const text of texts) {
            const objects = slow.push({ type: 'text', text });
            expect(objects).toHaveLength(1);
            expect(fast.textJson(text)).toBe(JSON.stringify(objects[0]));
          }
        },
      ),
    );
  });

  it('OpenAI: no fast path for empty text or after the finish', () => {
    const e = new OpenAiChatStreamEncoder({ id: 'x', created: 1, model: 'm', includeUsage: false });
    e.start();
    expect(e.textJson('')).toBeUndefined();
    e.push({ type: 'finish', finishReason: 'stop', usage: ZERO });
    expect(e.textJson('late')).toBeUndefined();
  });

  it('Anthropic: textJson equals the content_block_delta push returns, only into an open text block', () => {
    fc.assert(
      fc.property(fc.array(anyText, { minLength: 1, maxLength: 5 }), (texts) => {
        const fast = new AnthropicStreamEncoder({ id: 'msg_x', model: 'm', inputTokens: 3 });
        const slow = new AnthropicStreamEncoder({ id: 'msg_x', model: 'm', inputTokens: 3 });
        const open: OutEvent = { type: 'reasoning', text: 'think' };
        fast.push(open);
        slow.push(open);
        // The first text opens a block (after closing the thinking one): no fast path.
        expect(fast.textJson('a')).toBeUndefined();
        fast.push({ type: 'text', text: 'a' });
        slow.push({ type: 'text', text: 'a' });
        for (const text of texts) {
          const events = slow.push({ type: 'text', text });
          expect(events).toHaveLength(1);
          expect(events[0]?.event).toBe('content_block_delta');
          expect(fast.textJson(text)).toBe(JSON.stringify(events[0]?.data));
        }
      }),
    );
  });
});

const ZERO = { inputTokens: 0, outputTokens: 0, reasoningTokens: 0 };
