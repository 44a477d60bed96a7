import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawRpcClient, type Msg } from './test-support/raw-rpc-client.js';
import { askParams, closeSim, type SimSession } from './test-support/sim-fixture.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { playBrowserLogin, startSimulator, writeScenario } from './testing.js';

const THINKING = 'dashscope_qwen_plus_20250428_thinking';
const RID = 'ai-coding/request-id';
let s: SimSession;

beforeAll(async () => {
  const scenario = writeScenario(mkdtempSync(join(tmpdir(), 'lingma-sim-')), {
    rules: [{ match: 'slowly', faults: { deltaIntervalMs: 40 } }],
  });
  const sim = await startSimulator({
    args: ['--sim-flavour=acp'],
    env: { LINGMA_SIM_SCENARIO: scenario },
  });
  const client = await RawRpcClient.connect(sim.socketPort);
  s = { sim, client };
});
afterAll(() => closeSim(s));

const updates = (rid: string): Array<Record<string, unknown>> =>
  s.client.received
    .filter(
      (m) =>
        m.method === 'session/update' &&
        (m.params?._meta as Record<string, unknown> | undefined)?.[RID] === rid,
    )
    .map((m) => m.params?.update as Record<string, unknown>);

function finished(rid: string): Promise<Msg> {
  return s.client.waitFor(
    (m) =>
      m.method === 'session/update' &&
      (m.params?._meta as Record<string, unknown> | undefined)?.[RID] === rid &&
      (m.params?.update as Record<string, unknown> | undefined)?.type === 'chat_finish',
  );
}

async function newSession(): Promise<string> {
  const r = (await s.client.request('session/new', { cwd: '/tmp', mcpServers: [], _meta: {} }))
    .result as { sessionId?: string; id?: string };
  return r.sessionId ?? r.id ?? '';
}

function prompt(sessionId: string, text: string, rid: string): number {
  return s.client.send('session/prompt', {
    sessionId,
    prompt: [{ type: 'text', text }],
    contextParams: [],
    _meta: { [RID]: rid, 'ai-coding/mode': 'chat' },
  });
}

describe('ACP flavour (§5.2, §8.3)', () => {
  it('refuses an LSP-style initialize and chat/ask; answers the ACP initialize', async () => {
    const lsp = await s.client.request('initialize', { processId: null, rootUri: 'file:///tmp' });
    expect(lsp.error?.code).toBe(-32602);
    const acp = await s.client.request('initialize', {
      protocolVersion: 1,
      clientCapabilities: {},
    });
    expect(acp.result).toMatchObject({ protocolVersion: 1 });
    const ask = await s.client.request('chat/ask', askParams('hi'));
    expect(ask.error?.code).toBe(-32601);
    const gen = (await s.client.request('login/generateUrl', {})).result as { loginUrl: string };
    expect((await playBrowserLogin(gen.loginUrl)).status).toBe(200);
  });

  it('streams thought and message chunks tagged with the request id, then chat_finish', async () => {
    const sessionId = await newSession();
    expect(
      (await s.client.request('session/set_model', { sessionId, modelId: THINKING })).result,
    ).toEqual({});
    const id = prompt(sessionId, 'explain ACP', 'rid-1');
    await finished('rid-1');
    const kinds = updates('rid-1').map((u) => u.sessionUpdate);
    expect(kinds[0]).toBe('agent_thought_chunk');
    expect(kinds).toContain('agent_message_chunk');
    const text = updates('rid-1')
      .filter((u) => u.sessionUpdate === 'agent_message_chunk')
      .map((u) => (u.content as { text: string }).text)
      .join('');
    expect(text).toBe(`Simulated reply from ${THINKING}, turn 1. You said: explain ACP`);
    const last = updates('rid-1').at(-1);
    expect(last).toMatchObject({ sessionUpdate: 'notification', type: 'chat_finish' });
    expect(updates('rid-1').some((u) => u.type === 'context_usage')).toBe(true);
    // Updates are notifications: nothing to answer.
    expect(
      s.client.received
        .filter((m) => m.method === 'session/update')
        .every((m) => m.id === undefined),
    ).toBe(true);
    // The prompt's own result, when it comes, comes after the finish.
    await new Promise((r) => setTimeout(r, 100));
    const reply = s.client.replyTo(id);
    if (reply) expect(reply.result).toEqual({ stopReason: 'end_turn' });
  });

  it('continues a session, refuses a second prompt on a busy one, and cancels', async () => {
    const sessionId = await newSession();
    prompt(sessionId, 'first', 'rid-a');
    await finished('rid-a');
    prompt(sessionId, 'answer this one slowly', 'rid-b');
    const busy = await s.client.request('session/prompt', {
      sessionId,
      prompt: [{ type: 'text', text: 'overlap' }],
      _meta: { [RID]: 'rid-c' },
    });
    expect(busy.error?.message).toContain('busy');
    s.client.notify('session/cancel', { sessionId });
    const end = await finished('rid-b');
    expect((end.params?.update as { data: { reason: string } }).data.reason).toBe('cancelled');
    prompt(sessionId, 'third', 'rid-d');
    await finished('rid-d');
    const text = updates('rid-d')
      .filter((u) => u.sessionUpdate === 'agent_message_chunk')
      .map((u) => (u.content as { text: string }).text)
      .join('');
    expect(text).toMatch(/turn 3\. You said: third$/);
  });
});
