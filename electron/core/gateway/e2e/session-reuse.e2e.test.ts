import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../testing/core-harness';
import { conversationAsks, type SimAsk } from './support/sim-asks';

// Agent loops against two simulator accounts: what goes up is proven by the simulator's own
// record (it continues a session only for isReply + a sessionId its finish returned), what the
// gateway decided by the request log. Rules match what the session holds (the simulator's model
// sees its whole conversation), so a rule for a later step comes before the one for an earlier.

const call = (name: string, args: Record<string, unknown>): string =>
  '```tool_call\n' + JSON.stringify({ name, arguments: args }) + '\n```';

const LOOP_TURNS = 3;
const loopRules = (prefix: string) =>
  Array.from({ length: LOOP_TURNS }, (_, n) => LOOP_TURNS - n).flatMap((i) => [
    { match: `${prefix}-result-${i}`, answer: `Step ${i} done (${prefix}).` },
    { match: `${prefix}-task-${i}`, answer: `On it.\n${call('get_weather', { city: `C${i}` })}` },
  ]);

const SCENARIO = {
  faults: ['delta-interval:1'],
  rules: [
    ...loopRules('oa'),
    ...loopRules('an'),
    { match: 'ed-result', answer: 'Edited conversation answered.' },
    { match: 'ed-task', answer: call('get_weather', { city: 'Edit' }) },
  ],
};

const WEATHER: OpenAI.ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

let h: Harness;
let openai: OpenAI;
let seq = 0;

/** A request id of our own, so the request-log entry can be read. */
function tagged(): { id: string; headers: Record<string, string> } {
  const id = `sr-${(seq += 1)}`;
  return { id, headers: { 'x-request-id': id } };
}

async function kinds(ids: string[]): Promise<unknown[]> {
  return Promise.all(ids.map(async (id) => (await h.core.getLog(id))?.sessionKind));
}

async function notes(id: string): Promise<string[]> {
  return ((await h.core.getLog(id))?.notes as string[] | undefined) ?? [];
}

function asksOf(token: string): SimAsk[] {
  return h.accountIds.flatMap((a) => conversationAsks(h.workDir(a), token));
}

beforeAll(async () => {
  h = await startHarness({
    accounts: ['alpha', 'beta'],
    scenario: SCENARIO,
    settings: { routing: { strategy: 'fill-first' } },
  });
  openai = new OpenAI({ baseURL: `${h.baseUrl}/v1`, apiKey: h.apiKey, maxRetries: 0 });
}, 60_000);
afterAll(async () => h?.close());

/** One streamed chat completion, accumulated the way agent clients do. */
async function streamed(
  messages: OpenAI.ChatCompletionMessageParam[],
  headers: Record<string, string>,
): Promise<OpenAI.ChatCompletionMessageParam> {
  const stream = openai.chat.completions.stream(
    { model: 'auto', messages, tools: [WEATHER] },
    { headers },
  );
  const done = await stream.finalChatCompletion();
  return done.choices[0]?.message as OpenAI.ChatCompletionMessageParam;
}

describe('agent loops send only what is new', () => {
  it('OpenAI, streamed: every request after the first is a reply on one session', async () => {
    const messages: OpenAI.ChatCompletionMessageParam[] = [
      { role: 'system', content: 'You are a weather agent. '.repeat(200) },
    ];
    const ids: string[] = [];
    for (let i = 1; i <= LOOP_TURNS; i += 1) {
      messages.push({ role: 'user', content: `oa-task-${i}: weather please` });
      const a = tagged();
      const assistant = await streamed(messages, a.headers);
      const callId = assistant.role === 'assistant' ? (assistant.tool_calls?.[0]?.id ?? '') : '';
      expect(callId).toMatch(/^call_/);
      messages.push(assistant, { role: 'tool', tool_call_id: callId, content: `oa-result-${i}` });
      const b = tagged();
      const answer = await streamed(messages, b.headers);
      expect(answer.content).toBe(`Step ${i} done (oa).`);
      messages.push(answer);
      ids.push(a.id, b.id);
    }
    expect(await kinds(ids)).toEqual(['new', ...ids.slice(1).map(() => 'reply')]);
    const sent = asksOf('oa-task-1');
    expect(sent).toHaveLength(ids.length);
    expect(sent.map((s) => s.continued)).toEqual([false, ...ids.slice(1).map(() => true)]);
    expect(new Set(sent.map((s) => s.sessionId)).size).toBe(1);
    // The system prompt and the tool block went up once.
    expect(sent.filter((s) => s.questionText.includes('weather agent'))).toHaveLength(1);
    expect(sent.filter((s) => s.questionText.includes('## get_weather'))).toHaveLength(1);
    expect(sent[2]?.questionText).toBe('oa-task-2: weather please');
    const logged = await Promise.all(ids.map((id) => h.core.getLog(id)));
    expect(logged.map((e) => e?.upstreamBytes)).toEqual(sent.map((s) => s.bytes));
  });

  it('Anthropic, streamed: tool_use round trips continue the session', async () => {
    const anthropic = new Anthropic({ baseURL: h.baseUrl, apiKey: h.apiKey, maxRetries: 0 });
    const tools: Anthropic.Tool[] = [
      {
        name: 'get_weather',
        input_schema: { type: 'object', properties: { city: { type: 'string' } } },
      },
    ];
    const messages: Anthropic.MessageParam[] = [];
    const ids: string[] = [];
    for (let i = 1; i <= 2; i += 1) {
      messages.push({ role: 'user', content: `an-task-${i}: weather please` });
      const a = tagged();
      const first = await anthropic.messages
        .stream({ model: 'auto', max_tokens: 256, tools, messages }, { headers: a.headers })
        .finalMessage();
      const use = first.content.find((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use');
      messages.push(
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: use?.id ?? '', content: `an-result-${i}` }],
        },
      );
      const b = tagged();
      const second = await anthropic.messages
        .stream({ model: 'auto', max_tokens: 256, tools, messages }, { headers: b.headers })
        .finalMessage();
      expect(second.content).toMatchObject([{ type: 'text', text: `Step ${i} done (an).` }]);
      messages.push({ role: 'assistant', content: second.content });
      ids.push(a.id, b.id);
    }
    expect(await kinds(ids)).toEqual(['new', 'reply', 'reply', 'reply']);
    expect(asksOf('an-task-1').map((s) => s.continued)).toEqual([false, true, true, true]);
  });
});

describe('what is not a true extension starts a new session, and the log says why', () => {
  /** One round trip: the call, then the result and the answer. */
  async function roundTrip(
    system: string,
    first: string,
    headers: Record<string, string> = {},
  ): Promise<OpenAI.ChatCompletionMessageParam[]> {
    const messages: OpenAI.ChatCompletionMessageParam[] = [
      { role: 'system', content: system },
      { role: 'user', content: first },
    ];
    const r = await openai.chat.completions.create(
      { model: 'auto', messages, tools: [WEATHER] },
      { headers },
    );
    const assistant = r.choices[0]?.message as OpenAI.ChatCompletionMessage;
    const callId = assistant.tool_calls?.[0]?.id ?? '';
    messages.push(assistant, { role: 'tool', tool_call_id: callId, content: 'ed-result' });
    return messages;
  }

  async function send(
    messages: OpenAI.ChatCompletionMessageParam[],
    headers: Record<string, string> = {},
  ): Promise<string> {
    const t = tagged();
    await openai.chat.completions.create(
      { model: 'auto', messages, tools: [WEATHER] },
      { headers: { ...headers, ...t.headers } },
    );
    return t.id;
  }

  it('an edited earlier message: a replay, named against the client session', async () => {
    const session = { 'x-claude-code-session-id': 'edit-session-1' };
    const messages = await roundTrip('Edit test.', 'ed-task one', session);
    const edited = messages.map((m, i) =>
      i === 1 ? { role: 'user' as const, content: 'ed-task ONE (edited)' } : m,
    );
    const id = await send(edited, session);
    expect(await kinds([id])).toEqual(['replay']);
    expect(await notes(id)).toContain(
      "session replay: the history differs from the Lingma session's at message 1 (an edit, a branch or a compaction)",
    );
  });

  it('a branch from an earlier point: a replay; the true extension was a reply', async () => {
    const messages = await roundTrip('Branch test.', 'ed-task two');
    const on = await send([...messages]);
    expect(await kinds([on])).toEqual(['reply']);
    // The client goes back to before the result and tries another one.
    const branch = [...messages.slice(0, -1), { ...messages.at(-1), content: 'ed-result again' }];
    const id = await send(branch as OpenAI.ChatCompletionMessageParam[]);
    expect(await kinds([id])).toEqual(['replay']);
    expect((await notes(id)).join('\n')).toMatch(
      /session replay: the history (differs|is shorter)/,
    );
  });

  it('a changed system prompt: a replay that says so', async () => {
    const messages = await roundTrip('System A.', 'ed-task three');
    const changed = [{ role: 'system' as const, content: 'System B.' }, ...messages.slice(1)];
    const id = await send(changed);
    expect(await kinds([id])).toEqual(['replay']);
    expect(await notes(id)).toContain(
      'session replay: the system prompt or the tool definitions changed',
    );
  });
});
