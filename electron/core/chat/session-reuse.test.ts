import { describe, expect, it } from 'vitest';
import { toolPrompts, toolStages } from '../tools/chat-seams';
import { silentLogger } from '../util/logger';
import { ChatEngine, type ChatSettings } from './chat-engine';
import type { TracePatch } from './ports';
import {
  chatSettings,
  FakePool,
  finish,
  MapReuse,
  neutral,
  playRequest,
  type Script,
  ScriptedClient,
  text,
} from './testing/fakes';
import type { NeutralMessage, NeutralRequest } from './types';

// The reuse stage through the engine, on fakes: which turns are replies, which are replays and
// why, and what goes up. The e2e tests prove the same against the simulator.

const TOOLS = [
  { name: 'look', parameters: { type: 'object', properties: { q: { type: 'string' } } } },
];
const CALL = '```tool_call\n{"name":"look","arguments":{"q":"x"}}\n```';

function engine(pool: FakePool, store: MapReuse, over: Partial<ChatSettings> = {}) {
  return new ChatEngine({
    pool,
    sessions: store,
    prompts: toolPrompts(),
    tools: toolStages,
    logger: silentLogger,
    estimateInput: () => 100,
    estimateText: (t) => Math.ceil(t.length / 4),
    settings: () => chatSettings(over),
  });
}

/** Calls a tool when the question has no result yet, else answers. */
const agent: Script = (r) =>
  r.questionText.includes('tool_result')
    ? [text('done'), finish('done')]
    : [text(CALL), finish('')];

interface Run {
  kinds: (string | undefined)[];
  notes: string[];
}

/** Plays requests, collecting the log's session kinds and notes; returns each request's reply. */
async function play(e: ChatEngine, req: NeutralRequest, run: Run): Promise<NeutralMessage> {
  const patch: TracePatch = {};
  const trace = {
    set: (p: TracePatch) => {
      if (p.note) run.notes.push(p.note);
      Object.assign(patch, p);
    },
    upstreamTool: () => undefined,
    event: () => undefined,
  };
  const { record, outcome } = await playRequest(e, req, { trace });
  if (outcome.kind !== 'ok') throw new Error(outcome.kind);
  run.kinds.push(patch.sessionKind);
  return { role: 'assistant', text: record.text, toolCalls: record.calls.map((c) => c.call) };
}

function withResult(history: NeutralMessage[], answer: NeutralMessage): NeutralMessage[] {
  const id = answer.toolCalls?.[0]?.id ?? '';
  return [
    ...history,
    answer,
    { role: 'tool', text: 'r', toolResult: { callId: id, content: 'r' } },
  ];
}

describe('session reuse across tool round trips', () => {
  it('replies with only the results, on the instance holding the session', async () => {
    const c = new ScriptedClient(agent);
    const e = engine(new FakePool([{ id: 'a', client: c }]), new MapReuse());
    const run: Run = { kinds: [], notes: [] };
    const first = neutral({ system: 'S', tools: TOOLS, messages: [{ role: 'user', text: 'go' }] });
    const answer = await play(e, first, run);
    await play(e, { ...first, messages: withResult(first.messages, answer) }, run);
    expect(run.kinds).toEqual(['new', 'reply']);
    expect(c.asked[1]).toMatchObject({ isReply: true, sessionId: 'sess-1' });
    expect(c.asked[1]?.questionText.startsWith('# Tool results\n```tool_result\n')).toBe(true);
    expect(c.asked[1]?.questionText).not.toContain('# Tools');
  });

  it('replays when the holding instance cannot take it, and keeps the session for later', async () => {
    const a = new ScriptedClient(agent);
    const b = new ScriptedClient(agent);
    const pool = new FakePool([
      { id: 'a', client: a },
      { id: 'b', client: b },
    ]);
    const store = new MapReuse();
    const e = engine(pool, store);
    const run: Run = { kinds: [], notes: [] };
    const first = neutral({ tools: TOOLS, messages: [{ role: 'user', text: 'go' }] });
    const answer = await play(e, first, run);
    const next = { ...first, messages: withResult(first.messages, answer) };
    pool.unavailable.add('a'); // cooling down: alive, but not leasable
    await play(e, next, run);
    pool.unavailable.delete('a');
    await play(e, next, run);
    expect(run.kinds).toEqual(['new', 'replay', 'reply']);
    expect(run.notes).toContain(
      'session replay: the instance holding its session (a) cannot take it now',
    );
    expect(b.asked[0]?.isReply).toBe(false);
    expect(a.asked[1]).toMatchObject({ isReply: true });
  });

  it('replays when the session is gone or busy, saying which', async () => {
    const c = new ScriptedClient(agent);
    const store = new MapReuse();
    const e = engine(new FakePool([{ id: 'a', client: c }]), store);
    const run: Run = { kinds: [], notes: [] };
    const first = neutral({ tools: TOOLS, messages: [{ role: 'user', text: 'go' }] });
    const answer = await play(e, first, run);
    store.invalidateInstance('a', 'logged-out');
    await play(e, { ...first, messages: withResult(first.messages, answer) }, run);
    expect(run.notes).toContain(
      'session replay: its Lingma session is gone (instance a logged-out)',
    );

    const again = await play(e, first, run);
    const next = { ...first, messages: withResult(first.messages, again) };
    const [x, y] = await Promise.all([play(e, next, run), play(e, next, run)]);
    expect([x.text, y.text]).toEqual(['done', 'done']);
    expect(run.kinds.slice(-2).sort()).toEqual(['replay', 'reply']);
    expect(run.notes).toContain(
      'session replay: its Lingma session is busy with another request of this conversation',
    );
  });

  it('never replies to a session whose child restarted after it was taken', async () => {
    const c = new ScriptedClient(agent);
    const pool = new FakePool([{ id: 'a', client: c }]);
    const store = new MapReuse();
    const e = engine(pool, store);
    const run: Run = { kinds: [], notes: [] };
    const first = neutral({ tools: TOOLS, messages: [{ role: 'user', text: 'go' }] });
    const answer = await play(e, first, run);
    // The child restarts while the request waits for its lease (same instance id, new child).
    pool.onAcquire = () => void store.invalidateInstance('a', 'restarted');
    await play(e, { ...first, messages: withResult(first.messages, answer) }, run);
    expect(run.kinds).toEqual(['new', 'replay']);
    expect(c.asked[1]?.isReply).toBe(false);
    expect(run.notes).toContain('session replay: its Lingma session is gone (instance a lost it)');
  });

  it('gives a session back when the request never reached it', async () => {
    const c = new ScriptedClient(agent);
    const pool = new FakePool([{ id: 'a', client: c }]);
    const store = new MapReuse();
    const e = engine(pool, store);
    const run: Run = { kinds: [], notes: [] };
    const first = neutral({ tools: TOOLS, messages: [{ role: 'user', text: 'go' }] });
    const answer = await play(e, first, run);
    const next = { ...first, messages: withResult(first.messages, answer) };
    pool.unavailable.add('a');
    await expect(play(e, next, run)).rejects.toThrow('no_capacity');
    pool.unavailable.delete('a');
    await play(e, next, run);
    expect(run.kinds).toEqual(['new', 'reply']);
  });

  it('replays a session that would outgrow the budget; refuses what cannot fit at all', async () => {
    const c = new ScriptedClient((r) =>
      r.questionText.includes('tool_result') && !r.questionText.includes('yyyy')
        ? [text('done'), finish('done')]
        : r.questionText.endsWith('yyy')
          ? [text('fine'), finish('fine')]
          : [text(CALL), finish('')],
    );
    const pool = new FakePool([{ id: 'a', client: c }]);
    const e = engine(pool, new MapReuse(), { contextBudgetTokens: 600 });
    const run: Run = { kinds: [], notes: [] };
    const req = neutral({ system: 'S', tools: TOOLS, messages: [{ role: 'user', text: 'go' }] });
    let messages = req.messages;
    const step = async (): Promise<NeutralMessage> => play(e, { ...req, messages }, run);
    messages = withResult(messages, await step());
    messages = [...messages, await step(), { role: 'user', text: `more ${'m'.repeat(600)}` }];
    const call2 = await step();
    messages = [
      ...messages,
      call2,
      { role: 'tool', text: 'y', toolResult: { callId: 'c2', content: 'y'.repeat(600) } },
    ];
    await step();
    expect(run.kinds).toEqual(['new', 'reply', 'reply', 'replay']);
    expect(run.notes[0]).toMatch(/would outgrow the context budget \(\d+ > 600 tokens\)/);
    expect(c.asked.at(-1)?.isReply).toBe(false);

    const acquired = pool.acquired.length;
    const huge = neutral({ system: 'z'.repeat(4000), messages: [{ role: 'user', text: 'go' }] });
    const { outcome } = await playRequest(e, huge);
    expect(outcome).toMatchObject({ kind: 'context_length_exceeded', limit: 600 });
    expect(outcome.kind === 'context_length_exceeded' && outcome.tokens).toBeGreaterThan(1000);
    expect(pool.acquired).toHaveLength(acquired);
  });

  it('sends a correction as a reply on the session holding the answer it corrects', async () => {
    let n = 0;
    const c = new ScriptedClient(() => {
      n += 1;
      return n === 1 ? [text('no call'), finish('')] : [text(CALL), finish('')];
    });
    const e = engine(new FakePool([{ id: 'a', client: c }]), new MapReuse());
    const req = neutral({ tools: TOOLS, toolChoice: { type: 'required' } });
    await play(e, req, { kinds: [], notes: [] });
    expect(c.asked.map((r) => r.isReply)).toEqual([false, true]);
    expect(c.asked[1]?.questionText).toContain('did not call any tool');
    expect(c.asked[1]?.questionText).not.toContain('# Tools');
  });
});
