/**
 * The pool's two event streams: snapshots for the tray/UI/metrics and instance losses for the
 * session cache (immediate, so no request can pick a binding to a dead session).
 *
 * Snapshots are batched: a state change is announced at the end of the tick, however many changes
 * happen in it; a change of counters only (a lease going out or coming back) at most every
 * COUNTERS_MS — the tray's in-flight number needs no more, and a snapshot per request would cost
 * every request a walk over every instance and every listener's work.
 */
import type { Logger } from '../util/logger';
import type { PoolClock, PoolTimer } from './clock';
import type { InstanceLossReason, InstanceSnapshot } from './types';

/** The longest a counters-only change waits for its snapshot. */
export const COUNTERS_MS = 100;

/** Listener sets for snapshots (batched) and instance losses (immediate). */
export class PoolEvents {
  private readonly changeListeners = new Set<(snapshot: InstanceSnapshot[]) => void>();
  private readonly lossListeners = new Set<(id: string, reason: InstanceLossReason) => void>();
  private queued = false;
  private counterTimer: PoolTimer | undefined;

  constructor(
    private readonly snapshot: () => InstanceSnapshot[],
    private readonly logger: Logger,
    private readonly clock: PoolClock,
  ) {}

  onChange(listener: (snapshot: InstanceSnapshot[]) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  onInstanceLost(listener: (instanceId: string, reason: InstanceLossReason) => void): () => void {
    this.lossListeners.add(listener);
    return () => this.lossListeners.delete(listener);
  }

  /** Schedules one snapshot for the end of this tick, however many changes happen before it. */
  changed(): void {
    if (this.queued) return;
    this.queued = true;
    queueMicrotask(() => {
      this.queued = false;
      if (this.counterTimer !== undefined) this.clock.clearTimeout(this.counterTimer);
      this.counterTimer = undefined;
      this.call(this.changeListeners, this.snapshot());
    });
  }

  /** Only counters changed: a snapshot within COUNTERS_MS (or sooner, with the next change). */
  counted(): void {
    if (this.queued || this.counterTimer !== undefined || this.changeListeners.size === 0) return;
    this.counterTimer = this.clock.setTimeout(() => {
      this.counterTimer = undefined;
      this.changed();
    }, COUNTERS_MS);
  }

  /** No snapshot is pending any more (the pool stopped). */
  stop(): void {
    if (this.counterTimer !== undefined) this.clock.clearTimeout(this.counterTimer);
    this.counterTimer = undefined;
  }

  lost(instanceId: string, reason: InstanceLossReason): void {
    for (const l of [...this.lossListeners]) {
      try {
        l(instanceId, reason);
      } catch (err) {
        this.logger.error('instance-lost listener failed', { err });
      }
    }
  }

  private call(
    listeners: Set<(snapshot: InstanceSnapshot[]) => void>,
    snap: InstanceSnapshot[],
  ): void {
    for (const l of [...listeners]) {
      try {
        l(snap);
      } catch (err) {
        this.logger.error('pool listener failed', { err });
      }
    }
  }
}
