import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../testing/core-harness';

let h: Harness;
const ADMIN = 'admin-token-0123456789abcdef';
const METRICS = 'metrics-token-0123456789abcdef';

beforeAll(async () => {
  h = await startHarness({
    accounts: ['alpha'],
    env: { ADMIN_TOKEN: ADMIN, METRICS_TOKEN: METRICS },
    settings: { server: { port: 0, maxBodyBytes: 64 * 1024 } },
  });
}, 60_000);
afterAll(async () => h?.close());

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

describe('operations endpoints and HTTP edge cases', () => {
  it('serves /healthz without auth and without secrets', async () => {
    const r = await fetch(`${h.baseUrl}/healthz`);
    expect(r.status).toBe(200);
    const body = (await r.json()) as {
      ok: boolean;
      ready: number;
      poolSize: number;
      instances: unknown[];
    };
    expect(body).toMatchObject({ ok: true, ready: 1, poolSize: 1 });
    expect(JSON.stringify(body)).not.toMatch(/pt-|rt-|lgw-/);
  });

  it('serves Prometheus metrics behind the metrics token', async () => {
    await fetch(`${h.baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { ...auth(h.apiKey), 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'count me' }] }),
    });
    expect((await fetch(`${h.baseUrl}/metrics`)).status).toBe(401);
    const r = await fetch(`${h.baseUrl}/metrics`, { headers: auth(METRICS) });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/plain');
    const text = await r.text();
    expect(text).toContain('lingma_gateway_requests_total{protocol="openai",status="200"}');
    expect(text).toMatch(
      /lingma_gateway_instance_state\{account="alpha",instance="alpha",state="ready"\} 1/,
    );
    expect(text).toContain('lingma_gateway_ttfb_seconds_bucket');
  });

  it('serves the admin API behind the admin token', async () => {
    expect((await fetch(`${h.baseUrl}/internal/stats`, { headers: auth(h.apiKey) })).status).toBe(
      401,
    );
    const stats = await fetch(`${h.baseUrl}/internal/stats`, { headers: auth(ADMIN) });
    expect(stats.status).toBe(200);
    const accounts = (await (
      await fetch(`${h.baseUrl}/internal/accounts`, { headers: auth(ADMIN) })
    ).json()) as {
      accounts: Array<{ state: string }>;
    };
    expect(accounts.accounts[0]?.state).toBe('ready');
    const logs = (await (
      await fetch(`${h.baseUrl}/internal/logs?limit=5`, { headers: auth(ADMIN) })
    ).json()) as {
      entries: Array<{ id: string }>;
    };
    expect(logs.entries.length).toBeGreaterThan(0);
    const one = await fetch(`${h.baseUrl}/internal/logs/${logs.entries[0]?.id}`, {
      headers: auth(ADMIN),
    });
    expect(one.status).toBe(200);
    const exp = await fetch(`${h.baseUrl}/internal/session/export`, {
      method: 'POST',
      headers: { ...auth(ADMIN), 'content-type': 'application/json' },
      body: JSON.stringify({ account: h.accountIds[0], passphrase: 'correct horse battery' }),
    });
    expect(exp.status).toBe(200);
    const bundle = (await exp.json()) as { bundle: string };
    // Encrypted: the login files' contents never appear in clear.
    expect(Buffer.from(bundle.bundle, 'base64').toString()).not.toContain('security_oauth_token');
    const raw = await fetch(`${h.baseUrl}/internal/models/raw`, { headers: auth(ADMIN) });
    expect(Object.keys((await raw.json()) as object)).toContain('chat');
  });

  it('answers in each API’s error shape: 404, 405, 400, 413', async () => {
    const nf = await fetch(`${h.baseUrl}/v1/nope`, { headers: auth(h.apiKey) });
    expect(nf.status).toBe(404);
    expect(((await nf.json()) as { error: { type: string } }).error.type).toBe(
      'invalid_request_error',
    );
    const na = await fetch(`${h.baseUrl}/v1/messages`, { headers: auth(h.apiKey) });
    expect(na.status).toBe(405);
    expect(await na.json()).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error' },
    });
    const bad = await fetch(`${h.baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { ...auth(h.apiKey), 'content-type': 'application/json' },
      body: '{"model": "auto", "messages": [',
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('x-request-id')).toMatch(/^req_/);
    const big = await fetch(`${h.baseUrl}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': h.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'auto',
        max_tokens: 5,
        messages: [{ role: 'user', content: 'x'.repeat(100_000) }],
      }),
    });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ type: 'error', error: { type: 'request_too_large' } });
  });

  it('never writes a key or token into the request log', async () => {
    const page = await h.core.queryLogs({ limit: 50 });
    for (const e of page.entries) {
      const full = JSON.stringify(await h.core.getLog(e.id));
      expect(full).not.toContain(h.apiKey);
      expect(full).not.toContain(ADMIN);
    }
  });
});
