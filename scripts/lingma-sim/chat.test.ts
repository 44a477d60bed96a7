import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_REPLY, type Msg } from './test-support/raw-rpc-client.js';
import {
  askParams,
  closeSim,
  loginSim,
  openSim,
  readJsonl,
  type SimSession,
} from './test-support/sim-fixture.js';
import { writeScenario } from './testing.js';

const THINKING = 'dashscope_qwen_plus_20250428_thinking';
let s: SimSession;
beforeAll(async () => {
  const scenario = writeScenario(mkdtempSync(join(tmpdir(), 'lingma-sim-')), {
    rules: [{ match: 'take your time', faults: { firstDeltaDelayMs: 60_000 } }],
  });
  s = await openSim({ env: { LINGMA_SIM_SCENARIO: scenario } });
  await loginSim(s.client);
});
afterAll(() => closeSim(s));

async function ask(params: Record<string, unknown>): Promise<{ finish: Msg; requestId: string }> {
  const requestId = String(params.requestId);
  const reply = await s.client.request('chat/ask', params);
  expect(reply.result).toEqual({
    requestId,
    isSuccess: true,
    success: true,
    status: 'ok',
    errorMessage: '',
  });
  return { finish: await s.client.finish(requestId), requestId };
}

describe('chat/ask streaming', () => {
  it('pushes step, title, answer deltas and finish as requests with ids', async () => {
    const q = 'System: be brief\nUser: what is the capital of France?';
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
      'Simulated reply from auto, turn 1. You said: User: what is the capital of France?',
    );
    expect(finish.params).toMatchObject({
      statusCode: 200,
      reason: '',
      fullAnswer: answer,
      extra: {},
    });
    const steps = s.client
      .pushes('chat/process_step_callback', requestId)
      .map((m) => `${String(m.params?.step)}/${String(m.params?.status)}`);
    expect(steps).toEqual(['step_start/doing', 'step_start/done', 'step_end/done']);

    const recorded = readJsonl(s.sim, 'sim-requests.jsonl').at(-1);
    expect(recorded?.params).toEqual(askParams(q, { requestId }));
    expect(s.sim.readLog()).toContain(`Async chat, request id: ${requestId}`);
  });

  it('continues a session on isReply and shows the turn count and model', async () => {
    const first = await ask(askParams('first question'));
    const sessionId = String(first.finish.params?.sessionId);
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
    const fresh = await ask(askParams('another topic'));
    expect(fresh.finish.params?.sessionId).not.toBe(sessionId);

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

  it('streams chat/think for the reasoning model', async () => {
    const { requestId } = await ask(
      askParams('think hard', { extra: { modelConfig: { key: THINKING } } }),
    );
    const think = s.client.pushes('chat/think', requestId);
    expect(think.at(-1)?.params).toMatchObject({ step: 'done', text: '' });
    expect(
      think
        .slice(0, -1)
        .map((m) => m.params?.text)
        .join(''),
    ).toContain('think hard');
    expect(think.every((m) => m.params?.sessionId !== undefined && m.id !== undefined)).toBe(true);
  });

  it('queues a second turn on the same connection until the first finishes', async () => {
    const a = askParams('queued one');
    const b = askParams('queued two');
    s.client.notify('chat/ask', a); // a notification works too
    await s.client.request('chat/ask', b);
    await s.client.finish(String(b.requestId));
    const idx = (pred: (m: Msg) => boolean) => s.client.received.findIndex(pred);
    const finishA = idx((m) => m.method === 'chat/finish' && m.params?.requestId === a.requestId);
    const firstB = idx((m) => m.params?.requestId === b.requestId);
    expect(finishA).toBeGreaterThan(-1);
    expect(firstB).toBeGreaterThan(finishA);
  });

  it('chat/stop ends a running turn with a non-200 "stopped" finish', async () => {
    const p = askParams('take your time');
    await s.client.request('chat/ask', p);
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
    await out.client.request('chat/ask', p);
    const finish = await out.client.finish(String(p.requestId));
    expect(finish.params).toMatchObject({ statusCode: 401, reason: 'not logged in' });
    expect(out.client.pushes('chat/answer')).toHaveLength(0);
    const step = out.client.pushes('chat/process_step_callback')[0];
    const line = `|Outbound| request ${String(step?.id)} chat/process_step_callback failed: no response from client, timeout reached`;
    const deadline = Date.now() + 5000;
    while (!out.sim.readLog().includes(line) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(out.sim.readLog()).toContain(line);
    // Answered pushes are not reported.
    expect(out.sim.readLog()).not.toContain('chat/finish failed');
  });
});
