import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, describe, expect, it } from 'vitest';
import {
  asShownInAddressBar,
  playBrowserLogin,
  SIM_BIN,
} from '../../../scripts/lingma-sim/testing';

const BIN = new URL('../../../bin/lingma-gateway.mjs', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'lgw-cli-'));
const env = {
  ...process.env,
  LINGMA_BIN: SIM_BIN,
  LINGMA_GATEWAY_HOME: dataDir,
  PORT: '0',
  API_KEYS: '',
};
const children: ChildProcess[] = [];

function run(args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Starts a long-running command and resolves with the first stdout/stderr line matching `re`. */
function start(
  args: string[],
  re: RegExp,
): Promise<{ child: ChildProcess; match: RegExpMatchArray }> {
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`no match for ${re}: ${text}`)), 45_000);
    const onData = (d: Buffer): void => {
      text += d.toString();
      const m = re.exec(text);
      if (m) {
        clearTimeout(timer);
        resolve({ child, match: m });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${text}`)));
  });
}

afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('headless CLI', () => {
  it('adds an account, logs it in through the printed URL, and serves it', async () => {
    const added = run(['accounts', 'add', 'work']);
    expect(added.code, added.err).toBe(0);
    expect(run(['accounts', 'list']).out).toContain('work');

    const login = await start(
      ['login', 'work', '--timeout', '60'],
      /(http:\/\/127\.0\.0\.1:\d+\/lingma\/login\S+)/,
    );
    await playBrowserLogin(login.match[1] as string);
    const done = await new Promise<number | null>((resolve) => login.child.on('exit', resolve));
    expect(done).toBe(0);

    const key = run(['keys', 'list', '--json']);
    const [first] = JSON.parse(key.out) as Array<{ id: string }>;
    const secret = run(['keys', 'reveal', first?.id ?? '']).out.trim();
    expect(secret).toMatch(/^lgw-/);

    const served = await start(['serve'], /listening on (http:\/\/127\.0\.0\.1:\d+)\/v1 \((\d)\/1/);
    const baseUrl = served.match[1] as string;
    const client = new OpenAI({ baseURL: `${baseUrl}/v1`, apiKey: secret, maxRetries: 0 });
    // The account may still be starting; the pool queues until it is ready.
    const r = await client.chat.completions.create({
      model: 'auto',
      messages: [{ role: 'user', content: 'headless?' }],
    });
    expect(r.choices[0]?.message.content).toContain('headless?');
    served.child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => served.child.on('exit', resolve));
    expect(code).toBe(0);
  }, 120_000);

  it('logs in with --paste: the URL opened elsewhere, the failed callback address pasted', async () => {
    expect(run(['accounts', 'add', 'remote']).code).toBe(0);
    const child = spawn(process.execPath, [BIN, 'login', 'remote', '--paste', '--timeout', '60'], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    const seen = (re: RegExp): Promise<RegExpMatchArray> =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${re} in: ${out}`)), 45_000);
        const check = (): void => {
          const m = re.exec(out);
          if (!m) return;
          clearTimeout(timer);
          resolve(m);
        };
        child.stdout?.on('data', (d: Buffer) => {
          out += d.toString();
          check();
        });
        check();
      });
    const url = (await seen(/(http:\/\/127\.0\.0\.1:\d+\/lingma\/login\S+)/))[1] as string;
    const page = await playBrowserLogin(url, {
      username: 'far@example.com',
      followCallback: false,
    });
    child.stdin?.write('this is not the address\n');
    await seen(/not a Lingma login address/);
    child.stdin?.write(`${asShownInAddressBar(page.callbackUrl)}\n`);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code, out).toBe(0);
    expect(out).toContain('Logged in.');
  }, 90_000);

  it('exports a login as an encrypted bundle file and imports it into another account', () => {
    const file = join(dataDir, 'work.lgwbundle');
    const withPass = { ...env, LINGMA_BUNDLE_PASSPHRASE: 'correct horse battery' };
    const out = spawnSync(process.execPath, [BIN, 'bundle', 'export', 'work', '--out', file], {
      env: withPass,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(out.status, out.stderr).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).not.toContain('work@example.com');
    expect(run(['accounts', 'add', 'copy']).code).toBe(0);
    const back = spawnSync(process.execPath, [BIN, 'bundle', 'import', 'copy', '--in', file], {
      env: withPass,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(back.status, back.stderr).toBe(0);
    expect(back.stdout).toContain('Imported.');
    const missing = run(['bundle', 'export', 'work']);
    expect(missing.code).toBe(2);
  }, 60_000);

  it('prints usage and fails clearly on unknown commands', () => {
    expect(run(['frobnicate']).code).toBe(2);
    expect(run(['help']).out).toContain('Usage: lingma-gateway');
  });
});
