import { describe, expect, it } from 'vitest';
import { parseAnthropicMessagesRequest } from './anthropic-request';
import { parseOpenAiChatRequest } from './openai-request';
import { parseResponsesRequest } from './responses';
import { expectInvalid } from './testing/expect-invalid';

// Structured-output requests of the three APIs, and the system messages clients now put
// mid-conversation, parsed into the neutral request.

const SCHEMA = { type: 'object', properties: { a: { type: 'string' } } };
const noPrevious = { lookupPrevious: () => undefined };

const chat = (extra: Record<string, unknown>) =>
  parseOpenAiChatRequest({ model: 'm', messages: [{ role: 'user', content: 'hi' }], ...extra });
const responses = (extra: Record<string, unknown>) =>
  parseResponsesRequest({ model: 'm', input: 'hi', ...extra }, noPrevious);
const anthropic = (extra: Record<string, unknown>) =>
  parseAnthropicMessagesRequest({
    model: 'm',
    max_tokens: 10,
    messages: [{ role: 'user', content: 'hi' }],
    ...extra,
  });

describe('response formats', () => {
  it('Chat Completions: text, json_object, json_schema', () => {
    expect(chat({ response_format: { type: 'text' } }).responseFormat).toBeUndefined();
    expect(chat({ response_format: { type: 'json_object' } }).responseFormat).toEqual({
      type: 'json_object',
    });
    expect(
      chat({
        response_format: {
          type: 'json_schema',
          json_schema: { name: 'out', schema: SCHEMA, strict: true, description: 'd' },
        },
      }).responseFormat,
    ).toEqual({ type: 'json_schema', name: 'out', schema: SCHEMA, strict: true, description: 'd' });
    // OpenAI documents a json_schema without `schema` as "any JSON".
    expect(
      chat({ response_format: { type: 'json_schema', json_schema: { name: 'x' } } }).responseFormat,
    ).toEqual({ type: 'json_schema', name: 'x', schema: {} });
  });

  it('Chat Completions: rejects what the API rejects', () => {
    expectInvalid(() => chat({ response_format: { type: 'yaml' } }), 'response_format.type');
    expectInvalid(
      () => chat({ response_format: { type: 'json_schema' } }),
      'response_format.json_schema',
    );
    expectInvalid(
      () => chat({ response_format: { type: 'json_schema', json_schema: { schema: SCHEMA } } }),
      'response_format.json_schema.name',
    );
    expectInvalid(
      () =>
        chat({
          response_format: { type: 'json_schema', json_schema: { name: 'a b', schema: {} } },
        }),
      'response_format.json_schema.name',
    );
  });

  it('Responses: text.format, echoed back; other text options noted', () => {
    const req = responses({
      text: { format: { type: 'json_schema', name: 'out', schema: SCHEMA }, verbosity: 'low' },
    });
    expect(req.responseFormat).toEqual({ type: 'json_schema', name: 'out', schema: SCHEMA });
    expect(req.textFormat).toEqual({
      type: 'json_schema',
      name: 'out',
      schema: SCHEMA,
      strict: null,
    });
    expect(req.ignoredParams).toEqual(['text.verbosity']);
    expect(responses({ text: { format: { type: 'json_object' } } }).textFormat).toEqual({
      type: 'json_object',
    });
    expectInvalid(
      () => responses({ text: { format: { type: 'json_schema', name: 'out' } } }),
      'text.format.schema',
    );
  });

  it('Anthropic: output_config.format (and the beta output_format); effort noted', () => {
    const req = anthropic({
      output_config: { effort: 'low', format: { type: 'json_schema', schema: SCHEMA } },
    });
    expect(req.responseFormat).toEqual({ type: 'json_schema', schema: SCHEMA, strict: true });
    expect(req.ignoredParams).toEqual(['output_config.effort']);
    expect(
      anthropic({ output_format: { type: 'json_schema', schema: SCHEMA } }).responseFormat,
    ).toMatchObject({ schema: SCHEMA });
    expectInvalid(
      () => anthropic({ output_config: { format: { type: 'json_schema' } } }),
      'output_config.format.schema',
    );
    expectInvalid(
      () => anthropic({ output_config: { format: { type: 'xml', schema: {} } } }),
      'output_config.format.type',
    );
  });
});

describe('system messages inside the conversation', () => {
  it('Anthropic: kept in order, string or text blocks', () => {
    const req = parseAnthropicMessagesRequest({
      model: 'm',
      max_tokens: 10,
      system: 'Top.',
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'system', content: [{ type: 'text', text: 'Env.', cache_control: {} }] },
        { role: 'assistant', content: 'hello' },
        { role: 'system', content: 'Reminder.' },
        { role: 'user', content: 'again' },
      ],
    });
    expect(req.system).toBe('Top.');
    expect(req.messages.map((m) => [m.role, m.text])).toEqual([
      ['user', 'hi'],
      ['system', 'Env.'],
      ['assistant', 'hello'],
      ['system', 'Reminder.'],
      ['user', 'again'],
    ]);
  });

  it('Responses: leading developer messages are instructions, later ones keep their place', () => {
    const req = responses({
      instructions: 'Inst.',
      input: [
        { role: 'developer', content: 'Dev.' },
        { role: 'user', content: 'hi' },
        { role: 'developer', content: 'Later.' },
      ],
    });
    expect(req.system).toBe('Inst.\n\nDev.');
    expect(req.messages).toEqual([
      { role: 'user', text: 'hi' },
      { role: 'system', text: 'Later.' },
    ]);
  });
});
