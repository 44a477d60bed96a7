/**
 * One account's Lingma child (§3, §6.5): free ports, spawn with the real flags, re-dial the
 * WebSocket until it answers (failing early if the process exits), initialize, then watch it.
 *
 * Restarts: a child that had proven healthy (completed a turn, or ran `healthyResetMs`) and then
 * dies is restarted at once — its requests wait in the pool's queue for the second that takes.
 * Only a crash loop (failing again before proving healthy) backs off, 1 s doubling to 30 s. A
 * failed or slow first start is retried the same way instead of giving up.
 *
 * stop() is SIGTERM → SIGKILL and leaves nothing behind (process group kill, exit hook, the
 * orphan sentinel for a gateway killed outright, the pid registry as the last resort).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { systemClock, type Clock, type TimerHandle } from './clock';
import { launchChild, type LaunchSettings } from './launch-child';
import type { LingmaClient } from './lingma-client';
import type { LingmaProcess } from './lingma-process';
import { PidRegistry } from './pid-registry';
import { terminate } from './process-tree';
import {
  LingmaError,
  type LingmaClientApi,
  type SupervisorApi,
  type SupervisorSnapshot,
  type SupervisorState,
} from './types';
import { silentLogger, type Logger } from '../util/logger';
import { DEFAULT_START_BUDGET_MS, type SupervisorOptions } from './supervisor-options';

export { DEFAULT_START_BUDGET_MS, type SupervisorOptions } from './supervisor-options';

/** SupervisorApi over a real child process. */
export class LingmaSupervisor implements SupervisorApi {
  readonly accountId: string;
  readonly workDir: string;
  private readonly logger: Logger;
  private readonly clock: Clock;
  private readonly registry: PidRegistry | undefined;
  private readonly listeners = new Set<(s: SupervisorSnapshot) => void>();
  private state: SupervisorState = 'stopped';
  private proc: LingmaProcess | undefined;
  private current: LingmaClient | undefined;
  private ports: { socketPort?: number; httpPort?: number } = {};
  private restarts = 0;
  private lastError: string | undefined;
  private nextRestartAt: number | undefined;
  private restartTimer: TimerHandle | undefined;
  private healthyTimer: TimerHandle | undefined;
  private starting: Promise<void> | undefined;
  private startAbort: AbortController | undefined;
  private stopping: Promise<void> | undefined;
  private wanted = false;

  constructor(private readonly o: SupervisorOptions) {
    this.accountId = o.accountId;
    this.workDir = o.workDir;
    this.logger = (o.logger ?? silentLogger).child({ component: 'lingma', accountId: o.accountId });
    this.clock = o.clock ?? systemClock;
    this.registry = o.runtimeDir ? new PidRegistry(o.runtimeDir, this.logger) : undefined;
  }

  get client(): LingmaClientApi | null {
    return this.state === 'running' ? (this.current ?? null) : null;
  }

  snapshot(): SupervisorSnapshot {
    const s: SupervisorSnapshot = {
      accountId: this.accountId,
      workDir: this.workDir,
      state: this.state,
      restarts: this.restarts,
      ...this.ports,
    };
    const live = this.state === 'running' || this.state === 'starting' || this.state === 'stopping';
    if (live && this.proc?.pid !== undefined) s.pid = this.proc.pid;
    if (this.lastError) s.lastError = this.lastError;
    if (this.state === 'restarting' && this.nextRestartAt) s.nextRestartAt = this.nextRestartAt;
    return s;
  }

  onChange(listener: (snapshot: SupervisorSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async start(): Promise<void> {
    if (this.stopping) await this.stopping;
    if (this.state === 'running') return;
    if (this.starting) return this.starting;
    this.wanted = true;
    this.cancelRestart();
    this.restarts = 0;
    try {
      await this.startOnce();
    } catch (err) {
      // A slow or failed first start is retried (crash-loop backoff) rather than abandoned; the
      // caller still hears about the first failure.
      if (this.wanted) this.scheduleRestart();
      throw err;
    }
  }

  /** The child completed a turn: it is healthy, so its next crash restarts it at once. */
  noteHealthy(): void {
    if (this.state !== 'running' || this.restarts === 0) return;
    this.restarts = 0;
    this.emit();
  }

  stop(): Promise<void> {
    this.stopping ??= this.doStop().finally(() => (this.stopping = undefined));
    return this.stopping;
  }

  private async doStop(): Promise<void> {
    this.wanted = false;
    this.cancelRestart();
    this.startAbort?.abort(new LingmaError('stopped while starting', 'aborted'));
    if (this.state === 'stopped' || this.state === 'crashed') {
      this.set('stopped');
      return;
    }
    this.set('stopping');
    await this.starting?.catch(() => undefined);
    await this.teardown();
    this.set('stopped');
  }

  /** One spawn-and-connect, retried on port collisions. Leaves the state 'running' on success. */
  private startOnce(): Promise<void> {
    const abort = new AbortController();
    this.startAbort = abort;
    this.set('starting');
    this.starting = this.launch(abort.signal).finally(() => {
      this.starting = undefined;
      if (this.startAbort === abort) this.startAbort = undefined;
    });
    return this.starting;
  }

  private async launch(signal: AbortSignal): Promise<void> {
    const binary = typeof this.o.binary === 'string' ? this.o.binary : await this.o.binary();
    await this.registry
      ?.reap(this.accountId)
      .catch((err: unknown) => this.logger.warn('reap failed', { err }));
    const workspaceDir = this.o.workspaceDir ?? join(this.workDir, 'workspace');
    await mkdir(workspaceDir, { recursive: true });
    const settings: LaunchSettings = {
      ...this.o,
      binary,
      workspaceDir,
      readyTimeoutMs: this.o.readyTimeoutMs ?? DEFAULT_START_BUDGET_MS,
      redialMs: this.o.redialMs ?? 200,
      registry: this.registry,
      logger: this.logger,
      clock: this.clock,
      onSpawned: (proc, ports) => {
        this.proc = proc;
        this.ports = ports;
        this.emit();
      },
    };
    const attempts = this.o.spawnAttempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      const result = await launchChild(settings, signal);
      this.proc = result.proc;
      this.current = result.client;
      this.ports = { socketPort: result.socketPort, httpPort: result.httpPort };
      if (result.ok && !signal.aborted) {
        this.watch(result.proc, result.client);
        this.set('running');
        return;
      }
      await this.teardown();
      if (signal.aborted) throw signal.reason;
      if (result.ok) continue; // unreachable: only an abort turns a ready child into a failure
      const { error, portInUse } = result.failure;
      if (!portInUse || attempt >= attempts) {
        this.lastError = error.message;
        throw error;
      }
      this.logger.info('Lingma ports were taken, retrying with new ones', { attempt });
    }
  }

  /** After a successful start: restarts on exit or on a connection that cannot be restored. */
  private watch(proc: LingmaProcess, client: LingmaClient): void {
    this.lastError = undefined;
    const backoff = this.o.backoff ?? {};
    this.healthyTimer = this.clock.setTimeout(() => {
      if (this.restarts === 0) return;
      this.restarts = 0;
      this.emit();
    }, backoff.healthyResetMs ?? 60_000);
    client.onConnectionEvent((e) => {
      if (e.type !== 'lost' || this.proc !== proc || this.state !== 'running') return;
      this.logger.warn('Lingma WebSocket lost while the process lives; restarting it');
      void terminate(proc.child, this.o.stopGraceMs ?? 3_000);
    });
    void proc.exited.then((exit) => {
      if (this.proc !== proc || this.state !== 'running') return;
      this.lastError = `Lingma exited unexpectedly (code ${exit.code}, signal ${exit.signal})`;
      this.logger.warn(this.lastError, { tail: proc.outputTail().slice(-5) });
      // Not 'running' any more from this moment: the pool must not lease the dead client.
      this.set('restarting');
      void this.teardown().then(() => this.scheduleRestart());
    });
  }

  private scheduleRestart(): void {
    if (!this.wanted) return;
    const b = this.o.backoff ?? {};
    this.restarts += 1;
    if (this.restarts > (b.maxRestarts ?? Number.POSITIVE_INFINITY)) {
      this.set('crashed');
      return;
    }
    // Isolated failure (the first since a healthy run): at once. A crash loop: 1 s, 2 s, 4 s, …
    const delay =
      this.restarts <= 1
        ? 0
        : Math.min(b.maxMs ?? 30_000, (b.initialMs ?? 1_000) * 2 ** (this.restarts - 2));
    this.nextRestartAt = this.clock.now() + delay;
    this.set('restarting');
    this.restartTimer = this.clock.setTimeout(() => {
      this.restartTimer = undefined;
      this.startOnce().catch((err: unknown) => {
        this.logger.warn('Lingma restart failed', { err, restarts: this.restarts });
        if (this.wanted) this.scheduleRestart();
      });
    }, delay);
  }

  private cancelRestart(): void {
    if (this.restartTimer !== undefined) this.clock.clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    this.nextRestartAt = undefined;
  }

  /** Closes the client and ends the process (if any); idempotent. */
  private async teardown(): Promise<void> {
    if (this.healthyTimer !== undefined) this.clock.clearTimeout(this.healthyTimer);
    this.healthyTimer = undefined;
    const client = this.current;
    const proc = this.proc;
    this.current = undefined;
    await client?.close();
    if (!proc) return;
    await terminate(proc.child, this.o.stopGraceMs ?? 3_000);
    if (this.proc === proc) this.proc = undefined;
    if (proc.pid !== undefined)
      await this.registry?.remove(this.accountId, proc.pid).catch(() => undefined);
  }

  private set(state: SupervisorState): void {
    if (state !== 'restarting') this.nextRestartAt = undefined;
    this.state = state;
    this.emit();
  }

  private emit(): void {
    const snap = this.snapshot();
    for (const l of [...this.listeners]) {
      try {
        l(snap);
      } catch (err) {
        this.logger.error('supervisor listener failed', { err });
      }
    }
  }
}
