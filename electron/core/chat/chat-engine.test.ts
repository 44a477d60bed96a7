import { describe, expect, it } from 'vitest';
import { ApiError } from '../gateway/errors';
import { outcomeError } from '../gateway/outcome-error';
import { LingmaError } from '../lingma/types';
import { toolPrompts, toolStages } from '../tools/chat-seams';
import { silentLogger } from '../util/logger';
import { ChatEngine, type ChatSettings } from './chat-engine';
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
  texts,
} from './testing/fakes';
import type { OutEvent } from './types';

function engine(pool: FakePool, reuse = new MapReuse(), over: Partial<ChatSettings> = {}) {
  return new ChatEngine({
    pool,
    sessions: reuse,
    prompts: toolPrompts(),
    tools: toolStages,
    logger: silentLogger,
    estimateInput: () => 10,
    estimateText: (t) => Math.ceil(t.length / 4),
    settings: () => chatSettings(over),
  });
}

/** The events a client receives; a failed request throws the HTTP error the gateway sends. */
async function collect(e: ChatEngine, req = neutral(), keyId = 'k1'): Promise<OutEvent[]> {
  const { events, outcome } = await playRequest(e, req, { keyId });
  if (outcome.kind !== 'ok') throw outcomeError(outcome);
  return events;
}

describe('ChatEngine', () => {
  it('streams text and reasoning, then finishes with usage', async () => {
    const c = new ScriptedClient(() => [
      { type: 'think', text: 'hmm' },
      text('Hel'),
      text(''),
      text('lo'),
      finish('Hello'),
    ]);
    const evs = await collect(engine(new FakePool([{ id: 'a', client: c }])));
    expect(texts(evs)).toBe('Hello');
    expect(evs[0]).toEqual({ type: 'reasoning', text: 'hmm' });
    expect(evs.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 10 },
    });
    expect(c.asked[0]).toMatchObject({ questionText: 'hi', isReply: false, mode: 'chat' });
  });

  it('fails over to another account when the first dies before any output', async () => {
    const dead = new ScriptedClient(() => [new LingmaError('socket closed', 'connection_lost')]);
    const ok = new ScriptedClient(() => [text('fine'), finish('fine')]);
    const pool = new FakePool([
      { id: 'a', client: dead },
      { id: 'b', client: ok },
    ]);
    expect(texts(await collect(engine(pool)))).toBe('fine');
    expect(pool.outcomes).toEqual([
      { instanceId: 'a', outcome: { kind: 'connection_lost', message: 'socket closed' } },
      { instanceId: 'b', outcome: { kind: 'ok' } },
    ]);
    // The dead child is avoided; its instance may serve again once it runs a new one.
    expect(pool.acquired[1]?.exclude).toEqual([]);
    expect(pool.acquired[1]?.failedClients).toEqual([dead.api()]);
  });

  it('does not fail over once output was sent, and reports the error', async () => {
    const c = new ScriptedClient(() => [text('part'), new LingmaError('gone', 'connection_lost')]);
    const pool = new FakePool([
      { id: 'a', client: c },
      { id: 'b', client: new ScriptedClient(() => [finish('x')]) },
    ]);
    const { events: seen, outcome } = await playRequest(engine(pool), neutral());
    expect(outcome.kind === 'ok' ? outcome : outcomeError(outcome)).toBeInstanceOf(ApiError);
    expect(texts(seen)).toBe('part');
    expect(pool.acquired).toHaveLength(1);
  });

  it('puts a quota finish into cooldown and fails over', async () => {
    const quota = new ScriptedClient(() => [finish('', 429, 'quota exceeded')]);
    const pool = new FakePool([
      { id: 'a', client: quota },
      { id: 'b', client: new ScriptedClient(() => [text('ok'), finish('ok')]) },
    ]);
    expect(texts(await collect(engine(pool)))).toBe('ok');
    expect(pool.outcomes[0]?.outcome.kind).toBe('quota_exhausted');
  });

  it('gives a 429 when every account is out of quota', async () => {
    const pool = new FakePool([
      { id: 'a', client: new ScriptedClient(() => [finish('', 429, 'quota exceeded')]) },
    ]);
    await expect(collect(engine(pool))).rejects.toMatchObject({ status: 429 });
  });

  it('reuses the upstream session for the next turn and sends only the new message', async () => {
    const script: Script = (r) => [text(`answer ${r.isReply ? 'reply' : 'first'}`), finish('')];
    const c = new ScriptedClient(script);
    const reuse = new MapReuse();
    const e = engine(new FakePool([{ id: 'a', client: c }]), reuse);
    const first = await collect(e, neutral({ messages: [{ role: 'user', text: 'one' }] }));
    expect(texts(first)).toBe('answer first');
    await collect(
      e,
      neutral({
        messages: [
          { role: 'user', text: 'one' },
          { role: 'assistant', text: 'answer first' },
          { role: 'user', text: 'two' },
        ],
      }),
    );
    expect(c.asked[1]).toMatchObject({ questionText: 'two', isReply: true, sessionId: 'sess-1' });
    expect(reuse.hits).toBe(1);
    // Another API key never shares the session.
    await collect(
      e,
      neutral({
        messages: [
          { role: 'user', text: 'one' },
          { role: 'assistant', text: 'answer first' },
          { role: 'user', text: 'two' },
        ],
      }),
      'other-key',
    );
    expect(c.asked[2]?.isReply).toBe(false);
  });

  it('turns tool_call blocks into calls and retries an invalid one once', async () => {
    let n = 0;
    const c = new ScriptedClient(() => {
      n += 1;
      return n === 1
        ? [text('```tool_call\n{"name":"get_weather","arguments":{}}\n```'), finish('')]
        : [
            text('```tool_call\n{"name":"get_weather","arguments":{"city":"Oslo"}}\n```'),
            finish(''),
          ];
    });
    const tools = [
      {
        name: 'get_weather',
        parameters: {
          type: 'object',
          properties: { city: { type: 'string' } },
          required: ['city'],
        },
      },
    ];
    const evs = await collect(engine(new FakePool([{ id: 'a', client: c }])), neutral({ tools }));
    const calls = evs.filter((e) => e.type === 'tool_call');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ call: { name: 'get_weather', arguments: '{"city":"Oslo"}' } });
    expect(evs.at(-1)).toMatchObject({ finishReason: 'tool_calls' });
    expect(c.asked).toHaveLength(2);
    expect(c.asked[1]?.questionText).toContain('city');
  });
  it("never shows Lingma's tool-card markup to the client", async () => {
    const c = new ScriptedClient(() => [
      text('Reading.\n```toolCall::read_file::tc1::INIT\n{"filePath":"a"}'),
      text('\n```\nDone.'),
      finish(''),
    ]);
    const evs = await collect(engine(new FakePool([{ id: 'a', client: c }])));
    expect(texts(evs)).toBe('Reading.\nDone.');
  });
  it('ignores client tools when emulation is off', async () => {
    const c = new ScriptedClient(() => [text('plain'), finish('')]);
    const e = engine(new FakePool([{ id: 'a', client: c }]), new MapReuse(), {
      toolEmulation: false,
    });
    const tools = [{ name: 'get_weather', parameters: { type: 'object' } }];
    const evs = await collect(e, neutral({ tools }));
    expect(texts(evs)).toBe('plain');
    expect(c.asked[0]?.questionText).not.toContain('get_weather');
  });
});

describe('ChatEngine: hangs and crashes', () => {
  const hung = () => new LingmaError('Lingma gave no answer within 30 s', 'timeout');

  it('answers a timed-out turn with a 504 and does not replay it on another account', async () => {
    const pool = new FakePool([
      { id: 'a', client: new ScriptedClient(() => [hung()]) },
      { id: 'b', client: new ScriptedClient(() => [text('ok'), finish('ok')]) },
    ]);
    await expect(collect(engine(pool))).rejects.toMatchObject({
      status: 504,
      kind: 'timeout',
      code: 'upstream_timeout',
    });
    expect(pool.acquired).toHaveLength(1);
    expect(pool.outcomes[0]?.outcome.kind).toBe('timeout');
  });

  it('replays a timed-out turn only when failoverOnTimeout says so', async () => {
    const pool = new FakePool([
      { id: 'a', client: new ScriptedClient(() => [hung()]) },
      { id: 'b', client: new ScriptedClient(() => [text('ok'), finish('ok')]) },
    ]);
    const evs = await collect(engine(pool, new MapReuse(), { failoverOnTimeout: true }));
    expect(texts(evs)).toBe('ok');
    expect(pool.outcomes.map((o) => o.outcome.kind)).toEqual(['timeout', 'ok']);
  });

  it('replays a non-streamed request whose child died mid-answer (nothing reached the client)', async () => {
    const pool = new FakePool([
      {
        id: 'a',
        client: new ScriptedClient(() => [
          text('half an '),
          new LingmaError('gone', 'connection_lost'),
        ]),
      },
      { id: 'b', client: new ScriptedClient(() => [text('whole answer'), finish('whole answer')]) },
    ]);
    const evs = await collect(engine(pool), neutral({ stream: false }));
    expect(texts(evs)).toBe('whole answer');
    expect(pool.outcomes.map((o) => o.outcome.kind)).toEqual(['connection_lost', 'ok']);
  });

  const crashing = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      id: `dead${i}`,
      client: new ScriptedClient(() => [new LingmaError('websocket closed', 'connection_lost')]),
    }));

  it('a crash is not the request’s fault: replayed past maxFailovers, up to maxCrashReplays', async () => {
    const pool = new FakePool([
      ...crashing(4),
      { id: 'ok', client: new ScriptedClient(() => [text('fine'), finish('fine')]) },
    ]);
    expect(texts(await collect(engine(pool), neutral({ stream: false })))).toBe('fine');
    expect(pool.outcomes.map((o) => o.outcome.kind)).toEqual([
      ...Array<string>(4).fill('connection_lost'),
      'ok',
    ]);
  });

  it('a question that crashes every child it reaches stops after maxCrashReplays (502)', async () => {
    const pool = new FakePool([
      ...crashing(5),
      { id: 'ok', client: new ScriptedClient(() => [text('fine'), finish('fine')]) },
    ]);
    await expect(collect(engine(pool))).rejects.toMatchObject({ status: 502 });
    expect(pool.acquired).toHaveLength(5);
  });

  it('other failures keep their own budget (maxFailovers)', async () => {
    const quota = () => new ScriptedClient(() => [finish('', 429, 'quota exceeded')]);
    const pool = new FakePool([
      { id: 'q1', client: quota() },
      { id: 'q2', client: quota() },
      { id: 'q3', client: quota() },
      { id: 'ok', client: new ScriptedClient(() => [text('fine'), finish('fine')]) },
    ]);
    await expect(collect(engine(pool))).rejects.toMatchObject({ status: 429 });
    expect(pool.acquired).toHaveLength(3);
  });
});
