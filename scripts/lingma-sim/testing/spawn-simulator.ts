import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the launcher with the real binary's command line. */
export const SIM_BIN = fileURLToPath(new URL('../bin/Lingma', import.meta.url));

export interface StartSimulatorOptions {
  /** Defaults to a fresh temp dir. */
  workDir?: string;
  /** Defaults to 0 (the OS picks; the real ports are read back from .info and lingma.log). */
  socketPort?: number;
  httpPort?: number;
  /** Extra arguments after the standard `start` flags, e.g. ['--sim-fault=slow-start:200']. */
  args?: string[];
  env?: Record<string, string>;
  /** Bound for reaching "ready" (default 10 s). */
  readyTimeoutMs?: number;
}

export interface RunningSimulator {
  child: ChildProcess;
  workDir: string;
  socketPort: number;
  httpPort: number;
  logFile: string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  readLog(): string;
  /** SIGTERM, then SIGKILL if it has not exited after 5 s. */
  stop(): Promise<number | null>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function readyPorts(
  workDir: string,
  pid: number,
): { socketPort: number; httpPort: number } | undefined {
  const info = join(workDir, '.info');
  if (!existsSync(info)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(info, 'utf8')) as {
      pid?: number;
      websocketPort?: number;
    };
    if (parsed.pid !== pid || typeof parsed.websocketPort !== 'number') return undefined;
  } catch {
    return undefined;
  }
  // .info is written after the ready line, so the last ready line in the log is this process's.
  const log = readFileSync(join(workDir, 'logs', 'lingma.log'), 'utf8');
  const all = [...log.matchAll(/Communication servers ready - WebSocket: (\d+), HTTP: (\d+)/g)];
  const last = all[all.length - 1];
  return last ? { socketPort: Number(last[1]), httpPort: Number(last[2]) } : undefined;
}

/** Spawns bin/Lingma as a real child process and waits until it listens. */
export async function startSimulator(opts: StartSimulatorOptions = {}): Promise<RunningSimulator> {
  const workDir = opts.workDir ?? mkdtempSync(join(tmpdir(), 'lingma-sim-'));
  const child = spawn(
    process.execPath,
    [
      SIM_BIN,
      'start',
      '--transportType=websocket',
      `--workDir=${workDir}`,
      `--socketPort=${opts.socketPort ?? 0}`,
      `--httpPort=${opts.httpPort ?? 0}`,
      ...(opts.args ?? []),
    ],
    { env: { ...process.env, ...opts.env }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 10_000);
  for (;;) {
    const ports = child.pid === undefined ? undefined : readyPorts(workDir, child.pid);
    if (ports) {
      const logFile = join(workDir, 'logs', 'lingma.log');
      const stop = async (): Promise<number | null> => {
        if (exitCode !== undefined) return exitCode;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        const code = await exited;
        clearTimeout(timer);
        return code;
      };
      return {
        child,
        workDir,
        ...ports,
        logFile,
        exited,
        readLog: () => readFileSync(logFile, 'utf8'),
        stop,
      };
    }
    if (exitCode !== undefined) throw new Error(`simulator exited with ${exitCode}: ${stderr}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`simulator not ready in time: ${stderr}`);
    }
    await sleep(20);
  }
}
