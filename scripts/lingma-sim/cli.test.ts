import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCli } from './src/cli.js';
import { buildConfig } from './src/sim-config.js';
import { SIM_BIN, startSimulator } from './testing.js';

const run = (args: string[]) =>
  spawnSync(process.execPath, [SIM_BIN, ...args], { encoding: 'utf8', timeout: 10_000 });

describe('command line', () => {
  it('prints a version and exits 0', () => {
    const r = run(['version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+-sim$/);
  });

  it('rejects an unknown or missing subcommand with usage on stderr', () => {
    for (const args of [['frobnicate'], []]) {
      const r = run(args);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('Usage: Lingma');
    }
  });

  it('status -o json reads an empty workDir without creating anything', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'lingma-sim-status-')), 'never-created');
    const r = run(['status', '-o', 'json', '--workDir', dir]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      logged_in: false,
      version: expect.stringMatching(/-sim$/),
      username: '',
      user_type: '',
    });
    expect(existsSync(dir)).toBe(false);
  });

  it('defaults to ports 37010/37510 and accepts --flag value forms', () => {
    const cfg = buildConfig(parseCli(['start', '--workDir', '/tmp/x']), {});
    expect([cfg.socketPort, cfg.httpPort, cfg.workDir]).toEqual([37010, 37510, '/tmp/x']);
    const cfg2 = buildConfig(
      parseCli(['start', '--socketPort', '1234', '--httpPort=2345', '--sim-fault', 'hang:2']),
      { LINGMA_SIM_FAULTS: 'quota' },
    );
    expect([cfg2.socketPort, cfg2.httpPort]).toEqual([1234, 2345]);
    expect(cfg2.faultSpecs).toEqual(['quota', 'hang:2']);
  });

  it('refuses an unknown fault', () => {
    const r = run([
      'start',
      '--workDir',
      mkdtempSync(join(tmpdir(), 'lingma-sim-')),
      '--sim-fault=explode',
    ]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('unknown fault "explode"');
  });
});

describe('start', () => {
  it('writes .info and the ready line, survives a slow start, exits 0 on SIGTERM', async () => {
    const sim = await startSimulator({ args: ['--sim-fault=slow-start:300'] });
    const info = JSON.parse(readFileSync(join(sim.workDir, '.info'), 'utf8')) as unknown;
    expect(info).toEqual({
      websocketPort: sim.socketPort,
      pid: sim.child.pid,
      ipcServerPath: '',
      isDev: false,
    });
    const log = sim.readLog();
    expect(log).toContain(
      `Communication servers ready - WebSocket: ${sim.socketPort}, HTTP: ${sim.httpPort}`,
    );
    expect(log).toContain(`Using http server: http://127.0.0.1:${sim.httpPort}`);
    expect(log.indexOf('simulated slow start: 300 ms')).toBeGreaterThan(-1);
    expect(log.indexOf('simulated slow start')).toBeLessThan(
      log.indexOf('Communication servers ready'),
    );
    expect(readFileSync(join(sim.workDir, 'cache', 'id'), 'utf8')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await sim.stop()).toBe(0);
  });

  it('exits 0 on SIGTERM even while a slow start is still waiting', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lingma-sim-'));
    const child = spawn(
      process.execPath,
      [
        SIM_BIN,
        'start',
        `--workDir=${dir}`,
        '--socketPort=0',
        '--httpPort=0',
        '--sim-fault=slow-start:60000',
      ],
      { stdio: 'ignore' },
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const log = join(dir, 'logs', 'lingma.log');
    const deadline = Date.now() + 10_000;
    while (
      !(existsSync(log) && readFileSync(log, 'utf8').includes('simulated slow start')) &&
      Date.now() < deadline
    ) {
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    expect(await exited).toBe(0);
    clearTimeout(timer);
    expect(existsSync(join(dir, '.info'))).toBe(false);
  });

  it('exits non-zero when its port is taken', async () => {
    const first = await startSimulator();
    try {
      const dir = mkdtempSync(join(tmpdir(), 'lingma-sim-'));
      const child = spawn(
        process.execPath,
        [SIM_BIN, 'start', `--workDir=${dir}`, `--socketPort=${first.socketPort}`, '--httpPort=0'],
        { stdio: 'ignore' },
      );
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).not.toBe(0);
      expect(readFileSync(join(dir, 'logs', 'lingma.log'), 'utf8')).toContain('start failed');
    } finally {
      await first.stop();
    }
  });

  it('with --sim-port-taken=rebind listens elsewhere and says so only in lingma.log', async () => {
    const first = await startSimulator();
    try {
      const second = await startSimulator({
        socketPort: first.socketPort,
        args: ['--sim-port-taken=rebind'],
      });
      try {
        expect(second.socketPort).not.toBe(first.socketPort);
        expect(second.readLog()).toContain(`port ${first.socketPort} is already in use`);
      } finally {
        await second.stop();
      }
    } finally {
      await first.stop();
    }
  });

  it('accepts --copyDataDir but carries no login with it (§13.17)', async () => {
    const sim = await startSimulator({ args: ['--copyDataDir=/tmp/elsewhere'] });
    try {
      expect(sim.readLog()).toContain('copyDataDir /tmp/elsewhere: nothing copied');
      expect(sim.readLog()).toContain('No cached user info, please login.');
    } finally {
      await sim.stop();
    }
  });
});
