import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_REPLY, type Msg } from './test-support/raw-rpc-client.js';
import {
  askParams,
  closeSim,
  firstModel,
  loginSim,
  openSim,
  readJsonl,
  type SimSession,
} from './test-support/sim-fixture.js';
import { writeScenario } from './testing.js';

const RESULT = { isSuccess: true, success: true, status: 'ok', errorMessage: '' };
let s: SimSession;
beforeAll(async () => {
  const scenario = writeScenario(mkdtempSync(join(tmpdir(), 'lingma-sim-')), {
    rules: [
      { match: 'take your time', faults: { firstDeltaDelayMs: 60_000 } },
      { match: 'slow talker', faults: { deltaIntervalMs: 30 } },
    ],
  });
  s = await openSim({ env: { LINGMA_SIM_SCENARIO: scenario } });
  await loginSim(s.client);
});
afterAll(() => closeSim(s));

/** Sends chat/ask without waiting for its result (which may come late or never, §13.4). */
async function ask(params: Record<string, unknown>): Promise<{ finish: Msg; requestId: string }> {
  const requestId = String(params.requestId);
  s.client.send('chat/ask', params);
  return { finish: await s.client.finish(requestId), requestId };
}

const settle = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('chat/ask streaming', () => {
  it('pushes step, title, answer deltas and finish as requests with ids', async () => {
    const q = 'System: be brief\nUser: what is the capital of France?';
    const model = await firstModel(s.client);
    const { finish, requestId } = await ask(askParams(q));
    const mine = s.client.received.filter(
      (m) => m.params?.requestId === requestId || m.method === 'session/title/update',
    );
    const methods = mine.map((m) => m.method);
    expect(methods[0]).toBe('chat/process_step_callback');
    expect(methods).toContain('session/title/update');
    expect(methods[methods.length - 1]).toBe('chat/finish');
    for (const m of mine) expect(m.id).toEqual(expect.any(Number));

    const deltas = s.client.pushes('chat/answer', requestId);
    expect(deltas.some((d) => d.params?.text === '')).toBe(true);
    expect(deltas.filter((d) => d.params?.overwrite === true)).toHaveLength(1);
    expect(deltas[0]?.params).toMatchObject({ isFiltered: false, extra: { sessionType: 'chat' } });
    const answer = s.client.answerText(requestId);
    expect(answer).toBe(
      `Simulated reply from ${model}, turn 1. You said: User: what is the capital of France?`,
    );
    expect(finish.params).toMatchObject({ statusCode: 200, reason: '', fullAnswer: answer });
    const steps = s.client
      .pushes('chat/process_step_callback', requestId)
      .map((m) => `${String(m.params?.step)}/${String(m.params?.status)}`);
    expect(steps).toEqual(['step_start/doing', 'step_start/done', 'step_end/done']);
    const recorded = readJsonl(s.sim, 'sim-requests.jsonl').at(-1);
    expect(recorded?.params).toEqual(askParams(q, { requestId }));
    expect(s.sim.readLog()).toContain(`Async chat, request id: ${requestId}`);
  });

  it('answers chat/ask at once, only after the finish, or never, and pushes before it (§13.4)', async () => {
    const asks = [askParams('one'), askParams('two'), askParams('three')];
    const ids = asks.map((p) => s.client.send('chat/ask', p));
    await Promise.all(asks.map((p) => s.client.finish(String(p.requestId))));
    await settle(300);
    const timings = readJsonl(s.sim, 'sim-requests.jsonl')
      .slice(-3)
      .map((r) => r.resultTiming);
    // mixed (the default) cycles the three timings request by request.
    expect([...timings].sort()).toEqual(['after-finish', 'immediate', 'never']);
    const at = (pred: (m: Msg) => boolean): number => s.client.received.findIndex(pred);
    asks.forEach((p, i) => {
      const id = ids[i] as number;
      const reply = s.client.replyTo(id);
      const firstPush = at((m) => m.method !== undefined && m.params?.requestId === p.requestId);
      const finish = at((m) => m.method === 'chat/finish' && m.params?.requestId === p.requestId);
      if (timings[i] === 'never') {
        expect(reply).toBeUndefined();
        return;
      }
      expect(reply?.result).toEqual({ requestId: p.requestId, ...RESULT });
      const replyAt = s.client.received.indexOf(reply as Msg);
      expect(firstPush).toBeLessThan(replyAt);
      if (timings[i] === 'after-finish') expect(replyAt).toBeGreaterThan(finish);
    });
  });

  it('continues a session only on isReply plus a sessionId from a finish (§13.8)', async () => {
    const first = await ask(askParams('first question', { sessionId: 'client-made-id' }));
    const sessionId = String(first.finish.params?.sessionId);
    // A new session never keeps an id the client sent: it must be read from the finish.
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    const second = await ask(
      askParams('second question', {
        sessionId,
        isReply: true,
        extra: { modelConfig: { key: 'dashscope_qwen_max_latest' } },
      }),
    );
    expect(second.finish.params?.sessionId).toBe(sessionId);
    expect(s.client.answerText(second.requestId)).toBe(
      'Simulated reply from dashscope_qwen_max_latest, turn 2. You said: second question',
    );
    // REPLY_TASK without isReply does not continue anything (CLAW only labels records with it).
    const task = await ask(askParams('third', { sessionId, chatTask: 'REPLY_TASK' }));
    expect(task.finish.params?.sessionId).not.toBe(sessionId);
    expect(s.sim.readLog()).toContain('chatTask REPLY_TASK is unverified');
    const detail = (await s.client.request('chat/getSessionById', { sessionId })).result as {
      chatRecords: unknown[];
    };
    expect(detail.chatRecords).toHaveLength(2);
    const list = (await s.client.request('chat/listAllSessions', {})).result as {
      sessionId: string;
    }[];
    expect(list.map((x) => x.sessionId)).toContain(sessionId);
    expect((await s.client.request('chat/deleteSessionById', { sessionId })).result).toEqual({
      success: true,
    });
  });

  it('treats a reply to an unknown session as a new session', async () => {
    const { finish, requestId } = await ask(
      askParams('hello again', { sessionId: 'no-such-session', isReply: true }),
    );
    expect(finish.params?.sessionId).not.toBe('no-such-session');
    expect(s.client.answerText(requestId)).toContain('turn 1');
    expect(s.sim.readLog()).toContain('reply to unknown session no-such-session');
  });

  it('answers unknown sessionType and chatTask values as plain chat and logs them (§13.9)', async () => {
    const { requestId } = await ask(
      askParams('plain please', { sessionType: 'agent', chatTask: 'chat', mode: 'agent' }),
    );
    expect(s.client.answerText(requestId)).toContain('You said: plain please');
    const steps = s.client
      .pushes('chat/process_step_callback', requestId)
      .map((m) => m.params?.step);
    expect(steps).toEqual(['step_start', 'step_start', 'step_end']);
    const log = s.sim.readLog();
    expect(log).toContain('unknown sessionType: "agent"');
    expect(log).toContain('unknown chatTask: "chat"');
  });

  it('runs turns of one connection in parallel, interleaving their pushes (§13.7)', async () => {
    const a = askParams('slow talker one');
    const b = askParams('slow talker two');
    s.client.notify('chat/ask', a); // a notification runs the turn too (PRED; H)
    s.client.send('chat/ask', b);
    await Promise.all([s.client.finish(String(a.requestId)), s.client.finish(String(b.requestId))]);
    const at = (rid: unknown, method: string) =>
      s.client.received.findIndex((m) => m.method === method && m.params?.requestId === rid);
    expect(at(b.requestId, 'chat/answer')).toBeLessThan(at(a.requestId, 'chat/finish'));
    expect(at(a.requestId, 'chat/answer')).toBeLessThan(at(b.requestId, 'chat/finish'));
  });

  it('lets two turns on one busy session see each other (§13.7, visibly wrong)', async () => {
    const { finish } = await ask(askParams('base'));
    const sessionId = finish.params?.sessionId;
    const a = askParams('slow talker left', { sessionId, isReply: true });
    const b = askParams('slow talker right', { sessionId, isReply: true });
    s.client.send('chat/ask', a);
    s.client.send('chat/ask', b);
    await Promise.all([s.client.finish(String(a.requestId)), s.client.finish(String(b.requestId))]);
    expect(s.client.answerText(String(b.requestId))).toContain('[mixed context: slow talker left]');
    expect(s.sim.readLog()).toMatch(/session \S+ is busy with request/);
  });

  it('chat/stop ends a running turn with a non-200 "stopped" finish', async () => {
    const p = askParams('take your time');
    s.client.send('chat/ask', p);
    await s.client.waitFor(
      (m) => m.method === 'chat/process_step_callback' && m.params?.requestId === p.requestId,
    );
    expect((await s.client.request('chat/stop', { requestId: p.requestId })).result).toEqual({
      success: true,
    });
    const finish = await s.client.finish(String(p.requestId));
    expect(finish.params).toMatchObject({ statusCode: 499, reason: 'stopped' });
  });
});

describe('logged out and unanswered pushes', () => {
  let out: SimSession;
  beforeAll(async () => {
    out = await openSim({ env: { LINGMA_SIM_REQUEST_TIMEOUT_MS: '300' } });
  });
  afterAll(() => closeSim(out));

  it('finishes with 401 "not logged in" and no answer; unanswered pushes time out in the log', async () => {
    out.client.handler = (m) => (m.method === 'chat/process_step_callback' ? NO_REPLY : null);
    const p = askParams('hello?');
    out.client.send('chat/ask', p);
    const finish = await out.client.finish(String(p.requestId));
    expect(finish.params).toMatchObject({ statusCode: 401, reason: 'not logged in' });
    expect(out.client.pushes('chat/answer')).toHaveLength(0);
    const step = out.client.pushes('chat/process_step_callback')[0];
    const line = `|Outbound| request ${String(step?.id)} chat/process_step_callback failed: no response from client, timeout reached`;
    const deadline = Date.now() + 5000;
    while (!out.sim.readLog().includes(line) && Date.now() < deadline) await settle(50);
    expect(out.sim.readLog()).toContain(line);
    // Answered pushes are not reported.
    expect(out.sim.readLog()).not.toContain('chat/finish failed');
  });
});
