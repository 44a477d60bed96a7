import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frame, RawRpcClient } from './test-support/raw-rpc-client.js';
import { closeSim, openSim, readJsonl, type SimSession } from './test-support/sim-fixture.js';

let s: SimSession;
beforeAll(async () => {
  s = await openSim();
});
afterAll(() => closeSim(s));

const ping = (id: number | string) => frame({ jsonrpc: '2.0', id, method: 'ping', params: {} });
const log = () => s.sim.readLog();

describe('framing', () => {
  it('answers initialize with serverInfo and ping with success (string and numeric ids)', async () => {
    const init = await s.client.request('initialize', { rootUri: 'file:///tmp/p' }, 'init-1');
    expect(init.result).toEqual({
      serverInfo: { name: 'lingma', version: expect.stringMatching(/-sim$/) },
      capabilities: {},
    });
    expect((await s.client.request('ping', {}, 7)).result).toEqual({ success: true });
  });

  it('handles several frames in one WebSocket message', async () => {
    const a = s.client.waitFor((m) => m.id === 11);
    const b = s.client.waitFor((m) => m.id === 12);
    s.client.sendRaw(ping(11) + ping(12));
    expect((await a).result).toEqual({ success: true });
    expect((await b).result).toEqual({ success: true });
  });

  it('reassembles a frame split across messages and counts UTF-8 bytes, not characters', async () => {
    const question = 'Grüße 你好 🌍 — split';
    const ask = frame({
      jsonrpc: '2.0',
      id: 21,
      method: 'chat/ask',
      params: { requestId: 'utf8-split', questionText: question },
    });
    // A ping right behind the multibyte body: a character count would swallow or garble it.
    const text = ask + ping(22);
    const cut = text.indexOf('你') + 1;
    const reply = s.client.waitFor((m) => m.id === 21);
    const pong = s.client.waitFor((m) => m.id === 22);
    for (const part of [text.slice(0, 7), text.slice(7, cut), text.slice(cut)])
      s.client.sendRaw(part);
    expect((await reply).result).toMatchObject({ requestId: 'utf8-split', success: true });
    expect((await pong).result).toEqual({ success: true });
    const recorded = readJsonl(s.sim, 'sim-requests.jsonl').find(
      (r) => (r.params as { requestId?: string }).requestId === 'utf8-split',
    );
    expect((recorded?.params as { questionText?: string }).questionText).toBe(question);
  });

  it('ignores bare JSON without a header, logs it, and keeps the connection', async () => {
    s.client.sendRaw(JSON.stringify({ jsonrpc: '2.0', id: 31, method: 'ping', params: {} }));
    expect((await s.client.request('ping', {}, 32)).result).toEqual({ success: true });
    expect(s.client.received.some((m) => m.id === 31)).toBe(false);
    expect(log()).toContain('Unknown message header');
  });

  it('answers a framed body that is not JSON with a parse error', async () => {
    const bad = s.client.waitFor((m) => m.error?.code === -32700);
    s.client.sendRaw('Content-Length: 5\r\n\r\n{bad}');
    expect((await bad).id).toBeNull();
    expect((await s.client.request('ping', {}, 33)).result).toEqual({ success: true });
  });
});

describe('methods', () => {
  it('treats initialized like 2.11.1: unknown method, logged, -32601 only when it has an id', async () => {
    s.client.notify('initialized', {});
    const withId = await s.client.request('initialized', {}, 41);
    expect(withId.error).toEqual({ code: -32601, message: 'method not found' });
    expect(log()).toContain('unknown method: initialized');
    expect(s.client.received.filter((m) => m.error?.code === -32601)).toHaveLength(1);
  });

  it('answers session/new and anything unknown with -32601 and logs the name', async () => {
    const acp = await s.client.request('session/new', { cwd: '/tmp', mcpServers: [] });
    expect(acp.error?.code).toBe(-32601);
    const other = await s.client.request('frob/nicate', {});
    expect(other.error).toEqual({ code: -32601, message: 'method not found' });
    expect(log()).toContain('unknown method: session/new');
    expect(log()).toContain('unknown method: frob/nicate');
  });

  it('serves several connections at once', async () => {
    const [a, b] = await Promise.all([
      RawRpcClient.connect(s.sim.socketPort),
      RawRpcClient.connect(s.sim.socketPort),
    ]);
    try {
      const [ra, rb] = await Promise.all([a.request('ping', {}, 1), b.request('ping', {}, 1)]);
      expect([ra.result, rb.result]).toEqual([{ success: true }, { success: true }]);
    } finally {
      a.close();
      b.close();
    }
  });
});
