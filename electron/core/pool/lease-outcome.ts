/**
 * What a finished lease teaches the pool: counters, the account's cooldown after a quota or rate
 * limit, a re-check after "logged out", a stuck check after a timeout. A lost connection needs
 * nothing here: the supervisor restarts the child and its events drive the state.
 */
import type { Logger } from '../util/logger';
import type { AccountEntry } from './instance-set';
import type { PoolInstance } from './pool-instance';
import type { LeaseOutcome } from './types';

export interface OutcomeHost {
  now(): number;
  logger: Logger;
  account(accountId: string): AccountEntry | undefined;
  /** An account started cooling down: re-arm the wake-up and re-derive states. */
  cooling(): void;
  /** Upstream said "not logged in": re-check the account. */
  loggedOut(instance: PoolInstance): void;
  /** The turn hung: hold the instance back and check it (stuck-check.ts). */
  timedOut(instance: PoolInstance): void;
}

/** Books `outcome` of a lease taken on `instance` under cooldown `epoch`. */
export function applyOutcome(
  host: OutcomeHost,
  instance: PoolInstance,
  epoch: number,
  outcome: LeaseOutcome,
): void {
  const now = host.now();
  const entry = host.account(instance.accountId);
  if (outcome.kind === 'ok') {
    instance.served += 1;
    instance.succeeded();
    entry?.cooldown.succeeded(epoch);
    return;
  }
  instance.errors += 1;
  instance.lastError = outcome.message ?? outcome.kind;
  if ((outcome.kind === 'quota_exhausted' || outcome.kind === 'rate_limited') && entry) {
    const until = entry.cooldown.trip(now, epoch, outcome.resetAt);
    host.logger.warn('account cooling down', {
      accountId: instance.accountId,
      kind: outcome.kind,
      seconds: Math.round((until - now) / 1000),
    });
    host.cooling();
  } else if (outcome.kind === 'logged_out') {
    instance.markLoggedOut();
    host.loggedOut(instance);
  } else if (outcome.kind === 'timeout') {
    host.timedOut(instance);
  }
}
