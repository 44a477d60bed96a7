import { describe, expect, it } from 'vitest';
import { ackFailure } from '../lingma/chat-events';
import { LingmaError } from '../lingma/types';
import { NoCapacityError, PoolStoppedError } from '../pool/errors';
import { errorOutcome, finishOutcome, leaseOutcome, mayFailover, TurnFailure } from './outcome';

describe('the one classifier of how a turn ended', () => {
  it.each([
    [200, '', 'ok'],
    [429, 'Too many requests', 'rate_limited'],
    [500, 'exceeded the limit for today', 'quota_exhausted'],
    [200, 'exceeded the limit', 'ok'],
    [403, 'User invalid, stop retry', 'logged_out'],
    [408, 'timeout', 'upstream_error'],
    [502, 'bad gateway', 'upstream_error'],
  ])('a finish %i "%s" → %s', (status, reason, kind) => {
    expect(finishOutcome(status, reason).kind).toBe(kind);
  });

  it('judges a refused chat/ask by the same rules as a finish', () => {
    const refused = ackFailure({ success: false, status: 503, errorMessage: 'overloaded' });
    expect(errorOutcome(refused)).toEqual(finishOutcome(503, 'chat/ask refused: overloaded'));
    expect(
      errorOutcome(ackFailure({ isSuccess: false, errorMessage: 'quota exceeded' })).kind,
    ).toBe('quota_exhausted');
  });

  it('classifies errors, and anything after the client left as client_closed', () => {
    const gone = new AbortController();
    gone.abort();
    expect(errorOutcome(new LingmaError('x', 'connection_lost'), gone.signal).kind).toBe(
      'client_closed',
    );
    expect(errorOutcome(new LingmaError('x', 'not_connected')).kind).toBe('connection_lost');
    expect(errorOutcome(new LingmaError('x', 'aborted')).kind).toBe('client_closed');
    expect(errorOutcome(new PoolStoppedError()).kind).toBe('shutting_down');
    expect(errorOutcome(new NoCapacityError('queue_timeout', 2_000))).toMatchObject({
      kind: 'no_capacity',
      reason: 'queue_timeout',
      retryAfterMs: 2_000,
    });
    expect(errorOutcome(new TurnFailure({ kind: 'timeout', message: 'm' })).kind).toBe('timeout');
    expect(errorOutcome(new Error('bug')).kind).toBe('internal');
  });

  it('tells the pool what to learn and the engine whether to fail over', () => {
    const quota = finishOutcome(429, 'quota exceeded', 123);
    expect(leaseOutcome(quota)).toEqual({
      kind: 'quota_exhausted',
      message: 'quota exceeded',
      resetAt: 123,
    });
    expect(leaseOutcome({ kind: 'client_closed' })).toEqual({
      kind: 'ok',
      message: 'client disconnected',
    });
    expect(leaseOutcome(finishOutcome(500, 'boom')).kind).toBe('error');
    expect(mayFailover(quota, false)).toBe(true);
    expect(mayFailover(finishOutcome(408, 'slow'), false)).toBe(true);
    expect(mayFailover(finishOutcome(400, 'bad'), false)).toBe(false);
    expect(mayFailover({ kind: 'timeout', message: '' }, false)).toBe(false);
    expect(mayFailover({ kind: 'timeout', message: '' }, true)).toBe(true);
    expect(mayFailover({ kind: 'client_closed' }, true)).toBe(false);
  });
});
