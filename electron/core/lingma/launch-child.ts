/**
 * One launch attempt: free ports, spawn, record the pid, then re-dial the WebSocket until it
 * answers and initialize — all within one start-up budget (`readyTimeoutMs`, §3.2), and racing the
 * process's exit so a child that dies at once fails the start immediately.
 */
import type { Clock } from './clock';
import { findFreePort, findFreePorts } from './free-port';
import { LingmaClient, type LingmaClientOptions } from './lingma-client';
import { spawnLingma, type LingmaProcess, type SpawnFn } from './lingma-process';
import type { PidRegistry } from './pid-registry';
import { startError, type StartFailure } from './start-errors';
import type { Logger } from '../util/logger';

export interface LaunchSettings {
  accountId: string;
  binary: string;
  workDir: string;
  workspaceDir: string;
  env?: NodeJS.ProcessEnv;
  extraArgs?: readonly string[];
  spawn?: SpawnFn;
  findFreePort?: () => Promise<number>;
  client?: Partial<Omit<LingmaClientOptions, 'url' | 'workspaceDir'>>;
  readyTimeoutMs: number;
  redialMs: number;
  registry?: PidRegistry;
  logger: Logger;
  clock: Clock;
  /** Told as soon as the child exists (before it is ready), e.g. to publish its pid. */
  onSpawned?: (proc: LingmaProcess, ports: { socketPort: number; httpPort: number }) => void;
}

export interface Launched {
  proc: LingmaProcess;
  client: LingmaClient;
  socketPort: number;
  httpPort: number;
}

/** Either a ready child or a failure (the child, if any, is returned for teardown). */
export type LaunchResult =
  ({ ok: true } & Launched) | ({ ok: false; failure: StartFailure } & Partial<Launched>);

export async function launchChild(s: LaunchSettings, signal: AbortSignal): Promise<LaunchResult> {
  const [socketPort, httpPort] = (await findFreePorts(2, s.findFreePort ?? findFreePort)) as [
    number,
    number,
  ];
  const proc = spawnLingma({ ...s, socketPort, httpPort });
  s.logger.info('Lingma spawned', { pid: proc.pid, socketPort, httpPort });
  s.onSpawned?.(proc, { socketPort, httpPort });
  if (proc.pid !== undefined && s.registry) {
    const record = {
      accountId: s.accountId,
      pid: proc.pid,
      parentPid: process.pid,
      binary: s.binary,
      workDir: s.workDir,
      startedAt: s.clock.now(),
    };
    await s.registry
      .record(record)
      .catch((err: unknown) => s.logger.warn('pid record failed', { err }));
  }
  const client = new LingmaClient({
    ...s.client,
    url: `ws://127.0.0.1:${socketPort}/`,
    workspaceDir: s.workspaceDir,
    logger: s.logger,
    clock: s.clock,
    isProcessAlive: () => proc.child.exitCode === null && proc.child.signalCode === null,
  });
  const launched = { proc, client, socketPort, httpPort };

  const dialAbort = new AbortController();
  const onAbort = (): void => dialAbort.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  const ready = (async () => {
    await client.connect({
      // A little past the budget: the budget timer below is what ends a start that is too slow.
      deadlineMs: s.readyTimeoutMs + 2 * s.redialMs,
      retryDelayMs: s.redialMs,
      signal: dialAbort.signal,
    });
    return client.initialize();
  })();
  let budgetTimer: unknown;
  const budget = new Promise<{ kind: 'budget'; ms: number }>((resolve) => {
    budgetTimer = s.clock.setTimeout(
      () => resolve({ kind: 'budget', ms: s.readyTimeoutMs }),
      s.readyTimeoutMs,
    );
  });
  const outcome = await Promise.race([
    ready.then(
      (info) => ({ kind: 'ready' as const, info }),
      (error: unknown) => ({ kind: 'failed' as const, error }),
    ),
    proc.exited.then((exit) => ({ kind: 'exited' as const, exit })),
    budget,
  ]);
  s.clock.clearTimeout(budgetTimer);
  signal.removeEventListener('abort', onAbort);
  dialAbort.abort();
  // An initialize still in flight after the budget settles later; the teardown closes it.
  ready.catch(() => undefined);
  if (outcome.kind === 'ready' && !signal.aborted) {
    s.logger.info('Lingma ready', { pid: proc.pid, server: outcome.info });
    return { ok: true, ...launched };
  }
  const failed =
    outcome.kind === 'ready' ? { kind: 'failed' as const, error: signal.reason } : outcome;
  const failure = startError(failed, proc, { binary: s.binary, socketPort, signal });
  return { ok: false, failure, ...launched };
}
