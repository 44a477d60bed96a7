/**
 * The ACP flavour (§1, §5.2, §8.3): detected at initialize and chatted over session/new,
 * session/prompt and session/update — against the simulator's ACP mode as a real child process,
 * plus the detection corner the simulator does not take (an answer that names neither side).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  playBrowserLogin,
  startSimulator,
  type RunningSimulator,
} from '../../../scripts/lingma-sim/testing';
import { LingmaClient } from './lingma-client';
import { collect } from './testing/client-fixture';
import { FakePeer } from './testing/fake-peer';
import type { ChatEvent } from './types';

const THINKING = 'dashscope_qwen_plus_20250428_thinking';
let sim: RunningSimulator;
let client: LingmaClient;

const text = (events: ChatEvent[], type: 'text' | 'think'): string =>
  events
    .filter((e) => e.type === type)
    .map((e) => (e.type === 'text' || e.type === 'think' ? e.text : ''))
    .join('');

function finish(events: ChatEvent[]): Extract<ChatEvent, { type: 'finish' }> {
  const last = events.at(-1);
  if (last?.type !== 'finish') throw new Error(`no finish: ${JSON.stringify(last)}`);
  return last;
}

beforeAll(async () => {
  sim = await startSimulator({ args: ['--sim-flavour=acp'] });
  client = new LingmaClient({
    url: `ws://127.0.0.1:${sim.socketPort}/`,
    workspaceDir: '/tmp/acp-ws',
    chat: { idleTimeoutMs: 10_000, stepEndIdleMs: 300 },
  });
  await client.connect({ deadlineMs: 5_000 });
  await client.initialize();
  const { loginUrl } = await client.generateLoginUrl();
  await playBrowserLogin(loginUrl);
});
afterAll(async () => {
  await client?.close();
  await sim?.stop();
});

describe('ACP flavour through LingmaClient', () => {
  it('detects ACP when the LSP-style initialize is refused', () => {
    expect(client.flavour).toBe('acp');
    expect(sim.readLog()).toContain('initialize without protocolVersion 1 refused');
  });

  it('chats: thought chunks as reasoning, message chunks as text, chat_finish ends the turn', async () => {
    const { events, error } = await collect(
      client.chat({ questionText: 'hello over ACP', modelKey: THINKING }),
    );
    expect(error).toBeUndefined();
    expect(text(events, 'think')).toContain('hello over ACP');
    expect(text(events, 'text')).toBe(
      `Simulated reply from ${THINKING}, turn 1. You said: hello over ACP`,
    );
    const end = finish(events);
    expect(end).toMatchObject({ statusCode: 200, reason: 'end_turn', synthetic: false });
    expect(end.sessionId).not.toBe('');

    // A follow-up goes to the same session (session/new is not called again).
    const again = await collect(
      client.chat({ questionText: 'and again', sessionId: end.sessionId, isReply: true }),
    );
    expect(text(again.events, 'text')).toMatch(/turn 2\. You said: and again$/);
    expect(finish(again.events).sessionId).toBe(end.sessionId);
  });

  it('runs turns in parallel on their own sessions, and cancels one with session/cancel', async () => {
    const a = client.chat({ questionText: 'parallel a' });
    const b = client.chat({ questionText: 'parallel b' });
    const [ra, rb] = await Promise.all([collect(a), collect(b)]);
    expect(text(ra.events, 'text')).toMatch(/You said: parallel a$/);
    expect(text(rb.events, 'text')).toMatch(/You said: parallel b$/);
    expect(finish(ra.events).sessionId).not.toBe(finish(rb.events).sessionId);

    const c = client.chat({ questionText: 'to be cancelled' });
    const events: ChatEvent[] = [];
    for await (const ev of c) {
      events.push(ev);
      if (ev.type === 'text') await c.cancel();
    }
    expect(events.some((e) => e.type === 'finish')).toBe(false);
    await expect.poll(() => sim.readLog()).toMatch(/prompt stopped, request id: /);
  });
});

describe('flavour detection corners', () => {
  it('probes session/new when the initialize answer names neither flavour', async () => {
    const peer = await FakePeer.start();
    peer.handle('initialize', () => ({}));
    peer.handle('session/new', () => ({ sessionId: 'probe' }));
    const probe = new LingmaClient({ url: peer.url, workspaceDir: '/tmp/x' });
    await probe.connect({ deadlineMs: 2_000 });
    await probe.initialize();
    expect(probe.flavour).toBe('acp');
    await probe.close();
    await peer.close();
  });

  it('keeps the Cosy flavour for a serverInfo answer, and when forced', async () => {
    const peer = await FakePeer.start();
    peer.handle('initialize', () => ({ serverInfo: { name: 'lingma', version: '2.11.1' } }));
    const cosy = new LingmaClient({ url: peer.url, workspaceDir: '/tmp/x', flavour: 'auto' });
    await cosy.connect({ deadlineMs: 2_000 });
    await cosy.initialize();
    expect(cosy.flavour).toBe('cosy');
    expect(peer.sent('session/new')).toHaveLength(0);
    await cosy.close();
    await peer.close();
  });
});
