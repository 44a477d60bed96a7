/**
 * Getting a slot: place at once when a ready instance has room, otherwise wait in one FIFO queue
 * (freed slots go to the first waiter that may use them), or refuse with the reason waiting
 * cannot fix. Leases book in-flight counts here; what an outcome means is the pool's business.
 */
import type { LingmaClientApi } from '../lingma/types';
import { assessCapacity, type CapacityVerdict } from './capacity';
import type { PoolClock } from './clock';
import { NoCapacityError } from './errors';
import { HoldTimeEstimator } from './hold-time';
import type { InstanceSet } from './instance-set';
import type { PoolInstance } from './pool-instance';
import { AffinityMap, choosePlacement } from './routing';
import type { AcquireOptions, Lease, LeaseOutcome, PoolTuning } from './types';
import { WaitQueue } from './wait-queue';

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

/** Placement, the admission queue and lease bookkeeping. */
export class Admission {
  private readonly queue: WaitQueue<Lease, AcquireOptions>;
  private readonly affinity = new AffinityMap();
  private readonly holds = new HoldTimeEstimator();
  private readonly rejectedByReason: Record<string, number> = {};
  private lastOrder = -1;
  private dispatching = false;
  private again = false;

  constructor(private readonly deps: AdmissionDeps) {
    this.queue = new WaitQueue(deps.clock);
  }

  get queued(): number {
    return this.queue.size;
  }

  rejected(): Record<string, number> {
    return { ...this.rejectedByReason };
  }

  acquire(options: AcquireOptions): Promise<Lease> {
    if (options.signal?.aborted) return Promise.reject(options.signal.reason);
    const lease = this.tryPlace(options, undefined);
    if (lease) return Promise.resolve(lease);
    const verdict = this.assess(options);
    if (verdict.kind === 'reject') return Promise.reject(this.refuse(verdict));
    return this.queue.enqueue(options, {
      timeoutMs: this.deps.tuning().queueTimeoutMs,
      signal: options.signal,
      onTimeout: () => this.timedOut(options),
    });
  }

  /** Hands free slots to waiters in FIFO order; fails those that can no longer be served. */
  dispatch(): void {
    if (this.dispatching) {
      this.again = true; // a grant changed state mid-loop: go round once more
      return;
    }
    this.dispatching = true;
    try {
      do {
        this.again = false;
        for (const waiter of this.queue.waiting()) {
          const lease = this.tryPlace(waiter.meta, waiter.enqueuedAt);
          if (lease) {
            this.queue.grant(waiter, lease);
            continue;
          }
          const verdict = this.assess(waiter.meta);
          if (verdict.kind === 'reject') this.queue.fail(waiter, this.refuse(verdict));
        }
      } while (this.again);
    } finally {
      this.dispatching = false;
    }
  }

  failAll(reason: () => unknown): void {
    this.queue.failAll(reason);
  }

  forgetInstance(instanceId: string): void {
    this.affinity.dropInstance(instanceId);
  }

  private tryPlace(options: AcquireOptions, queuedSince: number | undefined): Lease | undefined {
    const { set } = this.deps;
    const tuning = this.deps.tuning();
    const instances = set.all();
    const hashed = options.affinityKey ? AffinityMap.hash(options.affinityKey) : undefined;
    const placement = choosePlacement({
      instances: instances.map((i) => ({
        id: i.id,
        state: i.state(),
        inFlight: i.inFlight,
        lastUsedAt: i.lastUsedAt,
        order: set.orderOf(i),
      })),
      exclude: options.exclude ?? [],
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
        instance.inFlight = Math.max(0, instance.inFlight - 1);
        instance.lastUsedAt = now;
        this.holds.observe(now - leasedAt);
        this.deps.settled(instance, epoch, outcome);
        this.dispatch();
      },
    };
  }

  assess(options: AcquireOptions): CapacityVerdict {
    const { set, clock } = this.deps;
    const now = clock.now();
    const views = set.all().map((i) => ({
      id: i.id,
      state: i.state(),
      cooldownUntil: set.account(i.accountId)?.cooldown.activeUntil(now),
      lastKnownLoggedIn: i.lastKnownLoggedIn,
    }));
    return assessCapacity(views, options.exclude ?? [], now);
  }

  /** Still nothing after the whole wait: the current reason, or a plain queue timeout. */
  private timedOut(options: AcquireOptions): NoCapacityError {
    const verdict = this.assess(options);
    if (verdict.kind === 'reject') return this.refuse(verdict);
    const tuning = this.deps.tuning();
    const ready = this.deps.set.all().filter((i) => i.state() === 'ready').length;
    const retryAfterMs = this.holds.retryAfterMs(
      this.queue.size + 1,
      ready * tuning.maxConcurrentPerInstance,
    );
    return this.refuse({ kind: 'reject', reason: 'queue_timeout', retryAfterMs });
  }

  private refuse(verdict: Extract<CapacityVerdict, { kind: 'reject' }>): NoCapacityError {
    this.rejectedByReason[verdict.reason] = (this.rejectedByReason[verdict.reason] ?? 0) + 1;
    return new NoCapacityError(verdict.reason, verdict.retryAfterMs);
  }
}
