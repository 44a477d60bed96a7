import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../logs/types';
import { startHarness, type Harness } from '../../testing/core-harness';
import { conversationAsks, type SimAsk } from './support/sim-asks';

// Emulated client tools end to end: the simulator answers with ```tool_call blocks, the official
// SDK parses what the gateway makes of them. Rules match the whole rendered prompt, so each case
// has its own token and a retry's rule (it also sees the correction) comes before the first try's.

const call = (name: string, args: Record<string, unknown>): string =>
  '```tool_call\n' + JSON.stringify({ name, arguments: args }) + '\n```';

const SCENARIO = {
  faults: ['delta-interval:1'],
  rules: [
    { match: 'SUNNY-42', answer: 'Paris is sunny today (SUNNY-42).' },
    {
      match: 'oa-required[\\s\\S]*did not call any tool',
      regex: true,
      answer: call('get_weather', { city: 'Oslo' }),
    },
    { match: 'oa-required', answer: 'I would rather just chat.' },
    {
      match: 'oa-malformed-fixed[\\s\\S]*could not be used',
      regex: true,
      answer: 'Trying.\n' + call('get_weather', { city: 'Lima' }),
    },
    {
      match: 'oa-malformed',
      answer: 'Trying.\n```tool_call\n{"name": "get_weather", "arguments": {"city": "Lima"\n```',
    },
    {
      match: 'oa-auto',
      answer: 'Let me look that up.\n\n' + call('get_weather', { city: 'Paris' }),
    },
    { match: 'oa-loop', answer: call('get_weather', { city: 'Paris' }) },
    { match: 'oa-forced', answer: call('get_weather', { city: 'Bern' }) },
    { match: 'oa-fallback', answer: '{"city": "Rome"}' },
    {
      match: 'oa-parallel',
      answer: `${call('get_weather', { city: 'Oslo' })}\n${call('get_time', { tz: 'Europe/Oslo' })}`,
    },
    { match: 'oa-unknown', answer: call('launch_rockets', { count: 3 }) },
  ],
};

const TOOLS: OpenAI.ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Current weather for a city',
      parameters: {
        type: 'object',
        properties: { city: { type: 'string' } },
        required: ['city'],
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'get_time',
      parameters: { type: 'object', properties: { tz: { type: 'string' } }, required: ['tz'] },
    },
  },
];

let h: Harness;
let client: OpenAI;
let seq = 0;

/** What the simulator was asked in one case's conversation (named by its token). */
function asks(token: string): SimAsk[] {
  return conversationAsks(h.workDir(h.accountIds[0] as string), token);
}

/** A request id we choose, so the request log entry can be found. */
function logId(): { id: string; headers: Record<string, string> } {
  const id = `oa-tools-${(seq += 1)}`;
  return { id, headers: { 'x-request-id': id } };
}

async function loggedNotes(id: string): Promise<string[]> {
  const entry = (await h.core.getLog(id)) as unknown as LogEntry | null;
  return entry?.notes ?? [];
}

async function loggedCallIds(id: string): Promise<string[]> {
  const entry = (await h.core.getLog(id)) as unknown as LogEntry | null;
  return (entry?.clientToolCalls ?? []).map((c) => c.id);
}

async function ask(
  token: string,
  extra: Partial<OpenAI.ChatCompletionCreateParamsNonStreaming> = {},
): Promise<{ res: OpenAI.ChatCompletion; id: string }> {
  const { id, headers } = logId();
  const res = await client.chat.completions.create(
    {
      model: 'dashscope_qwen3_coder',
      messages: [{ role: 'user', content: `[${token}] What is the weather?` }],
      tools: TOOLS,
      ...extra,
    },
    { headers },
  );
  return { res, id };
}

beforeAll(async () => {
  h = await startHarness({ accounts: ['alpha'], scenario: SCENARIO });
  client = new OpenAI({ baseURL: `${h.baseUrl}/v1`, apiKey: h.apiKey, maxRetries: 0 });
}, 60_000);
afterAll(async () => h?.close());

describe('OpenAI SDK: emulated tool calls', () => {
  it('auto: a ```tool_call answer becomes tool_calls with parsed arguments', async () => {
    const { res, id } = await ask('oa-auto');
    const choice = res.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.content).toBe('Let me look that up.');
    const calls = choice?.message.tool_calls ?? [];
    expect(calls).toHaveLength(1);
    const fn = calls[0]?.type === 'function' ? calls[0].function : undefined;
    expect(fn?.name).toBe('get_weather');
    expect(JSON.parse(fn?.arguments ?? '')).toEqual({ city: 'Paris' });
    expect(calls[0]?.id).toMatch(/^call_[A-Za-z0-9]{24}$/);
    expect(await loggedCallIds(id)).toEqual(calls.map((c) => c.id));
    // The model was told about the tools.
    expect(asks('oa-auto')[0]?.questionText).toContain('## get_weather');
  });

  it('required: an answer without a call gets one corrective retry, then the call', async () => {
    const { res, id } = await ask('oa-required', { tool_choice: 'required' });
    const sent = asks('oa-required');
    expect(sent).toHaveLength(2);
    expect(sent[0]?.questionText).toContain('you MUST call at least one tool');
    expect(sent[1]?.questionText).toContain('did not call any tool');
    // The correction is a reply on the session that holds the answer it corrects.
    expect(sent[1]).toMatchObject({ isReply: true, continued: true });
    expect(sent[1]?.questionText).not.toContain('I would rather just chat.');
    const calls = res.choices[0]?.message.tool_calls ?? [];
    expect(calls.map((c) => (c.type === 'function' ? c.function.arguments : ''))).toEqual([
      '{"city":"Oslo"}',
    ]);
    expect(res.choices[0]?.finish_reason).toBe('tool_calls');
    expect(await loggedCallIds(id)).toEqual(calls.map((c) => c.id));
  });

  it('a named tool is forced; a bare JSON answer counts as its arguments', async () => {
    const choice = { type: 'function', function: { name: 'get_weather' } } as const;
    const forced = await ask('oa-forced', { tool_choice: choice });
    const fallback = await ask('oa-fallback', { tool_choice: choice });
    for (const [r, city] of [
      [forced.res, 'Bern'],
      [fallback.res, 'Rome'],
    ] as const) {
      const c = r.choices[0]?.message.tool_calls?.[0];
      expect(c?.type === 'function' ? JSON.parse(c.function.arguments) : null).toEqual({ city });
      expect(r.choices[0]?.finish_reason).toBe('tool_calls');
    }
    expect(fallback.res.choices[0]?.message.content).toBeNull();
    expect(asks('oa-forced')[0]?.questionText).toContain('you MUST call the tool "get_weather"');
    expect(asks('oa-fallback')).toHaveLength(1);
  });

  it('parallel calls: two blocks give two tool_calls with distinct ids', async () => {
    const { res, id } = await ask('oa-parallel');
    const calls = res.choices[0]?.message.tool_calls ?? [];
    expect(calls.map((c) => (c.type === 'function' ? c.function.name : ''))).toEqual([
      'get_weather',
      'get_time',
    ]);
    expect(new Set(calls.map((c) => c.id)).size).toBe(2);
    expect(res.choices[0]?.message.content).toBeNull();
    expect(await loggedCallIds(id)).toEqual(calls.map((c) => c.id));
  });

  it('a malformed block is retried once and stripped (noted in the log) when still broken', async () => {
    const fixed = await ask('oa-malformed-fixed');
    const sent = asks('oa-malformed-fixed');
    expect(sent).toHaveLength(2);
    expect(sent[1]?.questionText).toContain('not valid JSON');
    const call0 = fixed.res.choices[0]?.message.tool_calls?.[0];
    expect(call0?.type === 'function' ? call0.function.name : '').toBe('get_weather');
    // The retry repeated its preamble: the client reads it once.
    expect(fixed.res.choices[0]?.message.content).toBe('Trying.');

    const bad = await ask('oa-malformed-bad');
    expect(asks('oa-malformed-bad')).toHaveLength(2);
    const message = bad.res.choices[0]?.message;
    expect(message?.tool_calls ?? []).toHaveLength(0);
    // Raw call markup never reaches the client: the prose stays, the broken block goes.
    expect(message?.content).toBe('Trying.');
    expect(bad.res.choices[0]?.finish_reason).toBe('stop');
    expect(await loggedCallIds(bad.id)).toEqual([]);
    expect(await loggedNotes(bad.id)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^stripped tool call "get_weather": /)]),
    );
  });

  it('a call to an unknown tool is retried, then stripped', async () => {
    const { res, id } = await ask('oa-unknown');
    const message = res.choices[0]?.message;
    expect(message?.tool_calls ?? []).toHaveLength(0);
    expect(message?.content ?? '').not.toContain('launch_rockets');
    expect(message?.content ?? '').not.toContain('```');
    expect(res.choices[0]?.finish_reason).toBe('stop');
    expect(await loggedNotes(id)).toEqual(
      expect.arrayContaining([expect.stringContaining('unknown tool "launch_rockets"')]),
    );
    // Unknown tools are invalid calls: one corrective retry names the available tools.
    const sent = asks('oa-unknown');
    expect(sent).toHaveLength(2);
    expect(sent[1]?.questionText).toContain('unknown tool "launch_rockets"');
  });

  it('streams tool calls the SDK accumulates (indexes 0 and 1, arguments parsed)', async () => {
    const { id, headers } = logId();
    const indexes: number[] = [];
    const stream = client.chat.completions.stream(
      {
        model: 'dashscope_qwen3_coder',
        messages: [{ role: 'user', content: '[oa-parallel-stream] Weather and time in Oslo?' }],
        tools: TOOLS,
      },
      { headers },
    );
    stream.on('chunk', (chunk) => {
      for (const tc of chunk.choices[0]?.delta.tool_calls ?? []) if (tc.id) indexes.push(tc.index);
    });
    const final = await stream.finalChatCompletion();
    expect(indexes).toEqual([0, 1]);
    const choice = final.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    const calls = choice?.message.tool_calls ?? [];
    expect(
      calls.map((c) => (c.type === 'function' ? JSON.parse(c.function.arguments) : null)),
    ).toEqual([{ city: 'Oslo' }, { tz: 'Europe/Oslo' }]);
    expect(await loggedCallIds(id)).toEqual(calls.map((c) => c.id));
  });

  it('feeds tool results back: the prompt carries ```tool_result and the model answers', async () => {
    const messages: OpenAI.ChatCompletionMessageParam[] = [
      { role: 'user', content: '[oa-loop] Weather in Paris?' },
    ];
    const first = await client.chat.completions.create({
      model: 'dashscope_qwen3_coder',
      messages,
      tools: TOOLS,
    });
    const assistant = first.choices[0]?.message;
    const callId = assistant?.tool_calls?.[0]?.id ?? '';
    expect(callId).toMatch(/^call_/);
    messages.push(assistant as OpenAI.ChatCompletionMessageParam, {
      role: 'tool',
      tool_call_id: callId,
      content: 'SUNNY-42',
    });
    const second = await client.chat.completions.create({
      model: 'dashscope_qwen3_coder',
      messages,
      tools: TOOLS,
    });
    expect(second.choices[0]?.message.content).toBe('Paris is sunny today (SUNNY-42).');
    expect(second.choices[0]?.finish_reason).toBe('stop');
    const sent = asks('oa-loop');
    expect(sent).toHaveLength(2);
    // A reply on the session that made the call: the simulator continued it.
    expect(sent.map((a) => [a.isReply, a.continued])).toEqual([
      [false, false],
      [true, true],
    ]);
    const prompt = sent[1]?.questionText ?? '';
    expect(prompt).not.toContain('## get_weather');
    expect(prompt).toBe(
      '# Tool results\n```tool_result\n' +
        JSON.stringify({ call_id: callId, name: 'get_weather', content: 'SUNNY-42' }) +
        '\n```\n\n# Next step\nThe tool results above answer your latest calls. Continue the ' +
        'task: use them in your reply, or call more tools if needed.',
    );
  });
});
