import OpenAI from 'openai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../testing/core-harness';
import { simAsks } from './support/sim-asks';

let h: Harness;
let client: OpenAI;

const CALL_BLOCK = '```tool_call\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n```';

// First match wins: the follow-up prompt still holds the WEATHER-TOOL question in its history.
const SCENARIO = {
  rules: [
    { match: 'sunny-21C', answer: 'Paris is sunny, 21 degrees.' },
    { match: 'sunny-4C', answer: 'Oslo is sunny, 4 degrees.' },
    { match: 'WEATHER-TOOL', answer: `Let me look that up.\n${CALL_BLOCK}` },
    { match: 'UPSTREAM-ERROR', answer: 'Half an ans', finish: { statusCode: 500, reason: 'boom' } },
  ],
};

const WEATHER_TOOL: OpenAI.Responses.FunctionTool = {
  type: 'function',
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
    additionalProperties: false,
  },
  strict: true,
};

/** The questions the simulator received, oldest first. */
function questions(): string[] {
  const file = join(h.workDir(h.accountIds[0] as string), 'logs', 'sim-requests.jsonl');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { params: { questionText: string } }).params.questionText);
}

beforeAll(async () => {
  h = await startHarness({ accounts: ['alpha'], scenario: SCENARIO });
  client = new OpenAI({ baseURL: `${h.baseUrl}/v1`, apiKey: h.apiKey, maxRetries: 0 });
}, 60_000);
afterAll(async () => h?.close());

describe('OpenAI SDK Responses API against the gateway (simulator upstream)', () => {
  it('answers a string input with instructions as system text, usage and a request log', async () => {
    const r = await client.responses.create({
      model: 'dashscope_qwen3_coder',
      instructions: 'Answer like a pirate.',
      input: 'What is a monad?',
    });
    expect(r.object).toBe('response');
    expect(r.id).toMatch(/^resp_/);
    expect(r.status).toBe('completed');
    expect(r.model).toBe('dashscope_qwen3_coder');
    expect(r.instructions).toBe('Answer like a pirate.');
    expect(r.output_text).toContain('What is a monad?');
    expect(r.output.map((i) => i.type)).toEqual(['message']);
    expect(r.usage?.input_tokens).toBeGreaterThan(0);
    expect(r.usage?.output_tokens).toBeGreaterThan(0);
    expect(r.usage?.total_tokens).toBe(
      (r.usage?.input_tokens ?? 0) + (r.usage?.output_tokens ?? 0),
    );
    const asked = questions().at(-1) ?? '';
    expect(asked).toContain('Answer like a pirate.');
    expect(asked).toContain('What is a monad?');

    const logs = await h.core.queryLogs({ protocol: 'responses', limit: 10 });
    const entry = logs.entries.find((e) => e.status === 200 && !e.stream);
    expect(entry).toMatchObject({
      protocol: 'responses',
      endpoint: 'POST /v1/responses',
      model: 'dashscope_qwen3_coder',
      inProgress: false,
    });
    expect(entry?.tokensOut).toBeGreaterThan(0);
  });

  it('returns a function_call, then continues from previous_response_id with its output', async () => {
    const first = await client.responses.create({
      model: 'dashscope_qwen3_coder',
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'WEATHER-TOOL in Paris?' }] }],
      tools: [WEATHER_TOOL],
    });
    expect(first.status).toBe('completed');
    const call = first.output.find(
      (i): i is OpenAI.Responses.ResponseFunctionToolCall => i.type === 'function_call',
    );
    expect(call).toMatchObject({ type: 'function_call', name: 'get_weather', status: 'completed' });
    expect(call?.call_id).toMatch(/\S/);
    expect(JSON.parse(call?.arguments ?? '')).toEqual({ city: 'Paris' });
    expect(first.output_text).not.toContain('```tool_call');
    expect(first.tools).toMatchObject([{ type: 'function', name: 'get_weather' }]);

    const before = questions().length;
    const second = await client.responses.create({
      model: 'dashscope_qwen3_coder',
      previous_response_id: first.id,
      input: [
        {
          type: 'function_call_output',
          call_id: call?.call_id ?? '',
          output: '{"sky":"sunny-21C"}',
        },
      ],
      tools: [WEATHER_TOOL],
    });
    expect(second.status).toBe('completed');
    expect(second.previous_response_id).toBe(first.id);
    expect(second.output_text).toBe('Paris is sunny, 21 degrees.');
    const asked = simAsks(h.workDir(h.accountIds[0] as string)).slice(before);
    expect(asked).toHaveLength(1);
    // previous_response_id names the conversation the session holds: only the output goes up.
    expect(asked[0]).toMatchObject({ isReply: true, continued: true });
    expect(asked[0]?.questionText).not.toContain('WEATHER-TOOL in Paris?');
    expect(asked[0]?.questionText).toContain('```tool_result');
    expect(asked[0]?.questionText).toContain('sunny-21C');
    expect(asked[0]?.questionText).toContain(call?.call_id ?? '?');
  });

  it('continues the session when the whole input is re-sent (no previous_response_id), streamed', async () => {
    const input: OpenAI.Responses.ResponseInputItem[] = [
      { role: 'user', content: [{ type: 'input_text', text: 'WEATHER-TOOL in Oslo, resent?' }] },
    ];
    const first = await client.responses.create({
      model: 'dashscope_qwen3_coder',
      input,
      tools: [WEATHER_TOOL],
      store: false,
    });
    const call = first.output.find(
      (i): i is OpenAI.Responses.ResponseFunctionToolCall => i.type === 'function_call',
    );
    expect(call?.name).toBe('get_weather');
    const before = questions().length;
    const stream = client.responses.stream({
      model: 'dashscope_qwen3_coder',
      input: [
        ...input,
        ...(first.output as OpenAI.Responses.ResponseInputItem[]),
        { type: 'function_call_output', call_id: call?.call_id ?? '', output: 'sunny-4C' },
      ],
      tools: [WEATHER_TOOL],
      store: false,
    });
    expect((await stream.finalResponse()).output_text).toBe('Oslo is sunny, 4 degrees.');
    const asked = simAsks(h.workDir(h.accountIds[0] as string)).slice(before);
    expect(asked.map((a) => [a.isReply, a.continued])).toEqual([[true, true]]);
    expect(asked[0]?.questionText).not.toContain('resent?');
    expect(asked[0]?.questionText).toContain('sunny-4C');
  });

  it('streams numbered events that finalResponse() assembles, response.completed last', async () => {
    const stream = client.responses.stream({
      model: 'dashscope_qwen3_coder',
      input: 'Stream me please',
    });
    const types: string[] = [];
    const sequence: number[] = [];
    let deltas = '';
    stream.on('event', (e) => {
      types.push(e.type);
      sequence.push(e.sequence_number);
    });
    stream.on('response.output_text.delta', (e) => {
      deltas += e.delta;
    });
    const r = await stream.finalResponse();
    expect(types.slice(0, 2)).toEqual(['response.created', 'response.in_progress']);
    expect(types.at(-1)).toBe('response.completed');
    expect(types).toEqual(
      expect.arrayContaining([
        'response.output_item.added',
        'response.content_part.added',
        'response.output_text.done',
        'response.content_part.done',
        'response.output_item.done',
      ]),
    );
    expect(sequence).toEqual(sequence.map((_, i) => i));
    expect(deltas).toContain('Stream me please');
    expect(r.status).toBe('completed');
    expect(r.output_text).toBe(deltas);
    expect(r.usage?.output_tokens).toBeGreaterThan(0);

    // The streamed response was stored too.
    const got = await client.responses.retrieve(r.id);
    expect(got.output_text).toBe(r.output_text);
  });

  it('ends a stream that fails after its first byte with response.failed, and stores it', async () => {
    const stream = client.responses.stream({ model: 'auto', input: 'UPSTREAM-ERROR please' });
    const types: string[] = [];
    stream.on('event', (e) => types.push(e.type));
    const r = await stream.finalResponse();
    expect(types.at(-1)).toBe('response.failed');
    expect(r.status).toBe('failed');
    expect(r.error).toMatchObject({ code: 'server_error', message: expect.stringMatching(/boom/) });
    expect(r.output_text).toBe('Half an ans');
    const got = await client.responses.retrieve(r.id);
    expect(got).toMatchObject({ status: 'failed', error: { code: 'server_error' } });
  });

  it('surfaces Lingma thinking as a reasoning item with summary text', async () => {
    const r = await client.responses.create({
      model: 'dashscope_qwen_plus_20250428_thinking',
      input: 'Think first',
    });
    expect(r.output.map((i) => i.type)).toEqual(['reasoning', 'message']);
    const reasoning = r.output[0] as OpenAI.Responses.ResponseReasoningItem;
    expect(reasoning.summary[0]?.type).toBe('summary_text');
    expect(reasoning.summary[0]?.text.length).toBeGreaterThan(0);
    expect(r.output_text).toContain('Think first');
  });

  it('retrieves stored responses, and 404s for store:false and unknown ids', async () => {
    const stored = await client.responses.create({ model: 'auto', input: 'keep me' });
    const got = await client.responses.retrieve(stored.id);
    expect(got).toMatchObject({ id: stored.id, status: 'completed', store: true });
    expect(got.output).toEqual(stored.output);

    const unstored = await client.responses.create({
      model: 'auto',
      input: 'forget me',
      store: false,
    });
    expect(unstored).toMatchObject({ store: false });
    await expect(client.responses.retrieve(unstored.id)).rejects.toBeInstanceOf(
      OpenAI.NotFoundError,
    );
    const err = await client.responses
      .create({ model: 'auto', input: 'again', previous_response_id: 'resp_unknown' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    expect((err as InstanceType<typeof OpenAI.NotFoundError>).param).toBe('previous_response_id');

    await client.responses.delete(stored.id);
    await expect(client.responses.retrieve(stored.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('raises typed errors, logs them, and applies auth and Origin checks', async () => {
    const bad = await client.responses
      .create({ model: 'auto', input: [{ type: 'bogus_item' }] as never })
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(OpenAI.BadRequestError);
    expect((bad as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('input[0].type');
    await expect(client.responses.create({ model: 'auto', input: [] })).rejects.toBeInstanceOf(
      OpenAI.BadRequestError,
    );
    const logged = await h.core.queryLogs({ protocol: 'responses', status: 'error', limit: 10 });
    expect(logged.entries.slice(0, 2)).toMatchObject([
      { status: 400, model: 'auto', endpoint: 'POST /v1/responses' },
      { status: 400, error: expect.stringMatching(/input\[0\]\.type|bogus_item/) },
    ]);

    const wrongKey = new OpenAI({ baseURL: `${h.baseUrl}/v1`, apiKey: 'lgw-wrong', maxRetries: 0 });
    await expect(wrongKey.responses.create({ model: 'auto', input: 'x' })).rejects.toBeInstanceOf(
      OpenAI.AuthenticationError,
    );

    const viaBrowser = await fetch(`${h.baseUrl}/v1/responses`, {
      method: 'POST',
      headers: {
        origin: 'https://evil.example',
        authorization: `Bearer ${h.apiKey}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ model: 'auto', input: 'x' }),
    });
    expect(viaBrowser.status).toBe(403);
    expect(((await viaBrowser.json()) as { error: { type: string } }).error.type).toBe(
      'permission_error',
    );
  });
});
