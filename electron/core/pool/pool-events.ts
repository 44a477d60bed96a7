/**
 * The pool's two event streams: snapshots for the tray/UI/metrics (batched per microtask, since a
 * burst of leases would otherwise push one snapshot per counter change) and instance losses for
 * the session cache (immediate, so no request can pick a binding to a dead session).
 */
import type { Logger } from '../util/logger';
import type { InstanceLossReason, InstanceSnapshot } from './types';

/** Listener sets for snapshots (batched) and instance losses (immediate). */
export class PoolEvents {
  private readonly changeListeners = new Set<(snapshot: InstanceSnapshot[]) => void>();
  private readonly lossListeners = new Set<(id: string, reason: InstanceLossReason) => void>();
  private queued = false;

  constructor(
    private readonly snapshot: () => InstanceSnapshot[],
    private readonly logger: Logger,
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
      this.call(this.changeListeners, this.snapshot());
    });
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
