/**
 * A running average of how long slots are held, so a 429's `Retry-After` reflects how fast the
 * queue actually drains instead of a constant.
 */

const DEFAULT_HOLD_MS = 5_000;
const MIN_RETRY_MS = 1_000;
const MAX_RETRY_MS = 60_000;

/** EWMA of slot hold times → Retry-After suggestions. */
export class HoldTimeEstimator {
  private average: number | undefined;

  /** Records one slot's hold time (exponentially weighted: recent turns count most). */
  observe(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    this.average = this.average === undefined ? ms : this.average * 0.8 + ms * 0.2;
  }

  /** Suggested wait before retrying, for `waiting` callers sharing `slots` slots. */
  retryAfterMs(waiting: number, slots: number): number {
    const rounds = Math.max(1, Math.ceil(waiting / Math.max(1, slots)));
    const estimate = (this.average ?? DEFAULT_HOLD_MS) * rounds;
    return Math.round(Math.min(MAX_RETRY_MS, Math.max(MIN_RETRY_MS, estimate)));
  }
}
