import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAlive } from '../../lingma/process-tree';
import { startHarness, type Harness } from '../../testing/core-harness';

const SCENARIO = {
  rules: [
    // Accepted, then nothing: only chat/stop ends it (the sim sleeps on the turn's signal).
    { match: 'HANG-FIRST', faults: { firstDeltaDelayMs: 600_000 } },
    // Answers a little, then goes silent.
    { match: 'HANG-MID', answer: 'partial answer then silence', faults: { hangAfterDeltas: 3 } },
    {
      match: 'LONG-STREAM',
      answer: 'y'.repeat(2_000),
      faults: { deltaIntervalMs: 20, deltaSize: 4 },
    },
  ],
};

const json = { 'content-type': 'application/json' };

function chat(h: Harness, content: string, stream = false): Promise<Response> {
  return fetch(`${h.baseUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { ...json, authorization: `Bearer ${h.apiKey}` },
    body: JSON.stringify({ model: 'auto', stream, messages: [{ role: 'user', content }] }),
  });
}

function simLog(h: Harness): string {
  return readFileSync(join(h.workDir(h.accountIds[0] as string), 'logs', 'lingma.log'), 'utf8');
}

describe('a hung turn', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      accounts: ['alpha'],
      scenario: SCENARIO,
      settings: { server: { port: 0, firstEventTimeoutMs: 1_500, idleTimeoutMs: 1_500 } },
    });
  }, 60_000);
  afterAll(async () => h?.close());

  it('gets a 504 in its API shape within the timeout, is stopped upstream, and the account serves on', async () => {
    const started = Date.now();
    const r = await chat(h, 'HANG-FIRST please');
    const took = Date.now() - started;
    expect(r.status).toBe(504);
    expect(await r.json()).toMatchObject({
      error: { type: 'timeout_error', code: 'upstream_timeout' },
    });
    // The watchdog's limit, not the Lingma client's 30 s backstop behind it.
    expect(took).toBeGreaterThanOrEqual(1_400);
    expect(took).toBeLessThan(10_000);
    const after = Date.now();
    const next = await chat(h, 'hello again');
    expect(next.status).toBe(200);
    expect(Date.now() - after).toBeLessThan(5_000);
    expect(simLog(h)).toMatch(/chat\/stop/);
    const log = (await h.core.queryLogs({ limit: 2 })).entries;
    expect(log.map((e) => e.status)).toEqual([200, 504]);
  });

  it('mid-stream: the stream ends with a terminal timeout error event', async () => {
    const r = await chat(h, 'HANG-MID please', true);
    expect(r.status).toBe(200);
    const text = await r.text();
    expect(text).toContain('"content":"partia"');
    expect(text).toMatch(/"type":"timeout_error"/);
  });
});

describe('quitting with streams in flight', () => {
  it('ends open streams with a terminal error and leaves no Lingma child running', async () => {
    const h = await startHarness({ accounts: ['alpha'], scenario: SCENARIO });
    // The supervisor's pid records name every child it started.
    const run = join(h.dataDir, 'run');
    const pids = readdirSync(run)
      .filter((f) => f.endsWith('.json'))
      .map((f) => (JSON.parse(readFileSync(join(run, f), 'utf8')) as { pid: number }).pid);
    expect(pids.length).toBe(1);
    const r = await chat(h, 'LONG-STREAM now', true);
    const reader = r.body!.getReader();
    await reader.read();
    const stopping = h.close();
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    await stopping;
    expect(text).toMatch(/shutting down/);
    for (const pid of pids) expect(isAlive(pid)).toBe(false);
  }, 30_000);
});
