/**
 * The one place that decides an instance's state from its inputs, so the tray, `/healthz`, metrics
 * and routing can never disagree.
 */
import type { SupervisorState } from '../lingma/types';
import type { InstanceState } from './types';

/** What the last `auth/status` said while the current child runs. */
export type AuthKnowledge = 'unknown' | 'logged-in' | 'logged-out';

export interface StateInputs {
  enabled: boolean;
  /** Absent for a disabled account (no supervisor exists). */
  supervisor?: SupervisorState;
  auth: AuthKnowledge;
  /** The account's cooldown end (epoch ms), if any. */
  cooldownUntil?: number;
  now: number;
}

/**
 * Precedence: disabled > process problems > login > cooldown. A cooling account that is also
 * logged out shows `logged-out` because that is what the user must fix.
 */
export function deriveInstanceState(i: StateInputs): InstanceState {
  if (!i.enabled || !i.supervisor) return 'disabled';
  switch (i.supervisor) {
    case 'crashed':
    case 'restarting': // waiting out a backoff after a failure
      return 'crashed';
    case 'running':
      break;
    default: // stopped (not started yet), starting, stopping (a worker being restarted)
      return 'starting';
  }
  if (i.auth === 'unknown') return 'starting';
  if (i.auth === 'logged-out') return 'logged-out';
  if (i.cooldownUntil !== undefined && i.cooldownUntil > i.now) return 'cooling-down';
  return 'ready';
}
