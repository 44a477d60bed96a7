import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_REPLY, type Msg } from './test-support/raw-rpc-client.js';
import {
  AGENT,
  askParams,
  closeSim,
  loginSim,
  openSim,
  readJsonl,
  type SimSession,
} from './test-support/sim-fixture.js';
import { writeScenario } from './testing.js';
import { SCENARIO as scenario } from './test-support/scenario-fixture.js';

let s: SimSession;
beforeAll(async () => {
  const path = writeScenario(mkdtempSync(join(tmpdir(), 'lingma-sim-')), scenario);
  s = await openSim({ env: { LINGMA_SIM_SCENARIO: path } });
  await loginSim(s.client);
});
afterAll(() => closeSim(s));

async function run(
  question: string,
  extra: Record<string, unknown> = {},
): Promise<{ finish: Msg; requestId: string }> {
  const p = askParams(question, extra);
  s.client.send('chat/ask', p);
  return { finish: await s.client.finish(String(p.requestId)), requestId: String(p.requestId) };
}

/** Tool steps run only in agent turns (§13.9). */
const agent = (question: string) => run(question, AGENT);

const syncStatuses = (id: string) =>
  s.client
    .pushes('tool/call/sync')
    .filter((m) => m.params?.toolCallId === id)
    .map((m) => m.params?.toolCallStatus);

describe('upstream tool events', () => {
  it('names the tool in the answer, waits for approval, then RUNNING → FINISHED', async () => {
    s.client.handler = (m) => {
      if (m.method === 'tool/call/sync' && m.params?.toolCallStatus === 'PENDING') {
        void s.client.request('tool/call/approve', {
          sessionId: m.params.sessionId,
          requestId: m.params.requestId,
          toolCallId: m.params.toolCallId,
          approval: true,
        });
      }
      return null;
    };
    const { requestId } = await agent('please run a command');
    expect(syncStatuses('tc-cmd')).toEqual(['PENDING', 'RUNNING', 'FINISHED']);
    const pushes = s.client
      .pushes('tool/call/sync')
      .filter((m) => m.params?.toolCallId === 'tc-cmd');
    const finished = pushes.at(-1)?.params ?? {};
    expect(finished).toMatchObject({
      requestId,
      projectPath: '/tmp/project',
      parameters: { command: 'ls' },
      results: [{ content: 'a.txt' }],
    });
    expect(finished).not.toHaveProperty('toolName');
    const answer = s.client.answerText(requestId);
    expect(answer).toMatch(
      /^Running it now\.\n```toolCall::run_in_terminal::tc-cmd(::\w+)?\n[\s\S]*```\nDone\.$/,
    );
    // The block reaches the client before the first card update for that id.
    let text = '';
    const blockAt = s.client.received.findIndex((m) => {
      if (m.method !== 'chat/answer' || m.params?.requestId !== requestId) return false;
      text = m.params.overwrite === true ? String(m.params.text) : text + String(m.params.text);
      return /toolCall::run_in_terminal::tc-cmd(::\w+)?\n/.test(text);
    });
    const firstSync = s.client.received.indexOf(pushes[0] as Msg);
    expect(blockAt).toBeGreaterThan(-1);
    expect(blockAt).toBeLessThan(firstSync);
    const approvals = readJsonl(s.sim, 'sim-events.jsonl').filter(
      (e) => e.event === 'tool/call/approve',
    );
    expect(approvals.at(-1)?.params).toMatchObject({ toolCallId: 'tc-cmd', approval: true });
  });

  it('cancels the tool when the client rejects it', async () => {
    s.client.handler = (m) => {
      if (m.method === 'tool/call/sync' && m.params?.toolCallStatus === 'PENDING') {
        void s.client.request('tool/call/approve', {
          sessionId: m.params.sessionId,
          requestId: m.params.requestId,
          toolCallId: m.params.toolCallId,
          approval: false,
        });
      }
      return null;
    };
    const before = syncStatuses('tc-cmd').length;
    const { finish } = await agent('run a command again');
    expect(syncStatuses('tc-cmd').slice(before)).toEqual(['PENDING', 'CANCELLED']);
    expect(finish.params?.statusCode).toBe(200);
    expect(s.sim.readLog()).toContain('tool/call/approve tc-cmd: false');
  });

  it('runs tool/invoke synchronously and asynchronously and records what the client sent', async () => {
    s.client.handler = (m) => {
      if (m.method !== 'tool/invoke') return null;
      if (m.params?.async !== true)
        return {
          toolCallId: m.params?.toolCallId,
          success: true,
          result: { content: 'file body' },
        };
      setTimeout(() => {
        void s.client.request('tool/invokeResult', {
          toolCallId: m.params?.toolCallId,
          name: m.params?.name,
          success: true,
          errorMessage: '',
          result: { problems: [] },
          startTime: Date.now(),
          timeConsuming: 3,
        });
      }, 20);
      return {};
    };
    const { requestId } = await agent('invoke tools please');
    const invokes = s.client.pushes('tool/invoke', requestId);
    expect(invokes.map((m) => [m.params?.name, m.params?.async])).toEqual([
      ['read_file', false],
      ['get_problems', true],
    ]);
    expect(invokes[0]?.params).toMatchObject({
      toolCallId: 'tc-sync',
      parameters: { filePath: '/tmp/a' },
    });
    const events = readJsonl(s.sim, 'sim-events.jsonl');
    const syncAnswer = events.find(
      (e) => e.event === 'tool/invoke/response' && e.toolCallId === 'tc-sync',
    );
    expect(syncAnswer?.outcome).toEqual({
      kind: 'result',
      result: { toolCallId: 'tc-sync', success: true, result: { content: 'file body' } },
    });
    expect(events.find((e) => e.event === 'tool/invokeResult')?.params).toMatchObject({
      toolCallId: 'tc-async',
      result: { problems: [] },
    });
    expect(s.client.answerText(requestId)).toContain('Both tools ran.');
    expect(s.sim.readLog()).not.toContain('no tool/invokeResult for tc-async');
  });

  it('lets the client stop a turn that waits on an unanswered tool/invoke', async () => {
    s.client.handler = (m) => (m.method === 'tool/invoke' ? NO_REPLY : null);
    // The sim waits up to 30 s for the response, far beyond the finish wait below: only a
    // working chat/stop can produce this finish in time.
    const p = askParams('invoke tools once more', AGENT);
    s.client.send('chat/ask', p);
    await s.client.waitFor(
      (m) => m.method === 'tool/invoke' && m.params?.requestId === p.requestId,
    );
    await s.client.request('chat/stop', { sessionId: '', requestId: p.requestId });
    expect((await s.client.finish(String(p.requestId))).params).toMatchObject({
      statusCode: 499,
      reason: 'stopped',
    });
  });

  it('skips tool steps in a plain chat turn (§13.9)', async () => {
    const before = s.client.pushes('tool/call/sync').length;
    const { requestId } = await run('run a command in chat mode');
    expect(s.client.pushes('tool/call/sync')).toHaveLength(before);
    expect(s.client.answerText(requestId)).toBe('Running it now.Done.');
    expect(s.sim.readLog()).toContain('tool step skipped: not an agent turn');
  });

  it('decodes tool/call/approve like a Go struct: string → error, missing → reject (§13.13)', async () => {
    const replies: Msg[] = [];
    s.client.handler = (m) => {
      if (m.method === 'tool/call/sync' && m.params?.toolCallStatus === 'PENDING') {
        const ids = { sessionId: m.params.sessionId, requestId: m.params.requestId };
        void (async () => {
          replies.push(
            await s.client.request('tool/call/approve', {
              ...ids,
              toolCallId: 'nope',
              approval: true,
            }),
            await s.client.request('tool/call/approve', {
              ...ids,
              toolCallId: m.params?.toolCallId,
              approval: 'true',
            }),
          );
          // Missing approval is the zero value: a rejection. `type` is ignored.
          s.client.notify('tool/call/approve', {
            ...ids,
            toolCallId: m.params?.toolCallId,
            type: 'tool_call',
          });
        })();
      }
      return null;
    };
    const before = syncStatuses('tc-cmd').length;
    const { requestId } = await agent('run a command strictly');
    expect(replies[0]?.result).toEqual({});
    expect(replies[1]?.error?.code).toBe(-32602);
    expect(syncStatuses('tc-cmd').slice(before)).toEqual(['PENDING', 'CANCELLED']);
    const log = s.sim.readLog();
    expect(log).toContain('approve for unknown or settled toolCallId "nope", ignore');
    expect(log).toContain('no approval field, read as false');
    const approvals = readJsonl(s.sim, 'sim-events.jsonl').filter(
      (e) => e.event === 'tool/call/approve',
    );
    expect(approvals.at(-1)).toMatchObject({ form: 'notification' });
    // After the one finish: REQUEST_FINISHED with an empty toolCallId closes the cards.
    const last = await s.client.waitFor(
      (m) =>
        m.method === 'tool/call/sync' &&
        m.params?.requestId === requestId &&
        m.params.toolCallStatus === 'REQUEST_FINISHED',
    );
    expect(last.params?.toolCallId).toBe('');
    const finishAt = s.client.received.findIndex(
      (m) => m.method === 'chat/finish' && m.params?.requestId === requestId,
    );
    expect(s.client.received.indexOf(last)).toBeGreaterThan(finishAt);
    expect(s.client.pushes('chat/finish', requestId)).toHaveLength(1);
  });

  it('answers tool/invokeResult with an OperateCommonResult (§13.14)', async () => {
    const taken = await s.client.request('tool/invokeResult', {
      toolCallId: 'whatever',
      success: true,
    });
    expect(taken.result).toEqual({ errorCode: null, errorMessage: null });
    const refused = await s.client.request('tool/invokeResult', { success: true });
    expect((refused.result as { errorCode: unknown }).errorCode).not.toBeNull();
  });

  it('shows agent steps, doing then done, including unknown names (§13.10)', async () => {
    s.client.handler = () => null;
    const { requestId } = await agent('template for steps');
    const steps = s.client
      .pushes('chat/process_step_callback', requestId)
      .map((m) => `${String(m.params?.step)}/${String(m.params?.status)}`);
    expect(steps).toContain('step_refine_query/doing');
    expect(steps).toContain('step_sim_unlisted_phase/done');
    expect(steps.at(-1)).toBe('step_end/done');
  });
});

describe('tool waits', () => {
  let t: SimSession;
  beforeAll(async () => {
    const path = writeScenario(mkdtempSync(join(tmpdir(), 'lingma-sim-')), scenario);
    t = await openSim({
      env: { LINGMA_SIM_SCENARIO: path, LINGMA_SIM_TOOL_WAIT_MS: '300' },
    });
    await loginSim(t.client);
  });
  afterAll(() => closeSim(t));

  it('marks an async tool ERROR when its tool/invokeResult never comes (§13.14)', async () => {
    t.client.handler = () => null;
    const p = askParams('invoke tools at last', AGENT);
    t.client.send('chat/ask', p);
    await t.client.finish(String(p.requestId));
    const states = t.client
      .pushes('tool/call/sync', String(p.requestId))
      .filter((m) => m.params?.toolCallId === 'tc-async')
      .map((m) => [m.params?.toolCallStatus, m.params?.errorCode]);
    expect(states).toEqual([['ERROR', 'TOOL_TIMEOUT']]);
  });
});
