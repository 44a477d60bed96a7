import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  askParams,
  firstModel,
  closeSim,
  loginSim,
  openSim,
  type SimSession,
} from './test-support/sim-fixture.js';
import { writeScenario, type StartSimulatorOptions } from './testing.js';

/** Starts a logged-in simulator with the given faults, runs `body`, always stops it. */
async function withSim(
  opts: StartSimulatorOptions,
  body: (s: SimSession) => Promise<void>,
): Promise<void> {
  const s = await openSim(opts);
  try {
    await loginSim(s.client);
    await body(s);
  } finally {
    await closeSim(s);
  }
}

async function ask(
  s: SimSession,
  question: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const p = askParams(question, extra);
  s.client.send('chat/ask', p);
  return String(p.requestId);
}

describe('faults', () => {
  it('exit-mid-stream: the process exits with code 1 after N deltas and never finishes', async () => {
    await withSim({ args: ['--sim-fault=exit-mid-stream:3'] }, async (s) => {
      const requestId = await ask(s, 'this answer is long enough to need many deltas');
      expect(await s.sim.exited).toBe(1);
      const deltas = s.client.pushes('chat/answer', requestId);
      expect(deltas.length).toBeGreaterThan(0);
      expect(deltas.length).toBeLessThanOrEqual(3);
      expect(s.client.pushes('chat/finish')).toHaveLength(0);
      expect(s.sim.readLog()).toContain('simulated crash after 3 deltas');
    });
  });

  it('malformed-frame: sends one broken frame per turn and carries on (env and per rule)', async () => {
    const scenario = writeScenario(mkdtempSync(join(tmpdir(), 'lingma-sim-')), {
      rules: [{ match: 'broken header', answer: 'fine', faults: { malformedFrame: 'bad-header' } }],
    });
    const env = { LINGMA_SIM_FAULTS: 'malformed-frame:bad-json', LINGMA_SIM_SCENARIO: scenario };
    await withSim({ env }, async (s) => {
      const a = await ask(s, 'first');
      await s.client.finish(a);
      expect(s.client.malformed).toHaveLength(1);
      expect(() => JSON.parse(s.client.malformed[0] ?? '') as unknown).toThrow();
      const model = await firstModel(s.client);
      expect(s.client.answerText(a)).toBe(`Simulated reply from ${model}, turn 1. You said: first`);
      const b = await ask(s, 'broken header please');
      await s.client.finish(b);
      expect(s.client.malformed).toHaveLength(2);
      expect(s.client.malformed[1]).toMatch(/^Content-Type: /);
      expect(s.client.answerText(b)).toBe('fine');
      expect(s.sim.readLog()).toContain('simulated malformed frame (bad-header)');
    });
  });

  it('quota: every turn ends with 429 "quota exceeded" and a reset time', async () => {
    await withSim({ args: ['--sim-fault=quota:60'] }, async (s) => {
      const requestId = await ask(s, 'anything');
      const finish = await s.client.finish(requestId);
      expect(finish.params).toMatchObject({ statusCode: 429, reason: 'quota exceeded' });
      expect(
        Number((finish.params?.extra as { quotaResetTime?: number }).quotaResetTime),
      ).toBeGreaterThan(Date.now());
      expect(s.client.pushes('chat/answer', requestId)).toHaveLength(0);
    });
  });

  it('hang + delta size: stops pushing after N small deltas until chat/stop', async () => {
    await withSim({ args: ['--sim-fault=hang:2,delta-size:2'] }, async (s) => {
      const requestId = await ask(s, 'hang on');
      await s.client.waitFor(
        (m) =>
          m.method === 'chat/answer' && m.params?.requestId === requestId && m.params.text !== '',
      );
      const deadline = Date.now() + 5000;
      while (!s.sim.readLog().includes('simulated hang after 2 deltas') && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 25));
      }
      expect(s.sim.readLog()).toContain('simulated hang after 2 deltas');
      const deltas = s.client.pushes('chat/answer', requestId);
      expect(deltas).toHaveLength(2);
      expect(deltas.every((d) => String(d.params?.text).length <= 2)).toBe(true);
      expect(s.client.pushes('chat/finish')).toHaveLength(0);
      await s.client.request('chat/stop', { sessionId: String(deltas[0]?.params?.sessionId) });
      expect((await s.client.finish(requestId)).params).toMatchObject({
        statusCode: 499,
        reason: 'stopped',
      });
    });
  });

  it("lagging: each turn streams the previous turn's answer (§8.2 off-by-one)", async () => {
    await withSim({ args: ['--sim-lagging'] }, async (s) => {
      const first = await ask(s, 'first question');
      await s.client.finish(first);
      expect(s.client.answerText(first)).toBe('');
      const second = await ask(s, 'OK');
      await s.client.finish(second);
      expect(s.client.answerText(second)).toBe(
        `Simulated reply from ${await firstModel(s.client)}, turn 1. You said: first question`,
      );
    });
  });
});
