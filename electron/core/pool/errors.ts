/**
 * Typed refusals, so the gateway can answer with the right status and `Retry-After` without
 * parsing messages.
 */

export type NoCapacityReason =
  | 'no_accounts'
  | 'none_logged_in'
  | 'all_cooling_down'
  | 'all_unavailable'
  | 'queue_timeout'
  | 'queue_full';

const MESSAGES: Record<NoCapacityReason, string> = {
  no_accounts: 'No Lingma account is enabled.',
  none_logged_in: 'No Lingma account is logged in.',
  all_cooling_down: 'Every Lingma account is cooling down after a quota or rate limit.',
  all_unavailable: 'No Lingma instance can take this request right now.',
  queue_timeout: 'Every Lingma instance stayed busy for the whole queue timeout.',
  queue_full: 'Too many requests are waiting for the gateway.',
};

/**
 * `acquire` found no instance. Suggested HTTP mapping: `none_logged_in`, `no_accounts` and
 * `all_unavailable` → 503; `all_cooling_down`, `queue_timeout` and `queue_full` → 429 with
 * `retryAfterMs`.
 */
export class NoCapacityError extends Error {
  constructor(
    readonly reason: NoCapacityReason,
    readonly retryAfterMs?: number,
    message: string = MESSAGES[reason],
  ) {
    super(message);
    this.name = 'NoCapacityError';
  }
}

/** The pool was stopped while the request waited. */
export class PoolStoppedError extends Error {
  constructor() {
    super('The account pool is stopping.');
    this.name = 'PoolStoppedError';
  }
}

/** `waitForLogin` ran out of time before the account reported a login. */
export class LoginTimeoutError extends Error {
  readonly code = 'timeout';
  constructor(readonly accountId: string) {
    super(`Account ${accountId} did not finish logging in in time.`);
    this.name = 'LoginTimeoutError';
  }
}

/** The account has no running child to talk to (it is starting, crashed or unknown). */
export class AccountNotRunningError extends Error {
  readonly code = 'not_running';
  constructor(message: string) {
    super(message);
    this.name = 'AccountNotRunningError';
  }
}
