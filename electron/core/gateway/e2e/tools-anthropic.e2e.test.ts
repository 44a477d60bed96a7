import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../logs/types';
import { startHarness, type Harness } from '../../testing/core-harness';
import { conversationAsks } from './support/sim-asks';
import { simQuestions } from './support/sim-questions';

// Emulated client tools through the Anthropic SDK: tool_use / tool_result round trips, streaming
// accumulated by the SDK's MessageStream, and tool_choice any / tool. Rules match the whole
// rendered prompt: each case has its own token, and a retry's rule comes before the first try's.

const call = (name: string, args: Record<string, unknown>): string =>
  '```tool_call\n' + JSON.stringify({ name, arguments: args }) + '\n```';

const SCENARIO = {
  faults: ['delta-interval:1'],
  rules: [
    { match: 'LISTING-7', answer: 'The directory holds notes.md (LISTING-7).' },
    { match: 'an-roundtrip', answer: 'I will list it.\n' + call('list_dir', { path: '/tmp' }) },
    {
      match: 'an-stream',
      answer: `Two calls.\n${call('list_dir', { path: '/a' })}\n${call('read_file', { path: '/a/b.txt', limit: 10 })}\nDone.`,
    },
    {
      match: 'an-any[\\s\\S]*did not call any tool',
      regex: true,
      answer: call('read_file', { path: '/etc/hosts' }),
    },
    { match: 'an-any', answer: 'Nothing to call here.' },
    { match: 'an-forced', answer: '```json\n{"path": "/var/log"}\n```' },
  ],
};

const TOOLS: Anthropic.Tool[] = [
  {
    name: 'list_dir',
    description: 'Lists a directory',
    input_schema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
  },
  {
    name: 'read_file',
    input_schema: {
      type: 'object',
      properties: { path: { type: 'string' }, limit: { type: 'integer' } },
      required: ['path'],
    },
  },
];
const MODEL = 'dashscope_qwen3_coder';

let h: Harness;
let client: Anthropic;
let seq = 0;

/** The questions the simulator was asked in one case's conversation (named by its token). */
function asks(token: string): string[] {
  return simQuestions(h, token);
}

function logId(): { id: string; headers: Record<string, string> } {
  const id = `an-tools-${(seq += 1)}`;
  return { id, headers: { 'x-request-id': id } };
}

async function loggedCallIds(id: string): Promise<string[]> {
  const entry = (await h.core.getLog(id)) as unknown as LogEntry | null;
  return (entry?.clientToolCalls ?? []).map((c) => c.id);
}

function toolUses(m: Anthropic.Message): Anthropic.ToolUseBlock[] {
  return m.content.filter((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use');
}

function text(m: Anthropic.Message): string {
  return m.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('');
}

beforeAll(async () => {
  h = await startHarness({ accounts: ['alpha'], scenario: SCENARIO });
  client = new Anthropic({ baseURL: h.baseUrl, apiKey: h.apiKey, maxRetries: 0 });
}, 60_000);
afterAll(async () => h?.close());

describe('Anthropic SDK: emulated tool use', () => {
  it('tool_use round trip: the result goes back as ```tool_result and the model answers', async () => {
    const { id, headers } = logId();
    const messages: Anthropic.MessageParam[] = [
      { role: 'user', content: '[an-roundtrip] What is in /tmp?' },
    ];
    const first = await client.messages.create(
      { model: MODEL, max_tokens: 512, tools: TOOLS, messages },
      { headers },
    );
    expect(first.stop_reason).toBe('tool_use');
    expect(first.content.map((b) => b.type)).toEqual(['text', 'tool_use']);
    expect(text(first)).toBe('I will list it.');
    const use = toolUses(first)[0];
    expect(use?.id).toMatch(/^toolu_[A-Za-z0-9]{24}$/);
    expect(use?.name).toBe('list_dir');
    expect(use?.input).toEqual({ path: '/tmp' });
    expect(await loggedCallIds(id)).toEqual([use?.id]);

    messages.push(
      { role: 'assistant', content: first.content },
      {
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: use?.id ?? '', content: 'LISTING-7' }],
      },
    );
    const again = logId();
    const second = await client.messages.create(
      { model: MODEL, max_tokens: 512, tools: TOOLS, messages },
      { headers: again.headers },
    );
    expect(second.stop_reason).toBe('end_turn');
    expect(text(second)).toBe('The directory holds notes.md (LISTING-7).');
    expect(toolUses(second)).toHaveLength(0);
    // The round trip continued the Lingma session: only the result went up, as a reply the
    // simulator accepted (isReply + the sessionId its finish returned).
    const sent = conversationAsks(h.workDir(h.accountIds[0] as string), 'an-roundtrip');
    expect(sent.map((a) => [a.isReply, a.continued])).toEqual([
      [false, false],
      [true, true],
    ]);
    expect(sent[1]?.sessionId).toBe(sent[0]?.sessionId);
    const prompt = sent[1]?.questionText ?? '';
    expect(prompt.startsWith('# Tool results\n```tool_result\n')).toBe(true);
    expect(prompt).toContain(
      '```tool_result\n' +
        JSON.stringify({ call_id: use?.id, name: 'list_dir', content: 'LISTING-7' }) +
        '\n```',
    );
    expect(prompt).not.toContain('# Tools');
    const entries = await Promise.all([id, again.id].map((x) => h.core.getLog(x)));
    expect(entries.map((e) => e?.sessionKind)).toEqual(['new', 'reply']);
    expect(entries[1]?.upstreamBytes).toBe(sent[1]?.bytes);
    expect(Number(entries[1]?.upstreamBytes)).toBeLessThan(Number(entries[0]?.upstreamBytes) / 3);
  });

  it('streams tool_use blocks that finalMessage() assembles from input_json_delta', async () => {
    const { id, headers } = logId();
    const stream = client.messages.stream(
      {
        model: MODEL,
        max_tokens: 512,
        tools: TOOLS,
        messages: [{ role: 'user', content: '[an-stream] Look around.' }],
      },
      { headers },
    );
    const jsonDeltas: number[] = [];
    stream.on('streamEvent', (e) => {
      if (e.type === 'content_block_delta' && e.delta.type === 'input_json_delta') {
        jsonDeltas.push(e.index);
      }
    });
    const m = await stream.finalMessage();
    expect(m.content.map((b) => b.type)).toEqual(['text', 'tool_use', 'tool_use', 'text']);
    expect(jsonDeltas).toEqual([1, 2]);
    const uses = toolUses(m);
    expect(uses.map((u) => u.input)).toEqual([{ path: '/a' }, { path: '/a/b.txt', limit: 10 }]);
    expect(new Set(uses.map((u) => u.id)).size).toBe(2);
    expect(text(m)).toBe('Two calls.Done.');
    expect(m.stop_reason).toBe('tool_use');
    expect(await loggedCallIds(id)).toEqual(uses.map((u) => u.id));
  });

  it('tool_choice any: a reply without a call is corrected once into a tool_use', async () => {
    const m = await client.messages.create({
      model: MODEL,
      max_tokens: 512,
      tools: TOOLS,
      tool_choice: { type: 'any' },
      messages: [{ role: 'user', content: '[an-any] Anything?' }],
    });
    expect(asks('an-any')).toHaveLength(2);
    expect(toolUses(m).map((u) => [u.name, u.input])).toEqual([
      ['read_file', { path: '/etc/hosts' }],
    ]);
    expect(m.stop_reason).toBe('tool_use');
  });

  it('tool_choice tool: a bare ```json answer becomes that tool’s input', async () => {
    const m = await client.messages.create({
      model: MODEL,
      max_tokens: 512,
      tools: TOOLS,
      tool_choice: { type: 'tool', name: 'list_dir' },
      messages: [{ role: 'user', content: '[an-forced] Logs?' }],
    });
    expect(m.content.map((b) => b.type)).toEqual(['tool_use']);
    expect(toolUses(m)[0]?.input).toEqual({ path: '/var/log' });
    expect(m.stop_reason).toBe('tool_use');
    expect(asks('an-forced')[0]).toContain('you MUST call the tool "list_dir"');
  });
});
