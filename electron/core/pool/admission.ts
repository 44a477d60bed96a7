/**
 * Getting a slot — the gateway's one admission queue (issue 13): a request is placed at once when
 * the gateway-wide in-flight limit and a ready instance both have room, otherwise it waits in one
 * FIFO bounded by one `queueTimeoutMs`, or is refused with the reason waiting cannot fix.
 *
 * Leases settle through events: a release, a state change or a settings change only *schedules* a
 * dispatch pass (coalesced, at the end of the current tick), so no grant ever runs inside another
 * grant's bookkeeping.
 */
import type { LingmaClientApi } from '../lingma/types';
import { assessCapacity, type CapacityVerdict } from './capacity';
import type { PoolClock } from './clock';
import { NoCapacityError } from './errors';
import { HoldTimeEstimator } from './hold-time';
import type { InstanceSet } from './instance-set';
import type { PoolInstance } from './pool-instance';
import { AffinityMap, choosePlacement } from './routing';
import type { AcquireOptions, AdmissionStats, Lease, LeaseOutcome, PoolTuning } from './types';
import { WaitQueue } from './wait-queue';

/** Waiters beyond this are refused at once, so a flood cannot grow memory without bound. */
export const MAX_QUEUED = 256;

export interface AdmissionDeps {
  set: InstanceSet;
  clock: PoolClock;
  tuning: () => PoolTuning;
  /**
   * A lease came back (counts already booked); apply what the outcome says. `epoch` is the
   * account's cooldown epoch when the lease was taken.
   */
  settled: (instance: PoolInstance, epoch: number, outcome: LeaseOutcome) => void;
  /** In-flight counts changed. */
  changed: () => void;
}

/** The routing settings, defaults filled in. */
export function tuningOf(o: Partial<PoolTuning>): PoolTuning {
  return {
    strategy: o.strategy ?? 'least-busy',
    maxConcurrentPerInstance: o.maxConcurrentPerInstance ?? 4,
    maxInFlight: o.maxInFlight ?? 0,
    queueTimeoutMs: o.queueTimeoutMs ?? 30_000,
  };
}

/** Placement, the admission queue and lease bookkeeping. */
export class Admission {
  private readonly queue: WaitQueue<Lease, AcquireOptions>;
  private readonly affinity = new AffinityMap();
  private readonly holds = new HoldTimeEstimator();
  private readonly rejectedByReason: Record<string, number> = {};
  private rejectedTotal = 0;
  private inFlight = 0;
  private lastOrder = -1;
  private scheduled = false;

  constructor(private readonly deps: AdmissionDeps) {
    this.queue = new WaitQueue(deps.clock);
  }

  get queued(): number {
    return this.queue.size;
  }

  rejected(): Record<string, number> {
    return { ...this.rejectedByReason };
  }

  stats(): AdmissionStats {
    return {
      inFlight: this.inFlight,
      queued: this.queue.size,
      rejectedTotal: this.rejectedTotal,
      maxInFlight: Math.max(0, this.deps.tuning().maxInFlight),
    };
  }

  acquire(options: AcquireOptions): Promise<Lease> {
    if (options.signal?.aborted) return Promise.reject(options.signal.reason);
    // FIFO: while anyone waits, a newcomer queues behind them even if a slot is free right now.
    if (this.queue.size === 0) {
      const lease = this.tryPlace(options, undefined);
      if (lease) return Promise.resolve(lease);
    }
    const { queueTimeoutMs } = this.deps.tuning();
    const verdict = this.assess(options, this.deps.clock.now() + queueTimeoutMs);
    if (verdict.kind === 'reject') return Promise.reject(this.refuse(verdict));
    if (this.queue.size >= MAX_QUEUED) {
      return Promise.reject(
        this.refuse({ kind: 'reject', reason: 'queue_full', retryAfterMs: this.retryAfterMs() }),
      );
    }
    const waiting = this.queue.enqueue(options, {
      timeoutMs: queueTimeoutMs,
      signal: options.signal,
      onTimeout: () => this.timedOut(options),
    });
    this.schedule();
    return waiting;
  }

  /** Asks for one dispatch pass at the end of this tick (coalesced; never re-entrant). */
  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.dispatch();
    });
  }

  failAll(reason: () => unknown): void {
    this.queue.failAll(reason);
  }

  forgetInstance(instanceId: string): void {
    this.affinity.dropInstance(instanceId);
  }

  /** Hands free slots to waiters in FIFO order; fails those that can no longer be served. */
  private dispatch(): void {
    const { queueTimeoutMs } = this.deps.tuning();
    for (const waiter of this.queue.waiting()) {
      const lease = this.tryPlace(waiter.meta, waiter.enqueuedAt);
      if (lease) {
        this.queue.grant(waiter, lease);
        continue;
      }
      const verdict = this.assess(waiter.meta, waiter.enqueuedAt + queueTimeoutMs);
      if (verdict.kind === 'reject') this.queue.fail(waiter, this.refuse(verdict));
    }
  }

  private hasRoom(): boolean {
    const { maxInFlight } = this.deps.tuning();
    return maxInFlight <= 0 || this.inFlight < maxInFlight;
  }

  private tryPlace(options: AcquireOptions, queuedSince: number | undefined): Lease | undefined {
    if (!this.hasRoom()) return undefined;
    const { set } = this.deps;
    const tuning = this.deps.tuning();
    const instances = set.all();
    const hashed = options.affinityKey ? AffinityMap.hash(options.affinityKey) : undefined;
    const placement = choosePlacement({
      instances: instances.map((i) => ({
        id: i.id,
        state: i.leasable() ? i.state() : 'suspended',
        inFlight: i.inFlight,
        lastUsedAt: i.lastUsedAt,
        order: set.orderOf(i),
      })),
      exclude: this.excluded(options),
      maxConcurrent: tuning.maxConcurrentPerInstance,
      strategy: tuning.strategy,
      lastOrder: this.lastOrder,
      preferInstanceId: options.preferInstanceId,
      boundInstanceId: hashed ? this.affinity.get(hashed) : undefined,
    });
    const instance = placement && instances.find((i) => i.id === placement.id);
    const client = instance?.client();
    if (!placement || !instance || !client) return undefined;
    if (hashed && placement.rebind) this.affinity.set(hashed, instance.id);
    this.lastOrder = set.orderOf(instance);
    return this.lease(instance, client, placement.honoured, queuedSince);
  }

  private lease(
    instance: PoolInstance,
    client: LingmaClientApi,
    honoured: boolean,
    queuedSince: number | undefined,
  ): Lease {
    const leasedAt = this.deps.clock.now();
    const epoch = this.deps.set.account(instance.accountId)?.cooldown.epoch ?? 0;
    this.inFlight += 1;
    instance.inFlight += 1;
    instance.lastUsedAt = leasedAt;
    this.deps.changed();
    let released = false;
    return {
      instanceId: instance.id,
      accountId: instance.accountId,
      accountName: instance.accountName,
      client,
      affinityHonoured: honoured,
      queuedMs: queuedSince === undefined ? 0 : leasedAt - queuedSince,
      release: (outcome: LeaseOutcome) => {
        if (released) return;
        released = true;
        const now = this.deps.clock.now();
        this.inFlight = Math.max(0, this.inFlight - 1);
        instance.inFlight = Math.max(0, instance.inFlight - 1);
        instance.lastUsedAt = now;
        this.holds.observe(now - leasedAt);
        this.deps.settled(instance, epoch, outcome);
        this.schedule();
      },
    };
  }

  /** Whether a slot can still appear for this request before `deadline` (epoch ms). */
  assess(options: AcquireOptions, deadline: number): CapacityVerdict {
    const { set, clock } = this.deps;
    const now = clock.now();
    const views = set.all().map((i) => {
      // A child that died under this request but is not yet noticed as dead: its restart is
      // imminent, so it counts as restarting now rather than as excluded.
      const dying = this.ranFailedChild(i, options);
      return {
        id: i.id,
        state: dying ? ('crashed' as const) : i.state(),
        cooldownUntil: set.account(i.accountId)?.cooldown.activeUntil(now),
        lastKnownLoggedIn: i.lastKnownLoggedIn,
        restartAt: dying ? now : i.restartAt(),
      };
    });
    return assessCapacity(views, options.exclude ?? [], now, deadline);
  }

  private ranFailedChild(instance: PoolInstance, options: AcquireOptions): boolean {
    const c = instance.client();
    return c !== null && (options.failedClients?.includes(c) ?? false);
  }

  /** Excluded instances, plus those still running a child that already failed the request. */
  private excluded(options: AcquireOptions): string[] {
    if (!options.failedClients?.length) return options.exclude ?? [];
    const dead = this.deps.set.all().filter((i) => this.ranFailedChild(i, options));
    return [...(options.exclude ?? []), ...dead.map((i) => i.id)];
  }

  /** Still nothing after the whole wait: the current reason, or a plain queue timeout. */
  private timedOut(options: AcquireOptions): NoCapacityError {
    const verdict = this.assess(options, this.deps.clock.now());
    if (verdict.kind === 'reject') return this.refuse(verdict);
    return this.refuse({
      kind: 'reject',
      reason: 'queue_timeout',
      retryAfterMs: this.retryAfterMs(),
    });
  }

  private retryAfterMs(): number {
    const tuning = this.deps.tuning();
    const ready = this.deps.set.all().filter((i) => i.state() === 'ready').length;
    const perInstance = ready * tuning.maxConcurrentPerInstance;
    const slots = tuning.maxInFlight > 0 ? Math.min(tuning.maxInFlight, perInstance) : perInstance;
    return this.holds.retryAfterMs(this.queue.size + 1, slots);
  }

  private refuse(verdict: Extract<CapacityVerdict, { kind: 'reject' }>): NoCapacityError {
    this.rejectedByReason[verdict.reason] = (this.rejectedByReason[verdict.reason] ?? 0) + 1;
    if (verdict.reason === 'queue_timeout' || verdict.reason === 'queue_full') {
      this.rejectedTotal += 1;
    }
    return new NoCapacityError(verdict.reason, verdict.retryAfterMs);
  }
}
