/**
 * A turn's outcome (chat/outcome.ts) → the HTTP error the client gets, in one place: the status,
 * the `Retry-After`, the code and the words. The routes render it in the API's own shape — an
 * error response before the stream opened, a terminal error event after.
 */
import type { FailedOutcome } from '../chat/outcome';
import { ApiError } from './errors';

const seconds = (ms: number | undefined, fallback: number): number =>
  ms === undefined ? fallback : Math.max(1, Math.ceil(ms / 1000));

/** Seconds until `resetAt` (epoch ms), at least 1. */
const secondsUntil = (resetAt: number | undefined): number | undefined =>
  resetAt === undefined ? undefined : Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));

/** The one "client closed" error (status 499; nobody reads it but the request log). */
export const CLIENT_CLOSED_ERROR = new ApiError(
  'invalid_request',
  'The client closed the request.',
  {
    status: 499,
  },
);

export function outcomeError(o: FailedOutcome): ApiError {
  switch (o.kind) {
    case 'client_closed':
      return CLIENT_CLOSED_ERROR;
    case 'quota_exhausted':
      return new ApiError('rate_limit', `The Lingma account's quota is exhausted (${o.message}).`, {
        retryAfter: secondsUntil(o.resetAt) ?? 60,
      });
    case 'rate_limited':
      return new ApiError('rate_limit', `Lingma is rate limiting this account (${o.message}).`, {
        retryAfter: secondsUntil(o.resetAt) ?? 60,
      });
    case 'logged_out':
      return new ApiError(
        'unavailable',
        `The Lingma account is not logged in (${o.message}). Log in again from the Accounts page.`,
      );
    case 'connection_lost':
      return new ApiError('upstream', `Lost the connection to the Lingma process: ${o.message}`);
    case 'timeout':
      return new ApiError('timeout', `${o.message}; the request was stopped.`, {
        code: 'upstream_timeout',
      });
    case 'upstream_error':
      return upstreamError(o.message, o.status);
    case 'no_capacity':
      return noCapacityError(o);
    case 'shutting_down':
      // 503, terminal when streaming.
      return new ApiError('unavailable', 'The gateway is shutting down.', {
        code: 'shutting_down',
        retryAfter: 5,
      });
    case 'invalid_request':
      return new ApiError('invalid_request', o.message, { param: o.param ?? null });
    case 'context_length_exceeded':
      // OpenAI and Responses clients read the code (Codex stops the turn on it); Anthropic
      // clients read the message, which starts as the API's own does (Claude Code compacts).
      return new ApiError('invalid_request', o.message, { code: 'context_length_exceeded' });
    case 'internal':
      return new ApiError('internal', 'The gateway hit an internal error.', { cause: o.cause });
  }
}

function upstreamError(message: string, status: number | undefined): ApiError {
  if (status === undefined) return new ApiError('upstream', `Lingma failed: ${message}`);
  if (status === 408) return new ApiError('timeout', `Lingma timed out (${message}).`);
  return new ApiError('upstream', `Lingma answered with an error: ${message} (status ${status}).`, {
    code: `lingma_${status}`,
  });
}

/** Pool refusals → what clients understand: 503 or 429, with Retry-After. */
function noCapacityError(o: Extract<FailedOutcome, { kind: 'no_capacity' }>): ApiError {
  switch (o.reason) {
    case 'no_accounts':
      return new ApiError(
        'unavailable',
        `${o.message} Add and log in an account in Lingma Gateway.`,
        {
          code: 'no_accounts',
          retryAfter: seconds(o.retryAfterMs, 30),
        },
      );
    case 'none_logged_in':
      return new ApiError('unavailable', `${o.message} Log in from the Accounts page.`, {
        code: 'not_logged_in',
        retryAfter: seconds(o.retryAfterMs, 30),
      });
    case 'all_unavailable':
      return new ApiError('unavailable', o.message, {
        code: 'no_ready_instance',
        retryAfter: seconds(o.retryAfterMs, 5),
      });
    default:
      return new ApiError('rate_limit', o.message, {
        code: o.reason,
        retryAfter: seconds(o.retryAfterMs, 30),
      });
  }
}
