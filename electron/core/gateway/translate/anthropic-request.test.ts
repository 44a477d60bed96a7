import { describe, expect, it } from 'vitest';
import {
  countAnthropicTokens,
  parseAnthropicCountTokensRequest,
  parseAnthropicMessagesRequest,
} from './anthropic-request';
import { expectInvalid } from './testing/expect-invalid';

const base = {
  model: 'claude-sonnet-4-5',
  max_tokens: 1024,
  messages: [{ role: 'user', content: 'hi' }],
};
const parse = (extra: Record<string, unknown>) =>
  parseAnthropicMessagesRequest({ ...base, ...extra });

describe('parseAnthropicMessagesRequest: basics', () => {
  it('parses a minimal request with neutral defaults', () => {
    expect(parseAnthropicMessagesRequest(base)).toEqual({
      protocol: 'anthropic',
      model: 'claude-sonnet-4-5',
      system: '',
      messages: [{ role: 'user', text: 'hi' }],
      tools: [],
      toolChoice: { type: 'auto' },
      stream: false,
      includeUsage: false,
      maxTokens: 1024,
      ignoredParams: [],
    });
  });

  it('reads system as a string or text blocks (cache_control ignored)', () => {
    expect(parse({ system: 'Be brief.' }).system).toBe('Be brief.');
    const blocks = parse({
      system: [
        { type: 'text', text: 'You are Claude Code.' },
        { type: 'text', text: 'Be careful.', cache_control: { type: 'ephemeral' } },
      ],
    });
    expect(blocks.system).toBe('You are Claude Code.\n\nBe careful.');
  });

  it('reads stream, metadata.user_id and lists sampling params as ignored', () => {
    const req = parse({
      stream: true,
      metadata: { user_id: 'user-42' },
      stop_sequences: ['END'],
      temperature: 0.5,
      top_p: 0.9,
      top_k: 40,
      thinking: { type: 'enabled', budget_tokens: 2048 },
    });
    expect(req).toMatchObject({ stream: true, user: 'user-42' });
    expect(req.ignoredParams).toEqual([
      'stop_sequences',
      'temperature',
      'top_p',
      'top_k',
      'thinking',
    ]);
  });

  it('degrades every block type to text and drops thinking', () => {
    const req = parse({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'See these:' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } },
            { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'x' } },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'hmm', signature: 'sig' },
            { type: 'redacted_thinking', data: 'xxx' },
            {
              type: 'server_tool_use',
              id: 'srvtoolu_1',
              name: 'web_search',
              input: { query: 'q' },
            },
            { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] },
            { type: 'text', text: 'Found it.' },
          ],
        },
      ],
    });
    expect(req.messages).toEqual([
      { role: 'user', text: 'See these:\n[image]\n[document]' },
      {
        role: 'assistant',
        text: '[server_tool_use: web_search]\n[web_search_tool_result]\nFound it.',
      },
    ]);
  });
});

describe('parseAnthropicMessagesRequest: tools', () => {
  const weather = {
    name: 'get_weather',
    description: 'Weather.',
    input_schema: { type: 'object', properties: { city: { type: 'string' } } },
    cache_control: { type: 'ephemeral' },
  };

  it('parses custom tools and skips server tools with a note', () => {
    const req = parse({
      tools: [
        weather,
        { type: 'web_search_20250305', name: 'web_search', max_uses: 3 },
        { type: 'custom', name: 'x', input_schema: { type: 'object' } },
      ],
    });
    expect(req.tools).toEqual([
      { name: 'get_weather', description: 'Weather.', parameters: weather.input_schema },
      { name: 'x', parameters: { type: 'object' } },
    ]);
    // The weather tool's cache_control: Lingma has no prompt cache.
    expect(req.ignoredParams).toEqual(['cache_control', 'tools[1] (web_search_20250305)']);
  });

  it.each([
    [{ type: 'auto' }, { type: 'auto' }],
    [{ type: 'any' }, { type: 'required' }],
    [
      { type: 'tool', name: 'get_weather' },
      { type: 'tool', name: 'get_weather' },
    ],
    [{ type: 'none' }, { type: 'none' }],
  ])('maps tool_choice %j', (choice, expected) => {
    expect(parse({ tools: [weather], tool_choice: choice }).toolChoice).toEqual(expected);
  });

  it('notes disable_parallel_tool_use', () => {
    const req = parse({
      tools: [weather],
      tool_choice: { type: 'auto', disable_parallel_tool_use: true },
    });
    expect(req.ignoredParams).toEqual(['cache_control', 'tool_choice.disable_parallel_tool_use']);
  });

  it('rejects malformed tools and choices with the exact param', () => {
    expectInvalid(() => parse({ tools: 'x' }), 'tools');
    expectInvalid(() => parse({ tools: [{ input_schema: {} }] }), 'tools[0].name');
    expectInvalid(() => parse({ tools: [{ name: 'x' }] }), 'tools[0].input_schema');
    expectInvalid(
      () => parse({ tools: [{ name: 'x', input_schema: 'object' }] }),
      'tools[0].input_schema',
    );
    expectInvalid(() => parse({ tool_choice: 'auto' }), 'tool_choice');
    expectInvalid(() => parse({ tool_choice: { type: 'some' } }), 'tool_choice.type');
    expectInvalid(() => parse({ tool_choice: { type: 'tool' } }), 'tool_choice.name');
  });
});

describe('parseAnthropicMessagesRequest: history with tool_use / tool_result', () => {
  it('turns results into tool messages named after their tool_use, in block order', () => {
    const req = parse({
      messages: [
        { role: 'user', content: 'Weather in Paris and Rome?' },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Checking.' },
            { type: 'tool_use', id: 'toolu_a', name: 'get_weather', input: { city: 'Paris' } },
            { type: 'tool_use', id: 'toolu_b', name: 'get_weather', input: { city: 'Rome' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_a', content: '18C' },
            {
              type: 'tool_result',
              tool_use_id: 'toolu_b',
              content: [
                { type: 'text', text: 'unavailable' },
                { type: 'image', source: {} },
              ],
              is_error: true,
            },
            { type: 'text', text: 'Summarise please.' },
          ],
        },
      ],
    });
    expect(req.messages).toEqual([
      { role: 'user', text: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        text: 'Checking.',
        toolCalls: [
          { id: 'toolu_a', name: 'get_weather', arguments: '{"city":"Paris"}' },
          { id: 'toolu_b', name: 'get_weather', arguments: '{"city":"Rome"}' },
        ],
      },
      {
        role: 'tool',
        text: '18C',
        toolResult: { callId: 'toolu_a', name: 'get_weather', content: '18C' },
      },
      {
        role: 'tool',
        text: 'unavailable\n[image]',
        toolResult: {
          callId: 'toolu_b',
          name: 'get_weather',
          content: 'unavailable\n[image]',
          isError: true,
        },
      },
      { role: 'user', text: 'Summarise please.' },
    ]);
  });

  it('is lenient about alternation and unknown result ids', () => {
    const req = parse({
      messages: [
        { role: 'user', content: 'a' },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_x' }] },
        { role: 'assistant', content: [] },
      ],
    });
    expect(req.messages).toEqual([
      { role: 'user', text: 'a' },
      { role: 'tool', text: '', toolResult: { callId: 'toolu_x', content: '' } },
      { role: 'assistant', text: '' },
    ]);
  });
});

describe('count_tokens', () => {
  it('does not need max_tokens and never streams', () => {
    const req = parseAnthropicCountTokensRequest({
      model: 'claude',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    expect(req.stream).toBe(false);
    expect(req.maxTokens).toBeUndefined();
    expect(req.ignoredParams).toEqual(['stream']);
  });

  it('counts more tokens for more input, and counts tools', () => {
    const small = countAnthropicTokens({
      model: 'claude',
      messages: [{ role: 'user', content: 'hi' }],
    });
    const big = countAnthropicTokens({
      model: 'claude',
      system: 'You are a helpful assistant.',
      messages: [{ role: 'user', content: 'hi '.repeat(100) }],
      tools: [{ name: 'get_weather', input_schema: { type: 'object' } }],
    });
    expect(small.input_tokens).toBeGreaterThan(0);
    expect(big.input_tokens).toBeGreaterThan(small.input_tokens + 75);
  });

  it('validates the body like messages', () => {
    expectInvalid(() => countAnthropicTokens({ model: 'claude', messages: [] }), 'messages');
    expectInvalid(
      () =>
        countAnthropicTokens({
          model: 'claude',
          messages: [{ role: 'user', content: 'x' }],
          max_tokens: -1,
        }),
      'max_tokens',
    );
  });
});
