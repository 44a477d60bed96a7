/**
 * The pool over real children: the real supervisor spawns the Lingma simulator (same command line
 * as the product), two accounts log in through the simulated browser flow, one child is killed,
 * and the other keeps serving.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playBrowserLogin, SIM_BIN } from '../../../scripts/lingma-sim/testing';
import { LingmaSupervisor } from '../lingma/supervisor';
import type { ChatEvent } from '../lingma/types';
import { AccountPool } from './account-pool';
import type { InstanceSnapshot, Lease } from './types';

const posix = process.platform !== 'win32';
let root: string;
let pool: AccountPool;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves once the snapshot satisfies `ok` (the suite timeout bounds the wait). */
function until(ok: (snap: InstanceSnapshot[]) => boolean): Promise<InstanceSnapshot[]> {
  return new Promise((resolve) => {
    if (ok(pool.snapshot())) return resolve(pool.snapshot());
    const off = pool.onChange((snap) => {
      if (!ok(snap)) return;
      off();
      resolve(snap);
    });
  });
}

async function ask(lease: Lease, question: string): Promise<string> {
  let finish: Extract<ChatEvent, { type: 'finish' }> | undefined;
  for await (const ev of lease.client.chat({ questionText: question })) {
    if (ev.type === 'finish') finish = ev;
  }
  lease.release({ kind: finish?.statusCode === 200 ? 'ok' : 'error' });
  expect(finish?.statusCode).toBe(200);
  return finish?.sessionId ?? '';
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'pool-sim-'));
  pool = new AccountPool({
    supervisorFactory: (spec) =>
      new LingmaSupervisor({
        accountId: spec.instanceId,
        workDir: spec.workDir,
        runtimeDir: join(root, 'run'),
        binary: SIM_BIN,
        // A killed child stays down for the rest of the test.
        backoff: { initialMs: 600_000 },
      }),
    loginPollMs: 100,
  });
});

afterAll(async () => {
  await pool?.stop();
  await rm(root, { recursive: true, force: true });
});

describe.runIf(posix)('AccountPool with the real supervisor and simulator children', () => {
  it('routes over two logged-in accounts and keeps serving when one child dies', async () => {
    await pool.setAccounts(
      ['alice', 'bob'].map((id) => ({
        id,
        name: id,
        enabled: true,
        workDir: join(root, id),
        workers: 1,
      })),
    );
    await until((s) => s.length === 2 && s.every((i) => i.state === 'logged-out'));
    await expect(pool.acquire()).rejects.toMatchObject({ reason: 'none_logged_in' });

    for (const id of ['alice', 'bob']) {
      const client = pool.clientFor(id);
      if (!client) throw new Error(`no client for ${id}`);
      const login = pool.waitForLogin(id, { timeoutMs: 20_000 });
      const { loginUrl } = await client.generateLoginUrl();
      expect((await playBrowserLogin(loginUrl, { username: id })).status).toBe(200);
      await login;
    }
    const ready = await until((s) => s.every((i) => i.state === 'ready'));
    expect(ready.map((i) => i.user?.name)).toEqual([
      expect.stringContaining('alice'),
      expect.stringContaining('bob'),
    ]);
    expect((await pool.models()).length).toBeGreaterThan(0);

    const first = await pool.acquire();
    const second = await pool.acquire();
    expect(new Set([first.instanceId, second.instanceId])).toEqual(new Set(['alice', 'bob']));
    await Promise.all([ask(first, 'hello alice?'), ask(second, 'hello bob?')]);

    const alicePid = pool.snapshot().find((i) => i.id === 'alice')?.pid;
    expect(alicePid).toBeTypeOf('number');
    process.kill(alicePid as number, 'SIGKILL');
    await until((s) => s.find((i) => i.id === 'alice')?.state === 'crashed');

    for (let n = 0; n < 2; n += 1) {
      const lease = await pool.acquire({ preferInstanceId: 'alice' });
      expect(lease).toMatchObject({ instanceId: 'bob', affinityHonoured: false });
      expect(await ask(lease, `still there? ${n}`)).not.toBe('');
    }
    expect(pool.stats().instances.find((i) => i.id === 'bob')?.served).toBe(3);

    const bobPid = pool.snapshot().find((i) => i.id === 'bob')?.pid as number;
    await pool.stop();
    expect(alive(bobPid)).toBe(false);
  });
});
