/**
 * §13.4: the client's chat, run against the simulator with each chat/ask result timing pinned —
 * at once, only after the finish, never — so no reading of the evidence goes untested. (The
 * default, `mixed`, cycles them; these pin one each to say which one broke.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  playBrowserLogin,
  startSimulator,
  type RunningSimulator,
} from '../../../scripts/lingma-sim/testing';
import { LingmaClient } from './lingma-client';
import { collect } from './testing/client-fixture';

describe.each(['immediate', 'after-finish', 'never'])('chat/ask result: %s', (mode) => {
  let sim: RunningSimulator;
  let client: LingmaClient;
  beforeAll(async () => {
    sim = await startSimulator({ args: [`--sim-ask-result=${mode}`] });
    // A result timeout longer than the test's own: a client that waited for the result would
    // never finish a turn in the "never" mode.
    client = new LingmaClient({
      url: `ws://127.0.0.1:${sim.socketPort}/`,
      workspaceDir: '/tmp/ask-modes',
      chat: { ackTimeoutMs: 60_000, idleTimeoutMs: 10_000 },
    });
    await client.connect({ deadlineMs: 5_000 });
    await client.initialize();
    await playBrowserLogin((await client.generateLoginUrl()).loginUrl);
  });
  afterAll(async () => {
    await client?.close();
    await sim?.stop();
  });

  it('streams every turn to its finish, parallel turns and a follow-up included', async () => {
    const [a, b] = await Promise.all([
      collect(client.chat({ questionText: 'one' })),
      collect(client.chat({ questionText: 'two' })),
    ]);
    for (const r of [a, b]) {
      expect(r.error).toBeUndefined();
      expect(r.events.at(-1)).toMatchObject({ type: 'finish', statusCode: 200, synthetic: false });
    }
    const last = a.events.at(-1);
    const sessionId = last?.type === 'finish' ? last.sessionId : '';
    const follow = await collect(client.chat({ questionText: 'three', sessionId, isReply: true }));
    expect(follow.events.at(-1)).toMatchObject({ type: 'finish', sessionId });
    // Nothing waits on for a result after its turn ended (a pending call held the whole turn for
    // the result's timeout: ~1 KB per request in the memory benchmark, a whole prompt in real use).
    await new Promise((r) => setTimeout(r, 50));
    expect(client.pendingCalls).toBe(0);
  });
});
