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
import { writeScenario, type SimScenario } from './testing.js';

const TOOL_ANSWER =
  'Let me check.\n```tool_call\n{"name":"get_weather","arguments":{"city":"Paris"}}\n```';

const scenario: SimScenario = {
  models: {
    chat: [{ key: 'auto' }, { key: 'sim_custom', displayName: 'Custom', isReasoning: true }],
    inline: [{ key: 'auto' }],
  },
  rules: [
    { match: 'weather', answer: TOOL_ANSWER },
    { match: '^exact\\s+CHUNKS$', regex: true, flags: 'im', chunks: ['one ', '', 'two {{turn}}'] },
    {
      match: 'template',
      answer: '{{model}}|{{turn}}|{{question}}',
      think: 'pondering {{question}}',
    },
    {
      match: 'run a command',
      steps: [
        { say: 'Running it now.' },
        {
          tool: {
            name: 'run_in_terminal',
            toolCallId: 'tc-cmd',
            parameters: { command: 'ls' },
            needsApproval: true,
            results: [{ content: 'a.txt' }],
          },
        },
        { say: 'Done.' },
      ],
    },
    {
      match: 'invoke tools',
      steps: [
        {
          invoke: { name: 'read_file', toolCallId: 'tc-sync', parameters: { filePath: '/tmp/a' } },
        },
        { invoke: { name: 'get_problems', toolCallId: 'tc-async', async: true } },
        { say: 'Both tools ran.' },
      ],
    },
    {
      match: 'out of quota',
      finish: {
        statusCode: 429,
        reason: 'quota exceeded',
        extra: { quotaResetTime: 1_900_000_000_000 },
      },
    },
  ],
};

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
  await s.client.request('chat/ask', p);
  return { finish: await s.client.finish(String(p.requestId)), requestId: String(p.requestId) };
}

const syncStatuses = (id: string) =>
  s.client
    .pushes('tool/call/sync')
    .filter((m) => m.params?.toolCallId === id)
    .map((m) => m.params?.toolCallStatus);

describe('scenario rules', () => {
  it('streams a scripted tool_call answer verbatim', async () => {
    const { finish, requestId } = await run('what is the weather in Paris?');
    expect(s.client.answerText(requestId)).toBe(TOOL_ANSWER);
    expect(finish.params).toMatchObject({ statusCode: 200, fullAnswer: TOOL_ANSWER });
  });

  it('uses exact chunks, regex flags and templates', async () => {
    const chunked = await run('ignored line\nEXACT chunks');
    expect(s.client.pushes('chat/answer', chunked.requestId).map((m) => m.params?.text)).toEqual([
      'one ',
      '',
      'two 1',
    ]);
    const t = await run('a template\nlast line', { extra: { modelConfig: { key: 'sim_custom' } } });
    expect(s.client.answerText(t.requestId)).toBe('sim_custom|1|last line');
    const think = s.client
      .pushes('chat/think', t.requestId)
      .map((m) => m.params?.text)
      .join('');
    expect(think).toBe('pondering last line');
  });

  it('serves the scenario model list', async () => {
    const scenes = (await s.client.request('config/queryModels', {})).result as Record<
      string,
      { key: string }[]
    >;
    expect(Object.keys(scenes)).toEqual(['chat', 'inline']);
    expect(scenes.chat?.map((m) => m.key)).toEqual(['auto', 'sim_custom']);
  });

  it('ends with a custom quota finish and no answer', async () => {
    const { finish, requestId } = await run('we are out of quota');
    expect(finish.params).toMatchObject({
      statusCode: 429,
      reason: 'quota exceeded',
      extra: { quotaResetTime: 1_900_000_000_000 },
    });
    expect(s.client.answerText(requestId)).toBe('');
  });
});

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
    const { requestId } = await run('please run a command');
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
      /^Running it now\.\n```toolCall::run_in_terminal::tc-cmd::\w+\n[\s\S]*```\nDone\.$/,
    );
    // The block reaches the client before the first card update for that id.
    let text = '';
    const blockAt = s.client.received.findIndex((m) => {
      if (m.method !== 'chat/answer' || m.params?.requestId !== requestId) return false;
      text = m.params.overwrite === true ? String(m.params.text) : text + String(m.params.text);
      return /toolCall::run_in_terminal::tc-cmd::\w+\n/.test(text);
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
    const { finish } = await run('run a command again');
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
    const { requestId } = await run('invoke tools please');
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
    const p = askParams('invoke tools once more');
    await s.client.request('chat/ask', p);
    await s.client.waitFor(
      (m) => m.method === 'tool/invoke' && m.params?.requestId === p.requestId,
    );
    await s.client.request('chat/stop', { sessionId: '', requestId: p.requestId });
    expect((await s.client.finish(String(p.requestId))).params).toMatchObject({
      statusCode: 499,
      reason: 'stopped',
    });
  });
});
