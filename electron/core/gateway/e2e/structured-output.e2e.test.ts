import Anthropic from '@anthropic-ai/sdk';
import { jsonSchemaOutputFormat } from '@anthropic-ai/sdk/helpers/json-schema';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../logs/types';
import { startHarness, type Harness } from '../../testing/core-harness';
import { simQuestions } from './support/sim-questions';

// Structured output through the official SDKs' own parse helpers, in all three APIs, streamed and
// not: the schema reaches the prompt, the answer is extracted (fences and prose dropped),
// validated, corrected once with the validator's errors, and returned where each API puts it.

const SCHEMA = {
  type: 'object',
  properties: {
    city: { type: 'string' },
    population: { type: 'integer', minimum: 0 },
  },
  required: ['city', 'population'],
  additionalProperties: false,
} as const;
const LIMA = { city: 'Lima', population: 10_000_000 };
const LIMA_JSON = JSON.stringify(LIMA);

const SCENARIO = {
  faults: ['delta-interval:1'],
  rules: [
    // Retries first: their prompt holds the first try's token too.
    { match: 'so-fix[\\s\\S]*could not be used', regex: true, answer: LIMA_JSON },
    { match: 'so-fix', answer: '{"city": "Lima", "population": "ten million"}' },
    {
      match: 'so-bad[\\s\\S]*could not be used',
      regex: true,
      answer: 'Again: {"city": "Lima"}',
    },
    { match: 'so-bad', answer: 'Lima is big.' },
    { match: 'so-object', answer: 'Here you go:\n{"ok": true, "items": [1, 2]}\nAnything else?' },
    { match: 'so-', answer: 'Sure!\n```json\n' + JSON.stringify(LIMA, null, 2) + '\n```' },
  ],
};

let h: Harness;
let openai: OpenAI;
let anthropic: Anthropic;
let seq = 0;

beforeAll(async () => {
  h = await startHarness({ scenario: SCENARIO });
  openai = new OpenAI({ baseURL: `${h.baseUrl}/v1`, apiKey: h.apiKey, maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: h.baseUrl, apiKey: h.apiKey, maxRetries: 0 });
}, 60_000);

afterAll(async () => {
  await h?.close();
});

function headers(): { id: string; headers: Record<string, string> } {
  const id = `so-${(seq += 1)}`;
  return { id, headers: { 'x-request-id': id } };
}

const jsonSchemaFormat = {
  type: 'json_schema' as const,
  json_schema: { name: 'city_facts', schema: SCHEMA, strict: true },
};

describe('structured output: Chat Completions', () => {
  it('parse(): the schema reaches the prompt, the fenced answer comes back as the JSON', async () => {
    const res = await openai.chat.completions.parse({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: '[so-chat] Facts about Lima.' }],
      response_format: jsonSchemaFormat,
    });
    expect(res.choices[0]?.message.parsed).toEqual(LIMA);
    expect(res.choices[0]?.message.content).toBe(LIMA_JSON);
    expect(res.model).toBe('gpt-4o');
    const q = simQuestions(h, '[so-chat]')[0] ?? '';
    expect(q).toContain('# Response format');
    expect(q).toContain('"population":{"type":"integer","minimum":0}');
  });

  it('stream(): the streamed content is the JSON', async () => {
    const stream = openai.chat.completions.stream({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: '[so-chat-stream] Facts about Lima.' }],
      response_format: jsonSchemaFormat,
    });
    const final = await stream.finalChatCompletion();
    // The SDK auto-parses streams only for its zod helpers; the content is what matters.
    expect(JSON.parse(final.choices[0]?.message.content ?? '')).toEqual(LIMA);
  });

  it('json_object: prose around the object is dropped', async () => {
    const res = await openai.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: '[so-object] Give me JSON.' }],
      response_format: { type: 'json_object' },
    });
    expect(JSON.parse(res.choices[0]?.message.content ?? '')).toEqual({ ok: true, items: [1, 2] });
  });

  it('corrects an invalid answer once, quoting the validator', async () => {
    const res = await openai.chat.completions.parse({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: '[so-fix] Facts about Lima.' }],
      response_format: jsonSchemaFormat,
    });
    expect(res.choices[0]?.message.parsed).toEqual(LIMA);
    const sent = simQuestions(h, '[so-fix]');
    expect(sent).toHaveLength(2);
    expect(sent[1]).toContain('`/population` must be integer');
  });

  it('returns the best candidate when still invalid, and notes it in the log', async () => {
    const { id, headers: h1 } = headers();
    const res = await openai.chat.completions.create(
      {
        model: 'gpt-4o',
        messages: [{ role: 'user', content: '[so-bad] Facts about Lima.' }],
        response_format: jsonSchemaFormat,
      },
      { headers: h1 },
    );
    expect(res.choices[0]?.message.content).toBe('{"city":"Lima"}');
    expect(res.choices[0]?.finish_reason).toBe('stop');
    expect(simQuestions(h, '[so-bad]')).toHaveLength(2);
    const entry = (await h.core.getLog(id)) as unknown as LogEntry | null;
    expect(entry?.notes).toEqual(
      expect.arrayContaining([
        expect.stringContaining('structured output still invalid after a corrective retry'),
      ]),
    );
  });

  it('rejects a schema the validator cannot compile with a 400 naming the param', async () => {
    const err = await openai.chat.completions
      .create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: '[so-schema-error] x' }],
        response_format: {
          type: 'json_schema',
          json_schema: {
            name: 'broken',
            schema: { type: 'object', properties: { a: { $ref: '#/nope' } } },
          },
        },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as InstanceType<typeof OpenAI.BadRequestError>).param).toBe(
      'response_format.json_schema.schema',
    );
  });
});

describe('structured output: Responses', () => {
  const text = {
    format: { type: 'json_schema' as const, name: 'city_facts', schema: SCHEMA, strict: true },
  };

  it('parse(): output_parsed, and text.format echoed', async () => {
    const res = await openai.responses.parse({
      model: 'gpt-5',
      input: '[so-responses] Facts about Lima.',
      text,
    });
    expect(res.output_parsed).toEqual(LIMA);
    expect(res.output_text).toBe(LIMA_JSON);
    expect(res.text?.format?.type).toBe('json_schema');
  });

  it('stream(): the final output_text is the JSON', async () => {
    const stream = openai.responses.stream({
      model: 'gpt-5',
      input: '[so-responses-stream] Facts about Lima.',
      text,
    });
    const final = await stream.finalResponse();
    expect(JSON.parse(final.output_text)).toEqual(LIMA);
  });
});

describe('structured output: Anthropic Messages', () => {
  it('parse(): parsed_output from output_config.format', async () => {
    const msg = await anthropic.messages.parse({
      model: 'claude-sonnet-4-6',
      max_tokens: 1024,
      messages: [{ role: 'user', content: '[so-anthropic] Facts about Lima.' }],
      output_config: { format: jsonSchemaOutputFormat(SCHEMA) },
    });
    expect(msg.parsed_output).toEqual(LIMA);
    expect(msg.model).toBe('claude-sonnet-4-6');
  });

  it('stream(): the final message parses', async () => {
    const stream = anthropic.messages.stream({
      model: 'claude-sonnet-4-6',
      max_tokens: 1024,
      messages: [{ role: 'user', content: '[so-anthropic-stream] Facts about Lima.' }],
      output_config: { format: jsonSchemaOutputFormat(SCHEMA) },
    });
    const final = await stream.finalMessage();
    expect(final.parsed_output).toEqual(LIMA);
  });
});
