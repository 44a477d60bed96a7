import { describe, expect, it } from 'vitest';
import { classifyFinish, parseResetAt } from './finish';

const NOW = 1_750_000_000_000;

describe('classifyFinish', () => {
  it.each([
    [200, 'success', 'ok'],
    [429, 'Too many requests', 'rate_limited'],
    [500, '您的额度已用完', 'quota_exhausted'],
    [403, 'quota exceeded for this month', 'quota_exhausted'],
    [403, 'User invalid, stop retry', 'logged_out'],
    [401, '', 'logged_out'],
    [500, '请求过于频繁', 'rate_limited'],
    [408, 'timeout', 'upstream_error'],
    [500, 'internal error', 'upstream_error'],
  ])('%i %s → %s', (status, reason, kind) => {
    expect(classifyFinish(status, reason, undefined, NOW).kind).toBe(kind);
  });

  it('takes a reset time from extra (absolute, delay, nested) but never for ok', () => {
    expect(classifyFinish(429, 'slow down', { retryAfter: 30 }, NOW).resetAt).toBe(NOW + 30_000);
    expect(classifyFinish(200, '', { retryAfter: 30 }, NOW).resetAt).toBeUndefined();
    expect(parseResetAt({ quota: { resetAt: 1_760_000_000 } }, NOW)).toBe(1_760_000_000_000);
    expect(parseResetAt({ reset_at: '2026-01-01T00:00:00Z' }, NOW)).toBe(
      Date.parse('2026-01-01T00:00:00Z'),
    );
    expect(parseResetAt({ retryAfterMs: '1500' }, NOW)).toBe(NOW + 1500);
    expect(parseResetAt({ other: 1 }, NOW)).toBeUndefined();
    expect(parseResetAt('nope', NOW)).toBeUndefined();
  });
});
