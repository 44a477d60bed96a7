import OpenAI from 'openai';
import { readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../testing/core-harness';

let h: Harness;
let client: OpenAI;

const SCENARIO = {
  rules: [
    { match: 'SLOW-START', answer: 'finally {{question}}', faults: { firstDeltaDelayMs: 1500 } },
    {
      match: 'LONG-STREAM',
      answer: 'x'.repeat(400),
      faults: { deltaIntervalMs: 50, deltaSize: 4 },
    },
    { match: 'QUOTA-OUT', finish: { statusCode: 429, reason: 'quota exceeded' } },
  ],
};

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function askCount(accountId: string): number {
  try {
    return readFileSync(join(h.workDir(accountId), 'logs', 'sim-requests.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean).length;
  } catch {
    return 0;
  }
}

beforeAll(async () => {
  h = await startHarness({
    accounts: ['alpha', 'beta'],
    scenario: SCENARIO,
    settings: { routing: { strategy: 'fill-first', maxInFlight: 4, queueTimeoutMs: 30_000 } },
  });
  client = new OpenAI({ baseURL: `${h.baseUrl}/v1`, apiKey: h.apiKey, maxRetries: 0 });
}, 60_000);
afterAll(async () => h?.close());

describe('gateway resilience (two simulator accounts)', () => {
  it('rejects foreign Host and browser Origin headers before anything else', async () => {
    const url = new URL(`${h.baseUrl}/v1/models`);
    const viaHost = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          headers: { host: 'evil.example:80', authorization: `Bearer ${h.apiKey}` },
        },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end();
    });
    expect(viaHost).toBe(403);
    const viaOrigin = await fetch(url, {
      headers: { origin: 'https://evil.example', authorization: `Bearer ${h.apiKey}` },
    });
    expect(viaOrigin.status).toBe(403);
    expect(viaOrigin.headers.get('access-control-allow-origin')).toBeNull();
    const body = (await viaOrigin.json()) as { error: { type: string } };
    expect(body.error.type).toBe('permission_error');
  });

  it('fails over when the chosen account dies before the first byte', async () => {
    const alpha = h.accountIds[0] as string;
    const before = askCount(alpha);
    const pending = client.chat.completions.create({
      model: 'auto',
      messages: [{ role: 'user', content: 'SLOW-START one' }],
    });
    await until(() => askCount(alpha) > before);
    const pid = await instancePid(alpha);
    process.kill(pid, 'SIGKILL');
    const r = await pending;
    expect(r.choices[0]?.message.content).toContain('finally SLOW-START one');
    const log = await h.core.queryLogs({ limit: 1 });
    expect(log.entries[0]?.account).toBe('beta');
    await until(() => h.core.listAccounts().every((a) => a.state === 'ready'), 20_000);
  });

  it('frees the instance and stops upstream when the client disconnects', async () => {
    const controller = new AbortController();
    const stream = await client.chat.completions.create(
      { model: 'auto', stream: true, messages: [{ role: 'user', content: 'LONG-STREAM please' }] },
      { signal: controller.signal },
    );
    let chunks = 0;
    try {
      for await (const _ of stream) {
        chunks += 1;
        if (chunks === 3) controller.abort();
      }
    } catch {
      // The SDK may end the iteration with an abort error; either way the client is gone.
    }
    expect(chunks).toBeGreaterThanOrEqual(3);
    await until(() => h.core.gatewayStatus().inFlight === 0);
    // chat/stop is sent as the turn is cancelled, but it reaches the child's log a moment later.
    const stopped = (): boolean =>
      h.accountIds.some((id) => {
        try {
          return readFileSync(join(h.workDir(id), 'logs', 'lingma.log'), 'utf8').includes(
            'chat/stop',
          );
        } catch {
          return false;
        }
      });
    await until(stopped, 5_000);
    const last = (await h.core.queryLogs({ limit: 1 })).entries[0];
    expect(last?.status).toBe(499);
  });

  it('answers 429 with Retry-After when saturated', async () => {
    await h.core.updateSettings({ routing: { maxInFlight: 1, queueTimeoutMs: 200 } });
    try {
      const busy = client.chat.completions.create({
        model: 'auto',
        messages: [{ role: 'user', content: 'LONG-STREAM hold' }],
      });
      await until(() => h.core.gatewayStatus().inFlight === 1);
      const err = await client.chat.completions
        .create({ model: 'auto', messages: [{ role: 'user', content: 'second' }] })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OpenAI.RateLimitError);
      expect(
        Number((err as InstanceType<typeof OpenAI.RateLimitError>).headers?.get('retry-after')),
      ).toBeGreaterThan(0);
      await busy;
    } finally {
      await h.core.updateSettings({ routing: { maxInFlight: 4, queueTimeoutMs: 30_000 } });
    }
  });

  it('cools an account down after a quota finish and answers 429 when all are cooling', async () => {
    const err = await client.chat.completions
      .create({ model: 'auto', messages: [{ role: 'user', content: 'QUOTA-OUT now' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    const states = h.core.listAccounts().map((a) => a.state);
    expect(states).toEqual(['cooling-down', 'cooling-down']);
    const again = await client.chat.completions
      .create({ model: 'auto', messages: [{ role: 'user', content: 'hello' }] })
      .catch((e: unknown) => e);
    expect(again).toBeInstanceOf(OpenAI.RateLimitError);
    expect(
      Number((again as InstanceType<typeof OpenAI.RateLimitError>).headers?.get('retry-after')),
    ).toBeGreaterThan(0);
  });
});

async function instancePid(accountId: string): Promise<number> {
  // /healthz is unauthenticated and exposes no pids; the supervisor's pid registry has them.
  const dir = join(h.dataDir, 'run');
  const file = readdirSync(dir).find(
    (f) => f.includes(accountId) && f.endsWith('.json') && !f.includes('#'),
  );
  if (!file) throw new Error(`no pid record for ${accountId} in ${readdirSync(dir).join(', ')}`);
  const rec = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { pid?: number };
  if (!rec.pid) throw new Error(`no pid in ${file}`);
  return rec.pid;
}
