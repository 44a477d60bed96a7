import { createDecipheriv } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawRpcClient } from './test-support/raw-rpc-client.js';
import { closeSim, loginSim, openSim, type SimSession } from './test-support/sim-fixture.js';
import { playBrowserLogin, SIM_BIN } from './testing.js';

let s: SimSession;
beforeAll(async () => {
  s = await openSim();
});
afterAll(() => closeSim(s));

interface Status {
  status: number;
  name: string;
  id: string;
  accountId: string;
  token: string;
  refreshToken: string;
  expireTime: number;
  userType: string;
  whitelist: number;
}

async function status(client: RawRpcClient): Promise<Status> {
  return (await client.request('auth/status', {})).result as Status;
}

/** What any client of the real binary does: key = IV = first 16 characters of cache/id. */
function decryptUser(workDir: string): Record<string, unknown> {
  const id = readFileSync(join(workDir, 'cache', 'id'), 'utf8').trim();
  const key = Buffer.from(id.slice(0, 16), 'utf8');
  const d = createDecipheriv('aes-128-cbc', key, key);
  const blob = Buffer.from(readFileSync(join(workDir, 'cache', 'user'), 'utf8'), 'base64');
  return JSON.parse(Buffer.concat([d.update(blob), d.final()]).toString('utf8')) as Record<
    string,
    unknown
  >;
}

function getWithHost(
  port: number,
  path: string,
  host: string,
): Promise<{ status: number; body: string; location?: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body, location: res.headers.location }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser login', () => {
  let callbackUrl = '';

  it('starts logged out: status 1, empty tokens, no models', async () => {
    const st = await status(s.client);
    expect(st).toMatchObject({ status: 1, token: '', refreshToken: '' });
    expect((await s.client.request('config/queryModels', {})).result).toEqual({});
  });

  it('generates a login URL on a separate origin with the real query parameters', async () => {
    const gen = (await s.client.request('login/generateUrl', { loginDedicatedType: '' }))
      .result as Record<string, string>;
    expect(gen).toMatchObject({
      success: true,
      challengeMethod: 'S256',
      errorCode: '',
      errorMsg: '',
    });
    const url = new URL(gen.loginUrl ?? '');
    expect(url.hostname).toBe('127.0.0.1');
    expect(Number(url.port)).not.toBe(s.sim.httpPort);
    expect(url.pathname).toBe('/lingma/login');
    const q = url.searchParams;
    expect(q.get('nonce')).toBe(gen.nonce);
    expect(q.get('state')).toMatch(/^[0-9a-f]{32}$/);
    expect(q.get('port')).toBe(String(s.sim.httpPort));
    expect(q.get('challenge')).toBe(gen.challenge);
    expect(q.get('challenge_method')).toBe('S256');
    expect(q.get('machine_id')).toBe(
      readFileSync(join(s.sim.workDir, 'cache', 'id'), 'utf8').trim(),
    );
    const viaAuthLogin = (await s.client.request('auth/login', { loginType: '' })).result;
    expect(viaAuthLogin).toEqual({ url: expect.stringContaining('/lingma/login?'), success: true });
  });

  it('logs in through the HTML form, writes the cache and pushes auth/report + config/refreshModels', async () => {
    const gen = (await s.client.request('login/generateUrl', {})).result as {
      loginUrl: string;
      nonce: string;
    };
    const page = await playBrowserLogin(gen.loginUrl, { username: 'alice' });
    callbackUrl = page.callbackUrl;
    expect(page.status).toBe(200);
    expect(page.finalHtml).toContain('Login successful');
    const cb = new URL(callbackUrl);
    expect(`${cb.hostname}:${cb.port}${cb.pathname}`).toBe(
      `127.0.0.1:${s.sim.httpPort}/auth/callback`,
    );
    expect(cb.searchParams.get('state')).toBe(gen.nonce);

    const report = await s.client.waitFor((m) => m.method === 'auth/report');
    const refresh = await s.client.waitFor((m) => m.method === 'config/refreshModels');
    expect(report.id).not.toBeUndefined();
    expect(refresh.id).not.toBeUndefined();

    const st = await status(s.client);
    expect(st).toMatchObject({
      status: 2,
      name: 'alice',
      userType: 'personal_standard',
      whitelist: 3,
    });
    expect(st.token).toMatch(/^pt-/);
    expect(st.refreshToken).toMatch(/^rt-/);
    expect(st.expireTime).toBeGreaterThan(Date.now());

    const user = decryptUser(s.sim.workDir);
    expect(user).toMatchObject({
      name: 'alice',
      uid: st.id,
      aid: st.accountId,
      security_oauth_token: st.token,
      refresh_token: st.refreshToken,
    });
    for (const k of ['key', 'encrypt_user_info', 'user_type', 'organization_id', 'expire_time'])
      expect(user).toHaveProperty(k);
    expect(user.key).not.toBe('');
  });

  it('accepts a nonce only once, and never one it did not generate', async () => {
    const again = await fetch(callbackUrl);
    expect(again.status).toBe(400);
    const forged = new URL(callbackUrl);
    forged.searchParams.set('state', 'f'.repeat(32));
    expect((await fetch(forged)).status).toBe(400);
    expect(s.sim.readLog()).toContain('Invalid login nonce or consumed, ignore');
  });

  it('answers only for localhost and 127.0.0.1, and redirects /auth/start to the login site', async () => {
    const evil = await getWithHost(s.sim.httpPort, '/auth/start', 'evil.example');
    expect(evil.status).toBe(403);
    expect(evil.body).toContain('only localhost and 127.0.0.1 are allowed');
    const ok = await getWithHost(s.sim.httpPort, '/auth/start', `localhost:${s.sim.httpPort}`);
    expect(ok.status).toBe(302);
    expect(ok.location).toMatch(/\/lingma\/login\?nonce=/);
  });

  it('lists models per scene once logged in, from a real-looking catalogue without isDefault', async () => {
    const scenes = (await s.client.request('config/queryModels', {})).result as Record<
      string,
      { key: string; isReasoning: boolean }[]
    >;
    expect(Object.keys(scenes)).toEqual(expect.arrayContaining(['assistant', 'chat', 'developer']));
    const all = Object.values(scenes).flat();
    const keys = new Set(all.map((m) => m.key));
    expect(all.length).toBeGreaterThan(keys.size); // the same model appears in several scenes
    // The "Auto" entry comes first and its key depends on the account (§7, §13.15).
    expect(['auto', 'dashscope_qwen3_coder_default', 'org_auto']).toContain(scenes.chat?.[0]?.key);
    const reasoning = new Set(all.filter((m) => m.isReasoning).map((m) => m.key));
    expect([...reasoning]).toEqual(['dashscope_qwen_plus_20250428_thinking']);
    expect(all[0]).toEqual({
      key: expect.any(String),
      displayName: expect.any(String),
      format: 'openai',
      source: 'system',
      isReasoning: expect.any(Boolean),
      isVl: expect.any(Boolean),
      url: '',
      apiKey: '',
      model: '',
      baseUrl: '',
    });
  });

  it('offers a different catalogue per account, or the one pinned by --sim-catalogue', async () => {
    const firsts = new Set<string>();
    for (const catalogue of ['intl', 'auto', 'org']) {
      const pinned = await openSim({ args: [`--sim-catalogue=${catalogue}`] });
      try {
        await loginSim(pinned.client, 'pinned-user');
        const map = (await pinned.client.request('config/queryModels', {})).result as Record<
          string,
          { key: string }[]
        >;
        firsts.add(map.chat?.[0]?.key ?? '');
      } finally {
        await closeSim(pinned);
      }
    }
    expect([...firsts].sort()).toEqual(['auto', 'dashscope_qwen3_coder_default', 'org_auto']);
  });

  it('reports the login through the status command', () => {
    const r = spawnSync(
      process.execPath,
      [SIM_BIN, 'status', '-o', 'json', '--workDir', s.sim.workDir],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(r.stdout)).toMatchObject({
      logged_in: true,
      username: 'alice',
      user_type: 'personal_standard',
    });
  });
});

describe('login state lives in the workDir', () => {
  it('survives a restart, a copied workDir, and not a corrupted user file', async () => {
    const before = await status(s.client);
    const copy = mkdtempSync(join(tmpdir(), 'lingma-sim-copy-'));
    const broken = mkdtempSync(join(tmpdir(), 'lingma-sim-broken-'));
    cpSync(s.sim.workDir, copy, { recursive: true });
    cpSync(s.sim.workDir, broken, { recursive: true });
    writeFileSync(
      join(broken, 'cache', 'user'),
      Buffer.from('not a ciphertext at all!').toString('base64'),
    );
    await closeSim(s);

    for (const workDir of [s.sim.workDir, copy]) {
      const again = await openSim({ workDir });
      try {
        expect(await status(again.client)).toMatchObject({
          status: 2,
          name: 'alice',
          token: before.token,
        });
      } finally {
        await closeSim(again);
      }
    }
    const bad = await openSim({ workDir: broken });
    try {
      expect((await status(bad.client)).status).toBe(1);
      expect(bad.sim.readLog()).toContain('Unable to decrypt user info');
    } finally {
      await closeSim(bad);
    }
  });

  it('logout deletes cache/user and returns to status 1', async () => {
    s = await openSim({ workDir: s.sim.workDir });
    expect((await status(s.client)).status).toBe(2);
    await s.client.request('auth/logout', {});
    expect((await status(s.client)).status).toBe(1);
    expect(existsSync(join(s.sim.workDir, 'cache', 'user'))).toBe(false);
  });
});
