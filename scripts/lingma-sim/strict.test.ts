/**
 * The §13 items not covered by the chat, scenario and login suites: reasoning inside answers,
 * routing to the asking connection only, the WebSocket Origin check, and login/auth_callback.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawRpcClient } from './test-support/raw-rpc-client.js';
import {
  askParams,
  closeSim,
  loginSim,
  openSim,
  type SimSession,
} from './test-support/sim-fixture.js';
import { playBrowserLogin, writeScenario } from './testing.js';

const THINKING = 'dashscope_qwen_plus_20250428_thinking';
let s: SimSession;
beforeAll(async () => {
  const scenario = writeScenario(mkdtempSync(join(tmpdir(), 'lingma-sim-')), {
    rules: [
      { match: 'cut off', think: 'still thinking about it', thinkForm: 'unclosed' },
      { match: 'long one', faults: { deltaIntervalMs: 40 } },
    ],
  });
  s = await openSim({ env: { LINGMA_SIM_SCENARIO: scenario } });
  await loginSim(s.client);
});
afterAll(() => closeSim(s));

async function ask(q: string, extra: Record<string, unknown> = {}): Promise<string> {
  const p = askParams(q, extra);
  s.client.send('chat/ask', p);
  await s.client.finish(String(p.requestId));
  return String(p.requestId);
}

describe('reasoning (§13.11)', () => {
  it('cycles chat/think, a think:: fence, <think> tags and a fence with ms, markers split', async () => {
    const model = { extra: { modelConfig: { key: THINKING } } };
    const ids: string[] = [];
    for (const q of ['a', 'b', 'c', 'd']) ids.push(await ask(`reason about ${q}`, model));
    const forms = ids.map((id) => {
      const text = s.client.answerText(id);
      if (s.client.pushes('chat/think', id).length > 0) return 'think';
      if (text.includes('````think::{THINK_TIME}\n')) return 'fence';
      if (/````think::\d+\n/.test(text)) return 'fence-ms';
      if (text.startsWith('<think>')) return 'tags';
      return 'none';
    });
    expect([...forms].sort()).toEqual(['fence', 'fence-ms', 'tags', 'think']);
    for (const id of ids) {
      // No single delta carries a whole marker: clients must join deltas before they look. (The
      // one overwrite delta repeats the whole answer so far, markers included.)
      for (const d of s.client.pushes('chat/answer', id).filter((m) => !m.params?.overwrite)) {
        expect(String(d.params?.text)).not.toMatch(/````think::|<\/think>/);
      }
    }
    const fenced = ids[forms.indexOf('fence')] as string;
    expect(s.client.answerText(fenced)).toMatch(/^\n````think::\{THINK_TIME\}\n.*\n````\n.+/s);
  });

  it('can finish while the fence is still open', async () => {
    const id = await ask('you got cut off');
    const finish = s.client.pushes('chat/finish', id)[0];
    expect(finish?.params?.fullAnswer).toBe('\n````think::{THINK_TIME}\nstill thinking about it');
    expect(finish?.params?.statusCode).toBe(200);
  });
});

describe('connections (§13.6, §13.18)', () => {
  it('pushes a turn only to the connection that asked, and drops them once it is gone', async () => {
    const other = await RawRpcClient.connect(s.sim.socketPort);
    try {
      const p = askParams('a long one for routing checks');
      other.send('chat/ask', p);
      await other.waitFor((m) => m.method === 'chat/answer' && m.params?.requestId === p.requestId);
      other.close();
      const deadline = Date.now() + 8000;
      while (!/Client \d+ is closed, ignore request/.test(s.sim.readLog())) {
        if (Date.now() > deadline) throw new Error('no "is closed" line');
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(s.client.pushes('chat/answer', String(p.requestId))).toHaveLength(0);
    } finally {
      other.close();
    }
  });

  it('refuses a WebSocket upgrade whose Origin names another host', async () => {
    const port = s.sim.socketPort;
    const refused = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/`, { origin: 'https://evil.example' });
      ws.once('open', () => resolve('open'));
      ws.once('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
      ws.once('error', () => resolve('error'));
    });
    expect(refused).not.toBe('open');
    expect(s.sim.readLog()).toContain('illegal websocket request has been denied');
    const matching = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/`, { origin: `http://127.0.0.1:${port}` });
      ws.once('open', () => {
        ws.close();
        resolve('open');
      });
      ws.once('error', () => resolve('error'));
    });
    expect(matching).toBe('open');
  });
});

describe('login/auth_callback (§6.2, §13.17)', () => {
  it('takes the pasted callback over RPC with the same single-use nonce rules', async () => {
    const fresh = await openSim();
    try {
      const gen = (await fresh.client.request('login/generateUrl', {})).result as {
        loginUrl: string;
        nonce: string;
      };
      // Stop at the callback, as a browser on another machine would (nothing listens there).
      const page = await playBrowserLogin(gen.loginUrl, { followCallback: false });
      const q = new URL(page.callbackUrl).searchParams;
      const values = { nonce: q.get('state'), auth: q.get('auth'), tokenString: q.get('token') };
      expect(`${values.auth ?? ''}${values.tokenString ?? ''}`).toMatch(/[#&%]/);
      const ok = await fresh.client.request('login/auth_callback', values);
      expect(ok.result).toEqual({ success: true, errorCode: '', errorMsg: '' });
      const again = await fresh.client.request('login/auth_callback', values);
      expect(again.result).toMatchObject({ success: false });
      expect(fresh.sim.readLog()).toContain('Invalid login nonce or consumed, ignore');
      const status = (await fresh.client.request('auth/status', {})).result as { status: number };
      expect(status.status).toBe(2);
    } finally {
      await closeSim(fresh);
    }
  });
});
