import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PidRegistry } from './pid-registry';
import { isAlive } from './process-tree';
import { LingmaSupervisor } from './supervisor';
import { LingmaError, type SupervisorState } from './types';

const posix = process.platform !== 'win32';
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lingma-sup-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function script(name: string, body: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, `#!/bin/sh\n${body}\n`);
  await chmod(file, 0o755);
  return file;
}

describe.runIf(posix)('LingmaSupervisor start failures', () => {
  it('rejects at once with the exit code and last output when the child dies', async () => {
    const bin = await script('Lingma', 'echo "fatal: cannot open workDir" >&2\nexit 3');
    const states: SupervisorState[] = [];
    const sup = new LingmaSupervisor({
      accountId: 'a1',
      workDir: join(dir, 'w'),
      binary: bin,
      readyTimeoutMs: 20_000,
      backoff: { maxRestarts: 0 },
    });
    sup.onChange((s) => states.at(-1) !== s.state && states.push(s.state));
    const err = (await sup.start().catch((e: unknown) => e)) as LingmaError;
    expect(err).toBeInstanceOf(LingmaError);
    expect(err.message).toMatch(/exited during start \(code 3\).*cannot open workDir/);
    expect(sup.snapshot()).toMatchObject({ state: 'crashed', lastError: err.message });
    expect(states).toEqual(['starting', 'crashed']);
    await sup.stop();
    expect(sup.snapshot().state).toBe('stopped');
  });

  it('retries a failed first start (at once, then with backoff) until stopped', async () => {
    const runs = join(dir, 'runs');
    const bin = await script('Lingma', `echo run >> "${runs}"\nexit 3`);
    const sup = new LingmaSupervisor({
      accountId: 'a4',
      workDir: join(dir, 'w'),
      binary: bin,
      backoff: { initialMs: 200 },
    });
    await expect(sup.start()).rejects.toThrow(/code 3/);
    const count = async (): Promise<number> =>
      (await readFile(runs, 'utf8').catch(() => '')).split('\n').filter(Boolean).length;
    const deadline = Date.now() + 10_000;
    while ((await count()) < 3 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(await count()).toBeGreaterThanOrEqual(3);
    expect(['starting', 'restarting']).toContain(sup.snapshot().state);
    await sup.stop();
    const after = await count();
    await new Promise((r) => setTimeout(r, 700));
    expect(await count()).toBe(after);
    expect(sup.snapshot().state).toBe('stopped');
  });

  it('gives up on a child that never becomes ready within the start budget', async () => {
    const bin = await script('Lingma', 'sleep 30');
    const sup = new LingmaSupervisor({
      accountId: 'a5',
      workDir: join(dir, 'w'),
      binary: bin,
      readyTimeoutMs: 600,
      backoff: { maxRestarts: 0 },
    });
    const started = Date.now();
    const err = (await sup.start().catch((e: unknown) => e)) as LingmaError;
    expect(err.code).toBe('timeout');
    expect(err.message).toMatch(/not become ready within 1 s/);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(sup.snapshot().state).toBe('crashed');
    await sup.stop();
  });

  it('reports a missing binary as binary_missing', async () => {
    const sup = new LingmaSupervisor({
      accountId: 'a2',
      workDir: join(dir, 'w'),
      binary: join(dir, 'nope'),
    });
    const err = (await sup.start().catch((e: unknown) => e)) as LingmaError;
    expect(err.code).toBe('binary_missing');
  });

  it('retries with new ports when the child says the port is taken', async () => {
    const bin = await script(
      'Lingma',
      'echo "listen tcp: bind: address already in use" >&2\nexit 1',
    );
    const pids: number[] = [];
    const sup = new LingmaSupervisor({
      accountId: 'a3',
      workDir: join(dir, 'w'),
      binary: bin,
      spawnAttempts: 3,
    });
    sup.onChange((s) => s.pid && !pids.includes(s.pid) && pids.push(s.pid));
    await expect(sup.start()).rejects.toThrow(/address already in use/);
    expect(pids).toHaveLength(3);
  });
});

describe.runIf(posix)('PidRegistry', () => {
  it('kills an orphan whose command line still matches, and spares a stranger', async () => {
    const bin = await script('Lingma', 'sleep 60');
    const workDir = join(dir, 'w');
    const ours = spawn(bin, ['start', `--workDir=${workDir}`], { detached: true, stdio: 'ignore' });
    const stranger = spawn('sleep', ['60'], { stdio: 'ignore' });
    const oursExit = new Promise((resolve) => ours.once('exit', (_c, sig) => resolve(sig)));
    try {
      const reg = new PidRegistry(join(dir, 'run'));
      // A parent pid that does not exist: as if the gateway had been SIGKILLed.
      const base = { parentPid: 2 ** 22 + 12345, binary: bin, workDir, startedAt: 0 };
      await reg.record({ ...base, accountId: 'x', pid: ours.pid! });
      await reg.record({ ...base, accountId: 'y', pid: stranger.pid! });
      // A record owned by a live parent (this process) is another gateway's business.
      await reg.record({ ...base, parentPid: process.ppid, accountId: 'z', pid: stranger.pid! });
      expect(await reg.reap()).toEqual([ours.pid]);
      expect(await oursExit).toBe('SIGKILL');
      expect(isAlive(stranger.pid!)).toBe(true);
      expect(await reg.reap()).toEqual([]);
    } finally {
      ours.kill('SIGKILL');
      stranger.kill('SIGKILL');
    }
  });
});
