/** The pool's counters for `/metrics` and `/internal/stats`. */
import type { Admission } from './admission';
import type { InstanceSnapshot, PoolOptions, PoolStats } from './types';

export function poolStats(
  snap: readonly InstanceSnapshot[],
  admission: Pick<Admission, 'queued' | 'rejected' | 'stats'>,
  options: Pick<PoolOptions, 'sessionCache'>,
): PoolStats {
  const stats: PoolStats = {
    instances: snap.map(({ id, accountId, state, inFlight, served, errors }) => ({
      id,
      accountId,
      state,
      inFlight,
      served,
      errors,
    })),
    ready: snap.filter((s) => s.state === 'ready').length,
    queued: admission.queued,
    rejected: admission.rejected(),
    admission: admission.stats(),
  };
  if (options.sessionCache) stats.reuse = options.sessionCache.stats();
  return stats;
}
