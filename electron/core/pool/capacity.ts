/**
 * Why nothing could be placed right now, and whether waiting can help. Pure, so every reason and
 * its Retry-After are testable without a pool.
 */
import type { NoCapacityReason } from './errors';
import type { InstanceState } from './types';

export interface CapacityView {
  id: string;
  state: InstanceState;
  cooldownUntil?: number;
  /** The last auth check of any run said "logged in" (undefined = never checked). */
  lastKnownLoggedIn?: boolean;
  /** Epoch ms a crashed child is due to start again (absent: no restart is scheduled). */
  restartAt?: number;
}

export type CapacityVerdict =
  { kind: 'wait' } | { kind: 'reject'; reason: NoCapacityReason; retryAfterMs?: number };

/**
 * `wait` when a slot can still appear for this request before `deadline`: a ready instance is
 * merely busy, one is starting, or a crashed one restarts in time (none of them known to be logged
 * out). Otherwise the most actionable reason.
 */
export function assessCapacity(
  instances: readonly CapacityView[],
  exclude: readonly string[],
  now: number,
  deadline = Number.POSITIVE_INFINITY,
): CapacityVerdict {
  const live = instances.filter((i) => i.state !== 'disabled');
  if (live.length === 0) return { kind: 'reject', reason: 'no_accounts' };
  const eligible = live.filter((i) => !exclude.includes(i.id));
  if (eligible.some((i) => i.state === 'ready')) return { kind: 'wait' };
  if (eligible.some((i) => i.state === 'starting' && i.lastKnownLoggedIn !== false)) {
    return { kind: 'wait' };
  }
  // A crashed child restarts at once (and only backs off in a crash loop): its requests wait for
  // it rather than get a 503, as long as it is due back before their queue wait ends (issue 12).
  const returning = eligible
    .filter((i) => i.state === 'crashed' && i.restartAt !== undefined)
    .filter((i) => i.lastKnownLoggedIn !== false)
    .map((i) => i.restartAt as number);
  if (returning.some((at) => at <= deadline)) return { kind: 'wait' };
  const ends = eligible
    .filter((i) => i.state === 'cooling-down' && i.cooldownUntil !== undefined)
    .map((i) => i.cooldownUntil as number);
  if (ends.length > 0) {
    return {
      kind: 'reject',
      reason: 'all_cooling_down',
      retryAfterMs: Math.max(1_000, Math.min(...ends) - now),
    };
  }
  const anyLogin = live.some(
    (i) => i.state === 'ready' || i.state === 'cooling-down' || i.lastKnownLoggedIn === true,
  );
  if (returning.length > 0) {
    const soonest = Math.min(...returning);
    return {
      kind: 'reject',
      reason: 'all_unavailable',
      retryAfterMs: Math.max(1_000, soonest - now),
    };
  }
  return { kind: 'reject', reason: anyLogin ? 'all_unavailable' : 'none_logged_in' };
}
