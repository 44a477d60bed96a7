import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NeutralRequest } from '../../chat/types';
import { estimateRequestTokens, estimateTextTokens } from './tokens';

const request = (partial: Partial<NeutralRequest>): NeutralRequest => ({
  protocol: 'openai',
  model: 'm',
  system: '',
  messages: [],
  tools: [],
  toolChoice: { type: 'auto' },
  stream: false,
  includeUsage: false,
  ignoredParams: [],
  ...partial,
});

describe('estimateTextTokens', () => {
  it('counts about 4 ASCII characters per token', () => {
    expect(estimateTextTokens('')).toBe(0);
    expect(estimateTextTokens('a')).toBe(1);
    expect(estimateTextTokens('abcd')).toBe(1);
    expect(estimateTextTokens('abcde')).toBe(2);
    expect(estimateTextTokens('x'.repeat(400))).toBe(100);
  });

  it('counts about one token per CJK character', () => {
    expect(estimateTextTokens('你好世界')).toBe(4);
    expect(estimateTextTokens('こんにちは')).toBe(5);
    expect(estimateTextTokens('안녕')).toBe(2);
    expect(estimateTextTokens('（，）')).toBe(3);
  });

  it('counts other scripts at two characters per token and emoji as one', () => {
    expect(estimateTextTokens('привет')).toBe(3);
    expect(estimateTextTokens('😀😀')).toBe(2);
    expect(estimateTextTokens('hi 你好')).toBe(3);
  });
});

describe('estimateRequestTokens', () => {
  it('adds message framing and reply priming', () => {
    expect(estimateRequestTokens(request({ messages: [{ role: 'user', text: 'abcd' }] }))).toBe(
      3 + 4 + 1,
    );
    expect(
      estimateRequestTokens(request({ system: 'abcd', messages: [{ role: 'user', text: '' }] })),
    ).toBe(3 + 5 + 4);
  });

  it('counts tool calls, tool results and tool definitions', () => {
    const plain = estimateRequestTokens(request({ messages: [{ role: 'user', text: 'hi' }] }));
    const withTools = estimateRequestTokens(
      request({
        messages: [
          { role: 'user', text: 'hi' },
          {
            role: 'assistant',
            text: '',
            toolCalls: [{ id: 'c1', name: 'get_weather', arguments: '{"city":"Paris"}' }],
          },
          { role: 'tool', text: '18C', toolResult: { callId: 'c1', content: '18C' } },
        ],
        tools: [{ name: 'get_weather', description: 'Weather.', parameters: { type: 'object' } }],
      }),
    );
    // 2 messages × 4, call 4+3+4, result 1+1, tool 8+3+2+5 (17-char schema).
    expect(withTools - plain).toBe(8 + 11 + 2 + 18);
  });
});

describe('estimateTextTokens by UTF-16 unit', () => {
  /**
   * The definition, code point by code point (a BMP character's class — 1 or ½ token — is read
   * from four of it, so this checks the walk over the string, not the table of wide ranges).
   */
  function reference(text: string): number {
    let quarters = 0;
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0;
      if (cp < 0x80) quarters += 1;
      else if (cp > 0xffff) quarters += 4;
      else quarters += estimateTextTokens(ch.repeat(4)) === 4 ? 4 : 2;
    }
    return Math.ceil(quarters / 4);
  }

  it('counts like the code-point definition, surrogates and lone halves included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => estimateTextTokens(s) === reference(s)),
      { numRuns: 500 },
    );
    expect(estimateTextTokens('\ud83d\ude00')).toBe(1);
    expect(estimateTextTokens('\ud83dx')).toBe(1);
    expect(estimateTextTokens('\ude00\ud83d')).toBe(1);
  });
});
