/**
 * When an account cools down, and for how long.
 *
 * When: a lease comes back with the outcome `quota_exhausted` or `rate_limited`. The chat core
 * decides that from how the turn ended (chat/outcome.ts, over the status/reason rules of
 * lingma/finish.ts: a 429, or quota / rate-limit words in English or Chinese), and
 * lease-outcome.ts trips this account's cooldown. Every worker of an account shares the upstream
 * quota, so the whole account rests; the request itself fails over to another account.
 *
 * How long: until the reset time Lingma gave (`resetAt`, parsed from the finish's `extra`), else
 * DEFAULT_BACKOFF doubling on each strike (capped); a success resets the strikes. A lease taken
 * before the current cooldown cannot end it (`epoch`). A new login clears it (AccountPool).
 */
import type { BackoffOptions } from './types';

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 60_000, maxMs: 30 * 60_000 };

/** One account's cooldown end and backoff strikes. */
export class AccountCooldown {
  private until: number | undefined;
  private strikes = 0;
  private trips = 0;

  constructor(private readonly backoff: BackoffOptions) {}

  /**
   * Counts trips. A lease remembers the value it was taken under, so the pool can tell a failure
   * (or success) of a lease that predates the current cooldown from one that follows it, without
   * relying on clock resolution.
   */
  get epoch(): number {
    return this.trips;
  }

  /** Epoch ms the cooldown ends, or undefined when not cooling at `now`. */
  activeUntil(now: number): number | undefined {
    return this.until !== undefined && this.until > now ? this.until : undefined;
  }

  /**
   * Records a quota/rate-limit failure of a lease taken under `leaseEpoch`. Parallel failures of
   * one burst (leases taken before the last trip) may extend the cooldown but add no strike.
   * Returns the cooldown end.
   */
  trip(now: number, leaseEpoch: number, resetAt?: number): number {
    const sameBurst = leaseEpoch < this.trips;
    if (!sameBurst) {
      this.strikes += 1;
      this.trips += 1;
    }
    const backoff = Math.min(
      this.backoff.maxMs,
      this.backoff.initialMs * 2 ** Math.max(0, this.strikes - 1),
    );
    const end = resetAt !== undefined && resetAt > now ? resetAt : now + backoff;
    this.until = sameBurst ? Math.max(this.until ?? 0, end) : end;
    return this.until;
  }

  /** A success of a lease taken after the last trip proves the account works again. */
  succeeded(leaseEpoch: number): void {
    if (leaseEpoch === this.trips) this.strikes = 0;
  }

  /** Clears the cooldown and the backoff (e.g. after a fresh login). */
  reset(): void {
    this.until = undefined;
    this.strikes = 0;
    this.trips += 1;
  }
}
