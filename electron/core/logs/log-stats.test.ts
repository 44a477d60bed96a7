import { describe, expect, it } from 'vitest';
import type { EntrySummary } from './types';
import { logStats, percentileOf } from './log-stats';
import type { IndexRecord } from './log-index';

const T0 = Date.UTC(2025, 6, 1, 9);
const MIN = 60_000;

function rec(over: Partial<EntrySummary> & { time: number }): IndexRecord {
  const summary: EntrySummary = {
    id: `r${over.time}-${Math.random()}`,
    protocol: 'openai',
    endpoint: 'POST /v1/chat/completions',
    stream: false,
    toolCalls: 0,
    inProgress: false,
    status: 200,
    ...over,
  };
  return { summary, idLower: summary.id, context: '' };
}

describe('requests over time (issue 16)', () => {
  it('counts requests, errors, tokens and latency per bucket and split', () => {
    const main = [
      rec({ time: T0 + 1, account: 'a', durationMs: 100, tokensIn: 10, tokensOut: 5 }),
      rec({ time: T0 + 2, account: 'a', durationMs: 300 }),
      rec({ time: T0 + 3, account: 'b', status: 502, error: 'upstream: x', durationMs: 9 }),
      rec({ time: T0 + MIN + 1, account: 'b', durationMs: 200 }),
      rec({
        time: T0 + 2 * MIN,
        account: 'b',
        status: 429,
        error: "rate_limit: The Lingma account's quota is exhausted (quota exceeded).",
      }),
    ];
    const s = logStats(
      { since: T0, until: T0 + 3 * MIN, bucketMs: MIN, split: 'account' },
      { main, edge: [], refusedSinceStart: {}, now: T0 + 3 * MIN, forgotten: true },
    );
    expect(s.buckets).toEqual([T0, T0 + MIN, T0 + 2 * MIN]);
    const [b, a] = s.series;
    expect(b?.key).toBe('b');
    expect(b?.requests).toEqual([1, 1, 1]);
    expect(b?.errors).toEqual([1, 0, 1]);
    expect(b?.p50).toEqual([null, 200, null]);
    expect(b?.totals).toMatchObject({
      requests: 3,
      errors: 2,
      quotaErrors: 1,
      lastQuotaAt: T0 + 2 * MIN,
    });
    expect(a).toMatchObject({
      key: 'a',
      requests: [2, 0, 0],
      tokensIn: [10, 0, 0],
      tokensOut: [5, 0, 0],
    });
    expect(a?.p95).toEqual([300, null, null]);
    expect(s.totals).toMatchObject({ requests: 5, errors: 2, p50: 200, p95: 300 });
    expect(s.coverageFrom).toBe(T0 + 1);
  });

  it('sums the smaller splits into "other" and caps the bucket count', () => {
    const main = ['m1', 'm2', 'm3', 'm4'].flatMap((m, i) =>
      Array.from({ length: 4 - i }, (_, k) => rec({ time: T0 + k, resolvedModel: m })),
    );
    const s = logStats(
      { since: T0 - 86_400_000, until: T0 + 1000, bucketMs: 1000, split: 'model', maxSeries: 2 },
      { main, edge: [], refusedSinceStart: { wrong_key: 3, served: 9 }, now: T0 },
    );
    expect(s.buckets.length).toBeLessThanOrEqual(500);
    expect(s.series.map((x) => [x.key, x.totals.requests])).toEqual([
      ['m1', 4],
      ['m2', 3],
      ['other', 3],
    ]);
    expect(s.refusedSinceStart).toEqual({ wrong_key: 3 });
    // Nothing forgotten: no "counting starts at" to show.
    expect(s.coverageFrom).toBeUndefined();
  });

  it('takes nearest-rank percentiles', () => {
    expect(percentileOf([], 50)).toBeNull();
    expect(percentileOf([1, 2, 3, 4], 50)).toBe(2);
    expect(percentileOf([1, 2, 3, 4], 95)).toBe(4);
  });
});
