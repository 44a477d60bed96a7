import { describe, expect, it } from 'vitest';
import { finishOutcome } from '../chat/outcome';
import { CLIENT_CLOSED_ERROR, outcomeError } from './outcome-error';

describe('outcomeError', () => {
  it('is the one place an outcome becomes an HTTP status, code and Retry-After', () => {
    expect(outcomeError({ kind: 'client_closed' })).toBe(CLIENT_CLOSED_ERROR);
    expect(CLIENT_CLOSED_ERROR.status).toBe(499);
    const quota = outcomeError({
      kind: 'quota_exhausted',
      message: 'q',
      resetAt: Date.now() + 9_500,
    });
    expect(quota).toMatchObject({ status: 429, retryAfter: 10 });
    expect(outcomeError({ kind: 'timeout', message: 'silent' })).toMatchObject({
      status: 504,
      code: 'upstream_timeout',
    });
    const lingma500 = finishOutcome(500, 'boom');
    expect(lingma500.kind === 'ok' ? undefined : outcomeError(lingma500)).toMatchObject({
      status: 502,
      code: 'lingma_500',
    });
    expect(
      outcomeError({ kind: 'no_capacity', reason: 'none_logged_in', message: 'none.' }),
    ).toMatchObject({ status: 503, code: 'not_logged_in', retryAfter: 30 });
    expect(
      outcomeError({
        kind: 'no_capacity',
        reason: 'queue_timeout',
        message: 'busy.',
        retryAfterMs: 1,
      }),
    ).toMatchObject({ status: 429, code: 'queue_timeout', retryAfter: 1 });
    expect(outcomeError({ kind: 'shutting_down' })).toMatchObject({ status: 503, retryAfter: 5 });
    expect(outcomeError({ kind: 'internal', message: 'secret detail' }).message).not.toContain(
      'secret',
    );
  });
});
