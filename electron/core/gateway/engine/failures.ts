import { LingmaError } from '../../lingma/types';
import { ApiError } from '../errors';
import type { LeaseOutcome } from './ports';

/**
 * A failed upstream turn, classified once: what the pool should learn (outcome → cooldown,
 * re-login, restart), whether another account may take the request (only before any byte reached
 * the client), and what the client is told.
 */
export class TurnFailure extends Error {
  constructor(
    readonly outcome: LeaseOutcome,
    readonly failover: boolean,
    readonly apiError: ApiError,
  ) {
    super(apiError.message);
    this.name = 'TurnFailure';
  }
}

const QUOTA = /quota|exhaust|insufficient|额度|配额|用量|余额/i;
const RATE = /rate.?limit|too many|throttl|频繁|限流/i;
const LOGIN =
  /not logged|log ?in|logged.?out|unauthori[sz]ed|token (?:expired|invalid)|user invalid|未登录|登录/i;

/** Seconds until `resetAt`, at least 1. */
function secondsUntil(resetAt: number | undefined, now = Date.now()): number | undefined {
  if (resetAt === undefined) return undefined;
  return Math.max(1, Math.ceil((resetAt - now) / 1000));
}

/** A non-200 `chat/finish` → a failure (null for 200). */
export function failureFromFinish(
  statusCode: number,
  reason: string,
  resetAt?: number,
): TurnFailure | null {
  if (statusCode === 200) return null;
  const text = reason || `status ${statusCode}`;
  if (statusCode === 429 || QUOTA.test(text) || RATE.test(text)) {
    const quota = QUOTA.test(text) && !RATE.test(text);
    return new TurnFailure(
      { kind: quota ? 'quota_exhausted' : 'rate_limited', resetAt, message: text },
      true,
      new ApiError(
        'rate_limit',
        quota
          ? `The Lingma account's quota is exhausted (${text}).`
          : `Lingma is rate limiting this account (${text}).`,
        { retryAfter: secondsUntil(resetAt) ?? 60 },
      ),
    );
  }
  if (statusCode === 401 || statusCode === 403 || LOGIN.test(text)) {
    return new TurnFailure(
      { kind: 'logged_out', message: text },
      true,
      new ApiError(
        'unavailable',
        `The Lingma account is not logged in (${text}). Log in again from the Accounts page.`,
      ),
    );
  }
  if (statusCode === 408) {
    return new TurnFailure(
      { kind: 'error', message: text },
      true,
      new ApiError('timeout', `Lingma timed out (${text}).`),
    );
  }
  return new TurnFailure(
    { kind: 'error', message: text },
    statusCode >= 500,
    new ApiError('upstream', `Lingma answered with an error: ${text} (status ${statusCode}).`, {
      code: `lingma_${statusCode}`,
    }),
  );
}

/** What a client hears when the gateway quits under its request (503, terminal when streaming). */
export function shuttingDown(): ApiError {
  return new ApiError('unavailable', 'The gateway is shutting down.', {
    code: 'shutting_down',
    retryAfter: 5,
  });
}

/** Any error out of a turn → a failure. */
export function failureFromError(err: unknown, signal: AbortSignal): TurnFailure {
  if (err instanceof TurnFailure) return err;
  if (signal.aborted) {
    return new TurnFailure(
      { kind: 'ok', message: 'client disconnected' },
      false,
      new ApiError('invalid_request', 'The client closed the request.', { status: 499 }),
    );
  }
  if (err instanceof ApiError)
    return new TurnFailure({ kind: 'error', message: err.message }, false, err);
  if (err instanceof LingmaError) {
    switch (err.code) {
      case 'connection_lost':
      case 'not_connected':
        return new TurnFailure(
          { kind: 'connection_lost', message: err.message },
          true,
          new ApiError('upstream', `Lost the connection to the Lingma process: ${err.message}`),
        );
      case 'timeout':
        // A hung turn is not replayed on another account by default: the same request would most
        // likely hang there too and tie up a second account (issue 12); the engine may opt in.
        return new TurnFailure(
          { kind: 'timeout', message: err.message },
          false,
          new ApiError('timeout', `${err.message}; the request was stopped.`, {
            code: 'upstream_timeout',
          }),
        );
      case 'logged_out':
        return new TurnFailure(
          { kind: 'logged_out', message: err.message },
          true,
          new ApiError('unavailable', 'The Lingma account is not logged in.'),
        );
      case 'quota_exhausted':
      case 'rate_limited':
        return failureFromFinish(429, err.message) as TurnFailure;
      case 'aborted':
        return new TurnFailure(
          { kind: 'ok', message: 'aborted' },
          false,
          new ApiError('invalid_request', 'The request was cancelled.', { status: 499 }),
        );
      default:
        return new TurnFailure(
          { kind: 'error', message: err.message },
          false,
          new ApiError('upstream', `Lingma failed: ${err.message}`),
        );
    }
  }
  return new TurnFailure(
    { kind: 'error', message: err instanceof Error ? err.message : String(err) },
    false,
    new ApiError('internal', 'The gateway hit an internal error.', { cause: err }),
  );
}
