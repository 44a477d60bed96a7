/**
 * The account pool: one or more supervised Lingma children per enabled account, routed by
 * session affinity, a sticky key and a strategy, with per-instance slots, a FIFO admission queue,
 * per-account cooldown, and the events the tray, metrics and session cache need.
 */
import type { LingmaClientApi, LingmaModel } from '../lingma/types';
import { silentLogger, type Logger } from '../util/logger';
import { AccountLifecycle } from './account-lifecycle';
import { Admission, tuningOf } from './admission';
import { systemPoolClock, type PoolClock } from './clock';
import { DEFAULT_BACKOFF } from './cooldown';
import { PoolStoppedError } from './errors';
import { InstanceSet } from './instance-set';
import { applyOutcome, type OutcomeHost } from './lease-outcome';
import { unionModels } from './model-union';
import { PoolEvents } from './pool-events';
import { poolStats } from './pool-stats';
import { PoolTimers } from './pool-timers';
import { DEFAULT_PROBE_TIMEOUT_MS, StuckChecker } from './stuck-check';
import type { InstanceChange, InstanceHost, PoolInstance } from './pool-instance';
import type {
  AcquireOptions,
  AdmissionStats,
  InstanceLossReason,
  InstanceSnapshot,
  InstanceState,
  Lease,
  PoolAccount,
  PoolOptions,
  PoolStats,
  PoolTuning,
} from './types';
import { clearWorkerLogin, syncWorkerLogin } from './worker-dirs';

const SERVING: ReadonlySet<InstanceState> = new Set(['ready', 'cooling-down']);

/**
 * Owns every Lingma child of every account. Build it with `createPool` (index.ts), feed it the
 * account list with `setAccounts`, take leases with `acquire`, and `stop()` it on quit.
 */
export class AccountPool {
  private readonly clock: PoolClock;
  private readonly logger: Logger;
  private readonly set: InstanceSet;
  private readonly admission: Admission;
  private readonly events: PoolEvents;
  private readonly lastStates = new Map<string, InstanceState>();
  private tuning: PoolTuning;
  private modelGen = 0;
  private modelCache: { gen: number; models: LingmaModel[] } | undefined;
  private readonly timers: PoolTimers;
  private reconciling: Promise<void> = Promise.resolve();
  private stopping: Promise<void> | undefined;
  private readonly stuck: StuckChecker;
  private readonly lifecycle: AccountLifecycle;

  constructor(private readonly options: PoolOptions) {
    this.clock = options.clock ?? systemPoolClock;
    this.logger = (options.logger ?? silentLogger).child({ component: 'pool' });
    this.tuning = tuningOf(options);
    this.events = new PoolEvents(() => this.snapshot(), this.logger, this.clock);
    this.timers = new PoolTimers(
      this.clock,
      options.healthIntervalMs ?? 30_000,
      () => this.set.healthCheck(),
      () => {
        this.refreshAll();
        this.armCooldown();
      },
    );
    const host: InstanceHost = {
      now: () => this.clock.now(),
      logger: this.logger,
      cooldownUntil: (accountId) =>
        this.set.account(accountId)?.cooldown.activeUntil(this.clock.now()),
      changed: (instance, cause) => this.observe(instance, cause),
    };
    this.set = new InstanceSet({
      factory: options.supervisorFactory,
      host,
      logger: this.logger,
      backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
      syncWorkerLogin: options.syncWorkerLogin ?? syncWorkerLogin,
      onRemoved: (instance) => this.removed(instance),
    });
    this.lifecycle = new AccountLifecycle({
      set: this.set,
      clock: this.clock,
      logger: this.logger,
      loginPollMs: options.loginPollMs ?? 1_000,
      clearWorkerLogin: options.clearWorkerLogin ?? clearWorkerLogin,
      setAccounts: (accounts) => this.setAccounts(accounts),
      refreshAll: () => this.refreshAll(),
    });
    const outcomes: OutcomeHost = {
      now: () => this.clock.now(),
      logger: this.logger,
      account: (id) => this.set.account(id),
      cooling: () => {
        this.armCooldown();
        this.refreshAll();
      },
      loggedOut: (instance) => void this.refreshAuth(instance.accountId),
      timedOut: (instance) => this.stuck.check(instance),
    };
    this.admission = new Admission({
      set: this.set,
      clock: this.clock,
      tuning: () => this.tuning,
      // A lease came back: book what its outcome says, then re-derive the instance's state.
      settled: (instance, epoch, outcome) => {
        applyOutcome(outcomes, instance, epoch, outcome);
        if (this.set.has(instance)) this.observe(instance, 'counters');
        else this.events.changed();
      },
      changed: () => this.events.counted(),
    });
    this.stuck = new StuckChecker({
      logger: this.logger,
      probeTimeoutMs: options.stuck?.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS,
      isMember: (instance) => this.set.has(instance) && !this.stopping,
      changed: () => {
        this.events.changed();
        this.admission.schedule();
      },
    });
    const cache = options.sessionCache;
    if (cache) this.onInstanceLost((id, reason) => cache.invalidateInstance(id, reason));
  }

  /** Reconciles the pool with the account list (serialised; resolves once stops are done). */
  setAccounts(accounts: readonly PoolAccount[]): Promise<void> {
    if (this.stopping) return Promise.reject(new PoolStoppedError());
    const run = this.reconciling.then(async () => {
      await this.set.reconcile(accounts);
      this.timers.startHealth();
      this.refreshAll();
    });
    this.reconciling = run.catch((err: unknown) => this.logger.error('reconcile failed', { err }));
    return run;
  }

  /** Applies routing settings; waiters are re-dispatched (a raised limit frees slots). */
  configure(tuning: Partial<PoolTuning>): void {
    this.tuning = { ...this.tuning, ...tuning };
    this.admission.schedule();
  }

  /**
   * A slot on a ready instance, within the gateway-wide in-flight limit. Waits FIFO in the one
   * admission queue (bounded by `queueTimeoutMs` and `signal`) while instances are busy, starting
   * or restarting; rejects with NoCapacityError when waiting cannot help or the wait runs out.
   */
  acquire(options: AcquireOptions = {}): Promise<Lease> {
    if (this.stopping) return Promise.reject(new PoolStoppedError());
    return this.admission.acquire(options);
  }

  /** True once `stop()` was called. */
  get closing(): boolean {
    return this.stopping !== undefined;
  }

  /** Every instance (disabled accounts show one `disabled` row), in account order. */
  snapshot(): InstanceSnapshot[] {
    return this.set.all().map((i) => i.snapshot());
  }

  /** Counters for `/metrics` and `/internal/stats` (reuse when a cache was given). */
  stats(): PoolStats {
    return poolStats(this.snapshot(), this.admission, this.options);
  }

  /** The admission queue's counters (in flight, queued, 429s, limit). */
  admissionStats(): AdmissionStats {
    return this.admission.stats();
  }

  /** Called (batched per tick) with the full snapshot after any change. Returns unsubscribe. */
  onChange(listener: (snapshot: InstanceSnapshot[]) => void): () => void {
    return this.events.onChange(listener);
  }

  /** Called when an instance's upstream sessions become unusable. Returns unsubscribe. */
  onInstanceLost(listener: (instanceId: string, reason: InstanceLossReason) => void): () => void {
    return this.events.onInstanceLost(listener);
  }

  /** Union of the models of logged-in instances, deduplicated by key; cached until one changes. */
  async models(): Promise<LingmaModel[]> {
    const gen = this.modelGen;
    if (this.modelCache?.gen === gen) return this.modelCache.models;
    const sources = this.set.all().filter((i) => SERVING.has(i.state()));
    const models = unionModels(await Promise.all(sources.map((i) => i.ensureModels())));
    if (this.modelGen === gen) this.modelCache = { gen, models };
    return models;
  }

  // ── account lifecycle (account-lifecycle.ts) ─────────────────────────────────────────────

  /** The account's primary child client while it runs, logged in or not (for the login flow). */
  clientFor(accountId: string): LingmaClientApi | null {
    return this.lifecycle.clientFor(accountId);
  }

  /** The primary's client for a login, waiting while the child starts (AccountNotRunningError). */
  loginClient(accountId: string, timeoutMs = 30_000): Promise<LingmaClientApi> {
    return this.lifecycle.loginClient(accountId, timeoutMs);
  }

  /** Re-checks every instance of the account now, then hands a fresh login to its workers. */
  refreshAuth(accountId: string): Promise<void> {
    return this.lifecycle.refreshAuth(accountId);
  }

  /** Logs the account out of every child, workers included (AccountNotRunningError if down). */
  logout(accountId: string): Promise<void> {
    return this.lifecycle.logout(accountId);
  }

  /** Resolves once the account reports a login (LoginTimeoutError), then syncs its workers. */
  waitForLogin(
    accountId: string,
    options: { timeoutMs: number; signal?: AbortSignal },
  ): Promise<void> {
    return this.lifecycle.waitForLogin(accountId, options);
  }

  /** Stops and starts the accounts' children afresh (new login on disk, failed first start). */
  restartAccounts(accountIds: readonly string[]): Promise<void> {
    return this.lifecycle.restartAccounts(accountIds);
  }

  /** Closes admission (waiters get PoolStoppedError), clears timers, then stops every child. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.timers.stop();
      this.events.stop();
      this.admission.failAll(() => new PoolStoppedError());
      await this.reconciling;
      await this.set.stopAll();
      this.events.changed();
    })();
    return this.stopping;
  }

  // ── outcomes and state ───────────────────────────────────────────────────────────────────

  /** Every state change passes here: session loss, model refresh, worker sync, events, queue. */
  private observe(instance: PoolInstance, cause: InstanceChange): void {
    if (!this.set.has(instance) || this.stopping) return;
    const prev = this.lastStates.get(instance.id);
    const next = instance.state();
    this.lastStates.set(instance.id, next);
    if (cause === 'restarted') this.events.lost(instance.id, 'restarted');
    else if (next === 'logged-out' && prev !== 'logged-out')
      this.events.lost(instance.id, 'logged-out');
    if (SERVING.has(next) !== SERVING.has(prev ?? 'starting') || cause === 'models') {
      this.modelGen += 1;
    }
    if (next === 'ready' && prev !== 'ready' && prev !== 'cooling-down') {
      void instance.loadModels();
    }
    this.lifecycle.observed(instance, cause);
    if (cause === 'counters' && next === prev) this.events.counted();
    else this.events.changed();
    if (next !== prev) this.admission.schedule();
  }

  /** Re-derives every state (cooldowns end by time alone, without any instance event). */
  private refreshAll(): void {
    for (const instance of this.set.all()) this.observe(instance, 'counters');
    this.events.changed();
    this.admission.schedule();
  }

  private removed(instance: PoolInstance): void {
    this.lastStates.delete(instance.id);
    this.admission.forgetInstance(instance.id);
    this.modelGen += 1;
    this.events.lost(instance.id, 'removed');
    this.events.changed();
  }

  private armCooldown(): void {
    const now = this.clock.now();
    const ends = [...this.set.entries()]
      .map((e) => e.cooldown.activeUntil(now))
      .filter((t): t is number => t !== undefined);
    this.timers.wakeAt(ends);
  }
}
