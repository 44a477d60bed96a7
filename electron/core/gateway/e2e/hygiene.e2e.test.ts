import { statSync, readdirSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../testing/core-harness';
import { redactRaw } from '../routes/internal/redact-raw';

let h: Harness;
const ADMIN = 'admin-token-hygiene-0123456789';
const posix = process.platform !== 'win32';

beforeAll(async () => {
  h = await startHarness({
    accounts: ['alpha'],
    env: { ADMIN_TOKEN: ADMIN },
    settings: { server: { port: 0, maxConnections: 64 } },
  });
}, 60_000);
afterAll(async () => h?.close());

const json = { 'content-type': 'application/json' };
const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
const chatBody = JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] });

/** Sends raw bytes and returns the raw response text (the socket is closed by the server). */
function raw(text: string): Promise<string> {
  const url = new URL(h.baseUrl);
  return new Promise((resolve, reject) => {
    const s = connect(Number(url.port), url.hostname, () => s.write(text));
    let out = '';
    s.on('data', (d) => (out += String(d)));
    s.on('close', () => resolve(out));
    s.on('error', reject);
  });
}

describe('bad input is answered in the API shape, never 5xx', () => {
  it('corrupt compressed bodies → 400, unknown encodings → 415', async () => {
    const corrupt = await fetch(`${h.baseUrl}/v1/messages`, {
      method: 'POST',
      headers: { ...json, 'x-api-key': h.apiKey, 'content-encoding': 'gzip' },
      body: 'definitely not gzip',
    });
    expect(corrupt.status).toBe(400);
    expect(await corrupt.json()).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error' },
    });
    const zstd = await fetch(`${h.baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { ...json, ...bearer(h.apiKey), 'content-encoding': 'zstd' },
      body: chatBody,
    });
    expect(zstd.status).toBe(415);
    const ok = await fetch(`${h.baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { ...json, ...bearer(h.apiKey), 'content-encoding': 'gzip' },
      body: gzipSync(chatBody),
    });
    expect(ok.status).toBe(200);
  });

  it('an unknown account on /internal is a 404', async () => {
    const r = await fetch(`${h.baseUrl}/internal/login/start`, {
      method: 'POST',
      headers: { ...json, ...bearer(ADMIN) },
      body: JSON.stringify({ account: 'nobody' }),
    });
    expect(r.status).toBe(404);
    const m = await fetch(`${h.baseUrl}/internal/models/raw?account=nobody`, {
      headers: bearer(ADMIN),
    });
    expect(m.status).toBe(404);
  });

  it('login starts racing for one account: each a URL or a 409, never a 5xx (found by the soak fuzz)', async () => {
    const start = () =>
      fetch(`${h.baseUrl}/internal/auto-login/start`, {
        method: 'POST',
        headers: { ...json, ...bearer(ADMIN) },
        body: JSON.stringify({ account: h.accountIds[0] }),
      });
    // Whether the starts overlap depends on timing (handlers/internal.test.ts pins the overlap).
    const replies = await Promise.all([start(), start(), start(), start()]);
    expect(replies.map((r) => r.status).every((s) => s === 200 || s === 409)).toBe(true);
    expect(replies.map((r) => r.status)).toContain(200);
    for (const r of replies.filter((x) => x.status === 409)) {
      expect(await r.json()).toMatchObject({
        error: { type: 'invalid_request_error', code: 'login_replaced' },
      });
    }
  });

  it('parser errors get a shaped reply: bad chunking 400 (Anthropic shape), huge headers 431', async () => {
    const chunked = await raw(
      `POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: ${h.apiKey}\r\n` +
        'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
    );
    expect(chunked).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(chunked.slice(chunked.indexOf('\r\n\r\n') + 4))).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error' },
    });
    const big = await raw(
      `GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`,
    );
    expect(big).toMatch(/^HTTP\/1\.1 431 /);
    expect(JSON.parse(big.slice(big.indexOf('\r\n\r\n') + 4))).toMatchObject({
      error: { type: 'invalid_request_error' },
    });
  });
});

describe('connection limits', () => {
  it('with the socket cap full of idle unauthenticated sockets, a keyed request is answered', async () => {
    const url = new URL(h.baseUrl);
    const idle: Socket[] = [];
    for (let i = 0; i < 150; i++) {
      idle.push(connect(Number(url.port), url.hostname));
      idle[i]?.on('error', () => undefined);
    }
    await new Promise((r) => setTimeout(r, 300));
    const r = await fetch(`${h.baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { ...json, ...bearer(h.apiKey) },
      body: chatBody,
    });
    expect(r.status).toBe(200);
    const closed = idle.filter((s) => s.destroyed || s.readyState === 'closed').length;
    expect(closed).toBeGreaterThan(50);
    for (const s of idle) s.destroy();
  });
});

describe('hygiene', () => {
  it('/healthz shows counts only without a token, instances with one', async () => {
    const open = (await (await fetch(`${h.baseUrl}/healthz`)).json()) as Record<string, unknown>;
    expect(open).toEqual({ ok: true, status: 'ok', poolSize: 1, ready: 1 });
    const full = (await (
      await fetch(`${h.baseUrl}/healthz`, { headers: bearer(ADMIN) })
    ).json()) as {
      instances: Array<{ accountId: string }>;
    };
    expect(full.instances[0]?.accountId).toBe(h.accountIds[0]);
  });

  it("the request id is always the server's; the client's is kept and findable", async () => {
    const send = () =>
      fetch(`${h.baseUrl}/v1/chat/completions`, {
        method: 'POST',
        headers: { ...json, ...bearer(h.apiKey), 'x-request-id': 'my-own-id' },
        body: chatBody,
      });
    const [a, b] = [await send(), await send()];
    const ids = [a.headers.get('x-request-id'), b.headers.get('x-request-id')];
    expect(ids[0]).toMatch(/^req_/);
    expect(ids[1]).not.toBe(ids[0]);
    const entry = (await h.core.getLog(ids[1] as string)) as unknown as {
      clientRequestId?: string;
    };
    expect(entry.clientRequestId).toBe('my-own-id');
    const byClientId = (await h.core.getLog('my-own-id')) as unknown as { id: string };
    expect(byClientId.id).toBe(ids[1]);
  });

  it('redacts keys, urls and tokens in /internal/models/raw but keeps model keys', async () => {
    const r = await fetch(`${h.baseUrl}/internal/models/raw`, { headers: bearer(ADMIN) });
    const text = await r.text();
    expect(text).toContain('"key"');
    expect(
      redactRaw({
        chat: [
          { key: 'byok', customModel: { parameters: { api_key: 'sk-1', base_url: 'https://x' } } },
        ],
        apiKey: 'sk-2',
        url: 'https://y',
        accessToken: 'pt-3',
      }),
    ).toEqual({
      chat: [
        {
          key: 'byok',
          customModel: { parameters: { api_key: '[redacted]', base_url: '[redacted]' } },
        },
      ],
      apiKey: '[redacted]',
      url: '[redacted]',
      accessToken: '[redacted]',
    });
  });

  it.runIf(posix)('request-log files are 0600 in a 0700 directory', async () => {
    const dir = join(h.dataDir, 'logs');
    // The writer flushes on a short timer; wait for the first file.
    const until = Date.now() + 5_000;
    while (!readdirSync(dir).some((f) => f.endsWith('.jsonl')) && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
  });
});
