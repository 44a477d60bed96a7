import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../testing/core-harness';
import { simAsks } from './support/sim-asks';

// The context budget (Settings → largest prompt sent to Lingma), at its smallest, 4000
// estimated tokens: a replay over it is cut to the system prompt, the tools, the first message
// and the newest turns with a marker where turns were left out; a session that would outgrow it
// is replayed, cut; and a request that cannot fit even cut is `context_length_exceeded` in the
// shape of each API, without anything sent upstream.

const BUDGET = 4_000;
const call = (name: string, args: Record<string, unknown>): string =>
  '```tool_call\n' + JSON.stringify({ name, arguments: args }) + '\n```';
/** About 500 estimated tokens (4 ASCII characters a token). */
const CHUNK = 'lorem ipsum '.repeat(170);

const SCENARIO = {
  faults: ['delta-interval:1'],
  rules: [
    { match: 'bud-last', answer: 'Budget answer.' },
    { match: 'grow-after', answer: 'Still with you.' },
    { match: 'grow-result-2', answer: 'Grown twice.' },
    { match: 'grow-task-2', answer: call('read', { part: 2 }) },
    { match: 'grow-result-1', answer: 'Grown once.' },
    { match: 'grow-task-1', answer: call('read', { part: 1 }) },
  ],
};

const READ: OpenAI.ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'read',
    parameters: { type: 'object', properties: { part: { type: 'integer' } } },
  },
};

let h: Harness;
let openai: OpenAI;
let seq = 0;

function tagged(): { id: string; headers: Record<string, string> } {
  const id = `cb-${(seq += 1)}`;
  return { id, headers: { 'x-request-id': id } };
}

function asks() {
  return simAsks(h.workDir(h.accountIds[0] as string));
}

beforeAll(async () => {
  h = await startHarness({ scenario: SCENARIO });
  await h.core.updateSettings({ models: { contextBudgetTokens: BUDGET } });
  openai = new OpenAI({ baseURL: `${h.baseUrl}/v1`, apiKey: h.apiKey, maxRetries: 0 });
}, 60_000);
afterAll(async () => h?.close());

describe('context budget', () => {
  it('cuts an over-budget replay to system, tools, first message and newest turns, marked', async () => {
    const messages: OpenAI.ChatCompletionMessageParam[] = [
      { role: 'system', content: 'BUDGET-SYSTEM' },
      { role: 'user', content: 'bud-first: read every part' },
    ];
    for (let i = 1; i <= 12; i += 1) {
      const id = `call_part${i}`;
      messages.push(
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id, type: 'function', function: { name: 'read', arguments: `{"part":${i}}` } },
          ],
        },
        {
          role: 'tool',
          tool_call_id: id,
          content: `part-${i} ${CHUNK}${i === 12 ? 'bud-last' : ''}`,
        },
      );
    }
    const t = tagged();
    const r = await openai.chat.completions.create(
      { model: 'auto', messages, tools: [READ] },
      { headers: t.headers },
    );
    expect(r.choices[0]?.message.content).toBe('Budget answer.');
    const q = asks().at(-1)?.questionText ?? '';
    expect(q).toContain('BUDGET-SYSTEM');
    expect(q).toContain('## read');
    expect(q).toContain('bud-first: read every part');
    expect(q).toContain('part-12 ');
    expect(q).not.toContain('part-1 ');
    expect(q).toMatch(/\[… \d+ earlier messages omitted to fit the context limit …\]/);
    expect(q.length / 4).toBeLessThanOrEqual(BUDGET);
    const entry = await h.core.getLog(t.id);
    expect(entry?.sessionKind).toBe('replay');
    expect((entry?.notes as string[]).join('\n')).toMatch(
      /context budget: \d+ earlier messages left out of the replay/,
    );
  });

  it('replays a session, cut, once continuing it would outgrow the budget; then replies again', async () => {
    const messages: OpenAI.ChatCompletionMessageParam[] = [];
    const kinds: unknown[] = [];
    const step = async (
      m: OpenAI.ChatCompletionMessageParam[],
    ): Promise<OpenAI.ChatCompletionMessage> => {
      const t = tagged();
      const r = await openai.chat.completions.create(
        { model: 'auto', messages: m, tools: [READ] },
        { headers: t.headers },
      );
      const entry = await h.core.getLog(t.id);
      kinds.push(entry?.sessionKind);
      if (entry?.sessionKind === 'replay') kinds.push(entry.notes);
      return r.choices[0]?.message as OpenAI.ChatCompletionMessage;
    };
    for (let i = 1; i <= 2; i += 1) {
      messages.push({ role: 'user', content: `grow-task-${i}` });
      const a = await step(messages);
      messages.push(a, {
        role: 'tool',
        tool_call_id: a.tool_calls?.[0]?.id ?? '',
        content: `grow-result-${i} ${CHUNK.repeat(4)}`,
      });
      messages.push(await step(messages));
    }
    expect(kinds.slice(0, 3)).toEqual(['new', 'reply', 'reply']);
    expect(kinds[3]).toBe('replay');
    expect((kinds[4] as string[]).join('\n')).toMatch(
      /session replay: the session would outgrow the context budget \(\d+ > 4000 tokens\)/,
    );
    expect(asks().at(-1)).toMatchObject({ isReply: false });
    // The cut session is what the model now holds: the next turn continues it.
    messages.push({ role: 'user', content: 'grow-after: anything else?' });
    const more = await step(messages);
    expect(more.content).toBe('Still with you.');
    expect(kinds.at(-1)).toBe('reply');
    expect(asks().at(-1)).toMatchObject({ isReply: true, continued: true });
  });

  it('refuses what cannot fit even cut: context_length_exceeded in each API’s shape', async () => {
    const before = asks().length;
    const huge = 'You are a very detailed agent. '.repeat(800);
    const oa = await openai.chat.completions
      .create({
        model: 'auto',
        messages: [
          { role: 'system', content: huge },
          { role: 'user', content: 'hi' },
        ],
      })
      .catch((e: unknown) => e);
    expect(oa).toBeInstanceOf(OpenAI.BadRequestError);
    expect((oa as InstanceType<typeof OpenAI.BadRequestError>).code).toBe(
      'context_length_exceeded',
    );
    expect((oa as Error).message).toMatch(/prompt is too long: \d+ tokens > 4000 maximum/);

    const anthropic = new Anthropic({ baseURL: h.baseUrl, apiKey: h.apiKey, maxRetries: 0 });
    const an = await anthropic.messages
      .create({
        model: 'auto',
        max_tokens: 64,
        system: huge,
        messages: [{ role: 'user', content: 'hi' }],
      })
      .catch((e: unknown) => e);
    expect(an).toBeInstanceOf(Anthropic.BadRequestError);
    const anBody = (an as InstanceType<typeof Anthropic.BadRequestError>).error as {
      error: { type: string; message: string };
    };
    expect(anBody.error.type).toBe('invalid_request_error');
    expect(anBody.error.message.startsWith('prompt is too long: ')).toBe(true);

    const rs = await fetch(`${h.baseUrl}/v1/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'auto', instructions: huge, input: 'hi', stream: true }),
    });
    expect(rs.status).toBe(400);
    const rsBody = (await rs.json()) as { error: { code: string; type: string } };
    expect(rsBody.error).toMatchObject({
      code: 'context_length_exceeded',
      type: 'invalid_request_error',
    });
    // Nothing went upstream.
    expect(asks()).toHaveLength(before);
  });
});
