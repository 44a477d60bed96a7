/**
 * How a turn ended — the one classifier. Everything that can end a request's turn (a Lingma
 * finish, an error out of the upstream turn, a pool refusal, the client leaving, the gateway
 * quitting) becomes one TurnOutcome here. From it follow what the pool learns (leaseOutcome:
 * cooldown, re-login check, stuck check), whether another account may take the request
 * (mayFailover) and — at the gateway's edge, once — what the client is told
 * (gateway/outcome-error.ts). The status/reason rules for a Lingma finish live in
 * lingma/finish.ts and are used from here only.
 */
import { classifyFinish } from '../lingma/finish';
import { LingmaError } from '../lingma/types';
import { NoCapacityError, PoolStoppedError, type NoCapacityReason } from '../pool/errors';
import type { LeaseOutcome } from '../pool/types';

export type TurnOutcome =
  | { kind: 'ok' }
  /** The client went away (disconnect or abort) before the answer was complete. */
  | { kind: 'client_closed' }
  | { kind: 'quota_exhausted' | 'rate_limited'; message: string; resetAt?: number }
  | { kind: 'logged_out'; message: string }
  /** The Lingma child died or its socket closed under the turn. */
  | { kind: 'connection_lost'; message: string }
  /** The turn watchdog stopped a turn that hung (no first event, or silent mid-answer). */
  | { kind: 'timeout'; message: string }
  /** Lingma ended the turn with an error; `status` is the finish's statusCode when there was one. */
  | { kind: 'upstream_error'; message: string; status?: number }
  /** The pool found no instance (none logged in, all cooling down, the queue timed out, …). */
  | { kind: 'no_capacity'; reason: NoCapacityReason; message: string; retryAfterMs?: number }
  | { kind: 'shutting_down' }
  /** The request cannot be run as sent (e.g. a structured-output schema that does not compile). */
  | { kind: 'invalid_request'; message: string; param?: string }
  /** Even cut to its pinned parts, the question does not fit the context budget (Settings). */
  | { kind: 'context_length_exceeded'; message: string; tokens: number; limit: number }
  | { kind: 'internal'; message: string; cause?: unknown };

export type TurnOutcomeKind = TurnOutcome['kind'];
/** Every outcome but success. */
export type FailedOutcome = Exclude<TurnOutcome, { kind: 'ok' }>;

export const OK: TurnOutcome = { kind: 'ok' };
export const CLIENT_CLOSED: FailedOutcome = { kind: 'client_closed' };
export const SHUTTING_DOWN: FailedOutcome = { kind: 'shutting_down' };

/** Thrown inside the chat core to end a turn with an outcome; never leaves it. */
export class TurnFailure extends Error {
  constructor(readonly outcome: FailedOutcome) {
    super('message' in outcome ? outcome.message : outcome.kind);
    this.name = 'TurnFailure';
  }
}

/** A `chat/finish` → its outcome (`ok` for a successful one). */
export function finishOutcome(statusCode: number, reason: string, resetAt?: number): TurnOutcome {
  const kind = classifyFinish(statusCode, reason).kind;
  if (kind === 'ok') return OK;
  const message = reason || `status ${statusCode}`;
  switch (kind) {
    case 'quota_exhausted':
    case 'rate_limited':
      return resetAt === undefined ? { kind, message } : { kind, message, resetAt };
    case 'logged_out':
      return { kind, message };
    case 'upstream_error':
      return { kind, message, status: statusCode };
  }
}

/** Anything thrown out of a turn (or out of `acquire`) → its outcome. */
export function errorOutcome(err: unknown, signal?: AbortSignal): FailedOutcome {
  if (err instanceof TurnFailure) return err.outcome;
  // Whatever broke after the client left broke because it left.
  if (signal?.aborted) return CLIENT_CLOSED;
  if (err instanceof NoCapacityError) {
    const o = { kind: 'no_capacity', reason: err.reason, message: err.message } as const;
    return err.retryAfterMs === undefined ? o : { ...o, retryAfterMs: err.retryAfterMs };
  }
  if (err instanceof PoolStoppedError) return SHUTTING_DOWN;
  if (err instanceof LingmaError) return lingmaOutcome(err);
  const message = err instanceof Error ? err.message : String(err);
  return { kind: 'internal', message, cause: err };
}

function lingmaOutcome(err: LingmaError): FailedOutcome {
  const message = err.message;
  switch (err.code) {
    case 'connection_lost':
    case 'not_connected':
      return { kind: 'connection_lost', message };
    case 'timeout':
      return { kind: 'timeout', message };
    case 'logged_out':
      return { kind: 'logged_out', message };
    case 'quota_exhausted':
    case 'rate_limited':
      return { kind: err.code, message };
    case 'aborted':
      return CLIENT_CLOSED;
    default: {
      // A refused chat/ask carries its status (chat-events.ts): the same rules as a finish.
      const status = err.details.statusCode;
      return typeof status === 'number' && status > 0
        ? { kind: 'upstream_error', message, status }
        : { kind: 'upstream_error', message };
    }
  }
}

/** What the pool learns from a lease that ended with `o`. */
export function leaseOutcome(o: TurnOutcome): LeaseOutcome {
  switch (o.kind) {
    case 'ok':
      return { kind: 'ok' };
    case 'client_closed':
      // Nothing is wrong with the instance.
      return { kind: 'ok', message: 'client disconnected' };
    case 'quota_exhausted':
    case 'rate_limited':
      return o.resetAt === undefined
        ? { kind: o.kind, message: o.message }
        : { kind: o.kind, message: o.message, resetAt: o.resetAt };
    case 'logged_out':
    case 'connection_lost':
    case 'timeout':
      return { kind: o.kind, message: o.message };
    case 'shutting_down':
      return { kind: 'error', message: 'shutting down' };
    default:
      return { kind: 'error', message: o.message };
  }
}

/**
 * Whether another account may take the request (only ever before any byte reached the client).
 * A hung turn is not replayed by default: the same request would most likely hang there too and
 * tie up a second account (issue 12); `failoverOnTimeout` opts in.
 */
export function mayFailover(o: TurnOutcome, failoverOnTimeout: boolean): boolean {
  switch (o.kind) {
    case 'quota_exhausted':
    case 'rate_limited':
    case 'logged_out':
    case 'connection_lost':
      return true;
    case 'timeout':
      return failoverOnTimeout;
    case 'upstream_error':
      // Lingma's own remote timed out (408) or failed (5xx): another account may fare better.
      return o.status !== undefined && (o.status === 408 || o.status >= 500);
    default:
      return false;
  }
}
