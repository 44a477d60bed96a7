import { describe, expect, it } from 'vitest';
import { parseOpenAiChatRequest } from './openai-request';
import { expectInvalid } from './testing/expect-invalid';

const base = { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] };
const parse = (extra: Record<string, unknown>) => parseOpenAiChatRequest({ ...base, ...extra });

describe('parseOpenAiChatRequest: basics', () => {
  it('parses a minimal request with neutral defaults', () => {
    expect(parseOpenAiChatRequest(base)).toEqual({
      protocol: 'openai',
      model: 'gpt-4o',
      system: '',
      messages: [{ role: 'user', text: 'hi' }],
      tools: [],
      toolChoice: { type: 'auto' },
      stream: false,
      includeUsage: false,
      ignoredParams: [],
    });
  });

  it('joins leading system and developer messages; later ones stay at their position', () => {
    const req = parse({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'developer', content: 'No emoji.' },
        { role: 'user', content: 'hi' },
        { role: 'developer', content: [{ type: 'text', text: 'Use French.' }] },
        { role: 'system', content: '   ' },
      ],
    });
    expect(req.system).toBe('Be brief.\n\nNo emoji.');
    expect(req.messages).toEqual([
      { role: 'user', text: 'hi' },
      { role: 'system', text: 'Use French.' },
    ]);
  });

  it('degrades every content part type to text', () => {
    const req = parse({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Look:' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
            { type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } },
            { type: 'file', file: { file_id: 'file-1' } },
          ],
        },
        { role: 'assistant', content: [{ type: 'refusal', refusal: 'I cannot.' }] },
      ],
    });
    expect(req.messages).toEqual([
      { role: 'user', text: 'Look:\n[image]\n[audio]\n[file]' },
      { role: 'assistant', text: 'I cannot.' },
    ]);
  });

  it('reads stream, include_usage, user and token limits', () => {
    const req = parse({
      stream: true,
      stream_options: { include_usage: true },
      user: 'alice',
      max_tokens: 50,
      max_completion_tokens: 100,
    });
    expect(req).toMatchObject({ stream: true, includeUsage: true, user: 'alice', maxTokens: 100 });
    expect(parse({ max_tokens: 42 }).maxTokens).toBe(42);
    // include_usage only means something for streams.
    expect(parse({ stream_options: { include_usage: true } }).includeUsage).toBe(false);
  });

  it('accepts sampling and other unsupported params, listing them as ignored', () => {
    const req = parse({
      temperature: 0.2,
      top_p: 1,
      presence_penalty: 0,
      frequency_penalty: 0.5,
      seed: 7,
      stop: ['\n'],
      logit_bias: { '50256': -100 },
      logprobs: false,
      response_format: { type: 'json_object' },
      parallel_tool_calls: true,
      reasoning_effort: 'low',
      metadata: { a: 'b' },
      store: false,
      service_tier: 'auto',
      brand_new_param: { x: 1 },
      top_k: null,
      n: 1,
    });
    expect(req.ignoredParams).toEqual([
      'temperature',
      'top_p',
      'presence_penalty',
      'frequency_penalty',
      'seed',
      'stop',
      'logit_bias',
      'logprobs',
      'parallel_tool_calls',
      'reasoning_effort',
      'metadata',
      'store',
      'service_tier',
      'brand_new_param',
    ]);
    expect(req.responseFormat).toEqual({ type: 'json_object' });
  });
});

describe('parseOpenAiChatRequest: tools', () => {
  const weather = {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Weather.',
      parameters: { type: 'object', properties: { city: { type: 'string' } } },
      strict: true,
    },
  };

  it('parses function tools, defaulting parameters', () => {
    const req = parse({ tools: [weather, { type: 'function', function: { name: 'now' } }] });
    expect(req.tools).toEqual([
      {
        name: 'get_weather',
        description: 'Weather.',
        parameters: { type: 'object', properties: { city: { type: 'string' } } },
      },
      { name: 'now', parameters: { type: 'object', properties: {} } },
    ]);
  });

  it('accepts legacy functions and function_call', () => {
    const req = parse({
      functions: [{ name: 'f', parameters: { type: 'object' } }],
      function_call: { name: 'f' },
    });
    expect(req.tools).toEqual([{ name: 'f', parameters: { type: 'object' } }]);
    expect(req.toolChoice).toEqual({ type: 'tool', name: 'f' });
    expect(parse({ function_call: 'none' }).toolChoice).toEqual({ type: 'none' });
  });

  it.each([
    ['auto', { type: 'auto' }],
    ['none', { type: 'none' }],
    ['required', { type: 'required' }],
    [
      { type: 'function', function: { name: 'get_weather' } },
      { type: 'tool', name: 'get_weather' },
    ],
    [
      { type: 'allowed_tools', allowed_tools: { mode: 'required', tools: [] } },
      { type: 'required' },
    ],
  ])('maps tool_choice %j', (choice, expected) => {
    expect(parse({ tools: [weather], tool_choice: choice }).toolChoice).toEqual(expected);
  });

  it('ignores custom (grammar) tools with a note', () => {
    const req = parse({ tools: [weather, { type: 'custom', custom: { name: 'sql' } }] });
    expect(req.tools.map((t) => t.name)).toEqual(['get_weather']);
    expect(req.ignoredParams).toEqual(['tools[1] (custom tool)']);
  });

  it('rejects malformed tools and choices with the exact param', () => {
    expectInvalid(() => parse({ tools: {} }), 'tools');
    expectInvalid(() => parse({ tools: [null] }), 'tools[0]');
    expectInvalid(() => parse({ tools: [{ type: 'retrieval' }] }), 'tools[0].type');
    expectInvalid(() => parse({ tools: [{ type: 'function' }] }), 'tools[0].function');
    expectInvalid(
      () => parse({ tools: [{ type: 'function', function: { name: 3 } }] }),
      'tools[0].function.name',
    );
    expectInvalid(
      () => parse({ tools: [{ type: 'function', function: { name: 'x', parameters: [] } }] }),
      'tools[0].function.parameters',
    );
    expectInvalid(() => parse({ tool_choice: 'sometimes' }), 'tool_choice');
    expectInvalid(() => parse({ tool_choice: { type: 'function' } }), 'tool_choice.function');
    expectInvalid(() => parse({ tool_choice: 5 }), 'tool_choice');
    expectInvalid(() => parse({ function_call: 'required' }), 'function_call');
    expectInvalid(() => parse({ function_call: [] }), 'function_call');
  });
});

describe('parseOpenAiChatRequest: history with tool calls', () => {
  it('keeps calls and results paired, naming each result from its call', () => {
    const req = parse({
      messages: [
        { role: 'user', content: 'Weather in Paris and Rome?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_a',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
            {
              id: 'call_b',
              type: 'function',
              function: { name: 'get_weather', arguments: { city: 'Rome' } },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_a', content: '18C' },
        { role: 'tool', tool_call_id: 'call_b', content: [{ type: 'text', text: '21C' }] },
        { role: 'tool', tool_call_id: 'call_unknown', content: '?' },
        { role: 'assistant', content: 'Paris 18C, Rome 21C.' },
      ],
    });
    expect(req.messages).toEqual([
      { role: 'user', text: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        text: '',
        toolCalls: [
          { id: 'call_a', name: 'get_weather', arguments: '{"city":"Paris"}' },
          { id: 'call_b', name: 'get_weather', arguments: '{"city":"Rome"}' },
        ],
      },
      {
        role: 'tool',
        text: '18C',
        toolResult: { callId: 'call_a', name: 'get_weather', content: '18C' },
      },
      {
        role: 'tool',
        text: '21C',
        toolResult: { callId: 'call_b', name: 'get_weather', content: '21C' },
      },
      { role: 'tool', text: '?', toolResult: { callId: 'call_unknown', content: '?' } },
      { role: 'assistant', text: 'Paris 18C, Rome 21C.' },
    ]);
  });

  it('pairs a legacy function_call with the following function message', () => {
    const req = parse({
      messages: [
        { role: 'user', content: 'time?' },
        { role: 'assistant', content: null, function_call: { name: 'now', arguments: '{}' } },
        { role: 'function', name: 'now', content: '12:00' },
      ],
    });
    expect(req.messages.slice(1)).toEqual([
      { role: 'assistant', text: '', toolCalls: [{ id: 'call_m1', name: 'now', arguments: '{}' }] },
      {
        role: 'tool',
        text: '12:00',
        toolResult: { callId: 'call_m1', name: 'now', content: '12:00' },
      },
    ]);
  });
});
