/**
 * Issue 16, item 1, end to end over real HTTP: every request that reaches the gateway is in the
 * request log — refusals before routing (no/wrong key, Host, Origin, bad JSON, too large, unknown
 * route, invalid body) and the gateway's own answers — with the client from its user agent, the
 * key's name (never the key; a wrong key only as "lgw-3f…"), the session kind and the upstream
 * bytes; and a flood of wrong keys neither evicts real history nor grows without bound.
 */
import { request as httpRequest } from 'node:http';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../logs/types';
import { startHarness, type Harness } from '../../testing/core-harness';

let h: Harness;
const WRONG = 'lgw-3fXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX';

interface Sent {
  status: number;
  id: string;
}

/** A raw request (fetch cannot set Host). */
function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Sent> {
  const url = new URL(h.baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, method, path, headers, agent: false },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, id: String(res.headers['x-request-id']) }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function entry(id: string): Promise<LogEntry> {
  // The edge log records when the response closes: a moment after the client has it.
  for (let i = 0; i < 50; i++) {
    const e = (await h.core.getLog(id)) as unknown as LogEntry | null;
    if (e) return e;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no log entry ${id}`);
}

const chat = JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
const json = { 'content-type': 'application/json', 'user-agent': 'curl/8.5.0' };

describe('every request is logged (issue 16)', { timeout: 90_000 }, () => {
  beforeAll(async () => {
    h = await startHarness({ settings: { server: { port: 0, maxBodyBytes: 4096 } } });
  }, 60_000);
  afterAll(async () => h?.close());

  it('a wrong key: refused, with the client and only a safe hint of the key', async () => {
    const r = await send(
      'POST',
      '/v1/chat/completions',
      { ...json, authorization: `Bearer ${WRONG}` },
      chat,
    );
    expect(r.status).toBe(401);
    const e = await entry(r.id);
    expect(e).toMatchObject({
      status: 401,
      refused: 'wrong_key',
      keyHint: 'lgw-3f…',
      client: 'curl',
      clientVersion: '8.5.0',
      model: 'gpt-4o',
      endpoint: 'POST /v1/chat/completions',
      // The DTO carries the list row's `kind: message` form.
      error: expect.stringMatching(/^authentication: Invalid API key/),
    });
    expect(JSON.stringify(e)).not.toContain(WRONG.slice(0, 10));
    const none = await send('POST', '/v1/chat/completions', json, chat);
    expect(await entry(none.id)).toMatchObject({ status: 401, refused: 'no_key' });
  });

  it('Host, Origin, bad JSON, too large, unknown route: each refused with its kind', async () => {
    const auth = { ...json, authorization: `Bearer ${h.apiKey}` };
    const cases: Array<[Promise<Sent>, number, string]> = [
      [send('GET', '/v1/models', { ...auth, host: 'evil.example:80' }), 403, 'host'],
      [send('GET', '/v1/models', { ...auth, origin: 'https://evil.example' }), 403, 'origin'],
      [send('POST', '/v1/chat/completions', auth, '{"model":'), 400, 'invalid_json'],
      [
        send('POST', '/v1/chat/completions', auth, JSON.stringify({ pad: 'x'.repeat(8000) })),
        413,
        'too_large',
      ],
      [send('POST', '/chat/completions', auth, chat), 404, 'not_found'],
      [
        send('POST', '/v1/chat/completions', auth, '{"model":"m","messages":"no"}'),
        400,
        'validation',
      ],
    ];
    for (const [sent, status, refused] of cases) {
      const r = await sent;
      expect(r.status).toBe(status);
      expect(await entry(r.id)).toMatchObject({ status, refused });
    }
    const page = await h.core.queryLogs({ origin: 'refused', limit: 100 });
    expect(page.entries.every((s) => s.refused !== undefined)).toBe(true);
  });

  it("the gateway's own answers are logged with the key's name", async () => {
    const r = await send('GET', '/v1/models', { ...json, authorization: `Bearer ${h.apiKey}` });
    expect(r.status).toBe(200);
    const e = await entry(r.id);
    expect(e).toMatchObject({ status: 200, keyName: 'default', client: 'curl' });
    expect(e.refused).toBeUndefined();
    expect(JSON.stringify(e)).not.toContain(h.apiKey);
  });

  it('a chat: client and version, key name, session kind, upstream bytes, waterfall events', async () => {
    const client = new OpenAI({ baseURL: `${h.baseUrl}/v1`, apiKey: h.apiKey, maxRetries: 0 });
    const first = await client.chat.completions
      .create({ model: 'auto', messages: [{ role: 'user', content: 'hello there' }] })
      .withResponse();
    const e1 = await entry(first.response.headers.get('x-request-id') ?? '');
    expect(e1).toMatchObject({
      client: 'OpenAI SDK (JS)',
      keyName: 'default',
      sessionKind: 'new',
      upstreamAsks: 1,
    });
    expect(e1.clientVersion).toMatch(/^\d+\.\d+/);
    expect(e1.upstreamBytes).toBeGreaterThanOrEqual('hello there'.length);
    expect(e1.timeline.map((t) => t.kind)).toEqual(
      expect.arrayContaining(['lease', 'upstream:ask', 'upstream:first', 'upstream:end']),
    );
    const answer = first.data.choices[0]?.message.content ?? '';
    const follow = await client.chat.completions
      .create({
        model: 'auto',
        messages: [
          { role: 'user', content: 'hello there' },
          { role: 'assistant', content: answer },
          { role: 'user', content: 'and then?' },
        ],
      })
      .withResponse();
    const e2 = await entry(follow.response.headers.get('x-request-id') ?? '');
    expect(e2.sessionKind).toBe('reply');
    // Only the new question went up.
    expect(e2.upstreamBytes).toBeLessThan(e1.upstreamBytes ?? 0);
    const replay = await client.chat.completions
      .create({
        model: 'auto',
        messages: [
          { role: 'user', content: 'a conversation from elsewhere' },
          { role: 'assistant', content: 'that this gateway never saw' },
          { role: 'user', content: 'go on' },
        ],
      })
      .withResponse();
    expect(await entry(replay.response.headers.get('x-request-id') ?? '')).toMatchObject({
      sessionKind: 'replay',
    });
  });

  it('a flood of 1,500 wrong keys keeps every real entry and a bounded number of refusals', async () => {
    const served = (await h.core.queryLogs({ origin: 'served', limit: 1000 })).total ?? 0;
    expect(served).toBeGreaterThan(0);
    // Every key starts differently (the hint shows two characters), so none fold together.
    const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
    const keys = Array.from(
      { length: 1_500 },
      (_, i) => `lgw-${B62[Math.floor(i / 62)]}${B62[i % 62]}${'Z'.repeat(38)}`,
    );
    for (let i = 0; i < keys.length; i += 50) {
      const batch = keys
        .slice(i, i + 50)
        .map((k) =>
          send('GET', '/v1/models', { 'user-agent': 'flood/1.0', authorization: `Bearer ${k}` }),
        );
      for (const r of await Promise.all(batch)) expect(r.status).toBe(401);
    }
    await new Promise((r) => setTimeout(r, 100));
    expect((await h.core.queryLogs({ origin: 'served', limit: 1000 })).total).toBe(served);
    const refused = await h.core.queryLogs({ origin: 'refused', client: 'flood', limit: 1000 });
    // Distinct keys: no folding; the wrong-key kind keeps its newest 200 (the default bound).
    expect(refused.total).toBe(200);
    const stats = await h.api.logsStats({ since: 0, bucketMs: 86_400_000, split: 'none' });
    expect(stats.refusedSinceStart.wrong_key).toBeGreaterThanOrEqual(1_501);
  });
});
