/** How a LingmaSupervisor is set up (supervisor.ts): the child, its client, start-up and restarts. */
import type { Clock } from './clock';
import type { LingmaClientOptions } from './lingma-client';
import type { SpawnFn } from './lingma-process';
import type { Logger } from '../util/logger';

/** See `readyTimeoutMs`. */
export const DEFAULT_START_BUDGET_MS = 40_000;

export interface SupervisorOptions {
  accountId: string;
  workDir: string;
  /** The executable, or a resolver asked at every (re)start so binary updates apply. */
  binary: string | (() => string | Promise<string>);
  /** Where the pid registry lives; without it only the in-process exit hook guards orphans. */
  runtimeDir?: string;
  /** Sent as rootUri; defaults to `<workDir>/workspace` so the binary never indexes its own cache. */
  workspaceDir?: string;
  env?: NodeJS.ProcessEnv;
  extraArgs?: readonly string[];
  logger?: Logger;
  clock?: Clock;
  spawn?: SpawnFn;
  findFreePort?: () => Promise<number>;
  /** Client settings (chat timeouts, reconnect) applied to every child's client. */
  client?: Partial<Omit<LingmaClientOptions, 'url' | 'workspaceDir'>>;
  /**
   * Start-up budget for connect + initialize (default 40 s: PRED's LINGMA_STARTUP_TIMEOUT for a
   * cold first start; CPA/CX-TAP used 20 s, LTC warms up for 30 s; nobody measured it, §3.2).
   */
  readyTimeoutMs?: number;
  /** Re-dial interval while waiting (default 200 ms). */
  redialMs?: number;
  /** SIGTERM → SIGKILL grace (default 3 s). */
  stopGraceMs?: number;
  /** Spawns per start when ports turn out to be taken (default 3). */
  spawnAttempts?: number;
  /**
   * Crash-loop backoff: the first failure after a healthy run restarts at once, then `initialMs`
   * (1 s) doubling to `maxMs` (30 s). A run counts as healthy after a completed turn
   * (`noteHealthy`) or `healthyResetMs` (60 s) of uptime. `maxRestarts` (default unlimited).
   */
  backoff?: { initialMs?: number; maxMs?: number; healthyResetMs?: number; maxRestarts?: number };
}
