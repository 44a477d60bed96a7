/**
 * Spawning one Lingma child with the real command line (§3.1):
 * `Lingma start --transportType=websocket --workDir=DIR --socketPort=P --httpPort=Q`.
 * Its stdout/stderr go to the debug log line by line (bounded), and the last lines are kept so a
 * failed start can say why.
 */
import { spawn as nodeSpawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { trackChild } from './process-tree';
import type { Logger } from '../util/logger';

export type SpawnFn = (
  command: string,
  args: readonly string[],
  options: SpawnOptions,
) => ChildProcess;

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the spawn itself failed (ENOENT, EACCES). */
  error?: NodeJS.ErrnoException;
}

export interface LingmaProcess {
  child: ChildProcess;
  pid: number | undefined;
  /** Settles once, when the process exits or could not be spawned. */
  exited: Promise<ExitInfo>;
  /** The last output lines (both streams), oldest first. */
  outputTail(): string[];
}

export interface SpawnLingmaOptions {
  binary: string;
  workDir: string;
  socketPort: number;
  httpPort: number;
  extraArgs?: readonly string[];
  env?: NodeJS.ProcessEnv;
  spawn?: SpawnFn;
  logger: Logger;
}

const MAX_LINE = 2_000;
const TAIL_LINES = 40;

/** The `start` argument list. */
export function startArgs(
  o: Pick<SpawnLingmaOptions, 'workDir' | 'socketPort' | 'httpPort' | 'extraArgs'>,
): string[] {
  return [
    'start',
    '--transportType=websocket',
    `--workDir=${o.workDir}`,
    `--socketPort=${o.socketPort}`,
    `--httpPort=${o.httpPort}`,
    ...(o.extraArgs ?? []),
  ];
}

export function spawnLingma(o: SpawnLingmaOptions): LingmaProcess {
  const spawn = o.spawn ?? nodeSpawn;
  const child = spawn(o.binary, startArgs(o), {
    cwd: o.workDir,
    env: o.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group on POSIX, so stop() can signal helpers the binary starts.
    detached: process.platform !== 'win32',
    windowsHide: true,
  });
  trackChild(child);
  const tail: string[] = [];
  const log = o.logger.child({ pid: child.pid });
  const onLine = (stream: string) => (line: string) => {
    const text = line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line;
    tail.push(`[${stream}] ${text}`);
    if (tail.length > TAIL_LINES) tail.shift();
    log.debug('lingma output', { stream, line: text });
  };
  if (child.stdout) splitLines(child.stdout, onLine('stdout'));
  if (child.stderr) splitLines(child.stderr, onLine('stderr'));
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error: NodeJS.ErrnoException) => {
      // 'error' without a pid means it never started; 'exit' will not come then.
      if (child.pid === undefined) resolve({ code: null, signal: null, error });
      else log.warn('lingma child error', { err: error });
    });
  });
  return { child, pid: child.pid, exited, outputTail: () => [...tail] };
}

/** Calls `onLine` per line; a line that never ends is cut at MAX_LINE so memory stays bounded. */
function splitLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let partial = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    partial += chunk;
    let nl: number;
    while ((nl = partial.indexOf('\n')) !== -1) {
      onLine(partial.slice(0, nl).replace(/\r$/, ''));
      partial = partial.slice(nl + 1);
    }
    if (partial.length > MAX_LINE) {
      onLine(partial);
      partial = '';
    }
  });
  stream.on('end', () => {
    if (partial) onLine(partial);
  });
}
