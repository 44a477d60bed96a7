/**
 * Requests over time for the charts (issue 16): one pass over the indexed summaries (newest
 * backwards until the range starts, so a short range over 100k entries touches only its own) and
 * over the edge log, counted into time buckets × one split (account, model, client or key).
 * Refused requests count as requests and errors, with their folded repeats; latency percentiles
 * are over requests that reached Lingma and succeeded (a refusal's 0 ms would say nothing).
 */
import type { LogStatsSeriesDto, LogStatsTotalsDto } from '../../shared/dto';
import { isErrorSummary, toSummary } from './entry-builder';
import type { IndexRecord } from './log-index';
import type { EntrySummary, LogEntry, LogStats, LogStatsQuery } from './types';

const MAX_BUCKETS = 500;
const MIN_BUCKET_MS = 1000;
const QUOTA = /quota|额度|配额/i;

interface Sources {
  /** Oldest first. */
  main: readonly IndexRecord[];
  /** Oldest first. */
  edge: readonly LogEntry[];
  refusedSinceStart: Record<string, number>;
  now: number;
  /** The log forgot older entries (its bound, retention): say where counting starts. */
  forgotten?: boolean;
}

interface Acc {
  requests: number[];
  errors: number[];
  tokensIn: number[];
  tokensOut: number[];
  durations: number[][];
  quotaErrors: number;
  lastQuotaAt?: number;
}

function newAcc(n: number): Acc {
  return {
    requests: new Array<number>(n).fill(0),
    errors: new Array<number>(n).fill(0),
    tokensIn: new Array<number>(n).fill(0),
    tokensOut: new Array<number>(n).fill(0),
    durations: Array.from({ length: n }, () => []),
    quotaErrors: 0,
  };
}

/** Nearest-rank percentile of an ascending array; null when empty. */
export function percentileOf(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? null;
}

function splitKey(s: EntrySummary, split: LogStatsQuery['split']): string {
  switch (split) {
    case 'account':
      return s.account ?? '(none)';
    case 'model':
      return s.resolvedModel ?? s.model ?? '(none)';
    case 'client':
      return s.client ?? '(unknown)';
    case 'key':
      return s.keyName ?? s.keyHint ?? '(none)';
    default:
      return 'all';
  }
}

function countInto(acc: Acc, i: number, s: EntrySummary, weight: number): void {
  acc.requests[i] = (acc.requests[i] ?? 0) + weight;
  const bad = isErrorSummary(s);
  if (bad) acc.errors[i] = (acc.errors[i] ?? 0) + weight;
  acc.tokensIn[i] = (acc.tokensIn[i] ?? 0) + (s.tokensIn ?? 0);
  acc.tokensOut[i] = (acc.tokensOut[i] ?? 0) + (s.tokensOut ?? 0);
  const ran = s.refused === undefined && s.protocol !== 'other' && !s.inProgress;
  if (ran && !bad && s.durationMs !== undefined) acc.durations[i]?.push(s.durationMs);
  if (s.status === 429 && s.error !== undefined && QUOTA.test(s.error)) {
    acc.quotaErrors += weight;
    acc.lastQuotaAt = Math.max(acc.lastQuotaAt ?? 0, s.lastAt ?? s.time);
  }
}

function sum(xs: readonly number[]): number {
  let n = 0;
  for (const x of xs) n += x;
  return n;
}

function finish(key: string, acc: Acc): LogStatsSeriesDto {
  const sorted = acc.durations.map((d) => d.sort((a, b) => a - b));
  const all = sorted.flat().sort((a, b) => a - b);
  const totals: LogStatsTotalsDto = {
    requests: sum(acc.requests),
    errors: sum(acc.errors),
    tokensIn: sum(acc.tokensIn),
    tokensOut: sum(acc.tokensOut),
    p50: percentileOf(all, 50),
    p95: percentileOf(all, 95),
    quotaErrors: acc.quotaErrors,
  };
  if (acc.lastQuotaAt !== undefined) totals.lastQuotaAt = acc.lastQuotaAt;
  return {
    key,
    requests: acc.requests,
    errors: acc.errors,
    tokensIn: acc.tokensIn,
    tokensOut: acc.tokensOut,
    p50: sorted.map((d) => percentileOf(d, 50)),
    p95: sorted.map((d) => percentileOf(d, 95)),
    totals,
  };
}

/** Adds `b` into `a`, bucket by bucket (the `other` series, the grand total). */
function merge(a: Acc, b: Acc): void {
  for (let i = 0; i < a.requests.length; i++) {
    a.requests[i] = (a.requests[i] ?? 0) + (b.requests[i] ?? 0);
    a.errors[i] = (a.errors[i] ?? 0) + (b.errors[i] ?? 0);
    a.tokensIn[i] = (a.tokensIn[i] ?? 0) + (b.tokensIn[i] ?? 0);
    a.tokensOut[i] = (a.tokensOut[i] ?? 0) + (b.tokensOut[i] ?? 0);
    a.durations[i]?.push(...(b.durations[i] ?? []));
  }
  a.quotaErrors += b.quotaErrors;
  if (b.lastQuotaAt !== undefined) a.lastQuotaAt = Math.max(a.lastQuotaAt ?? 0, b.lastQuotaAt);
}

export function logStats(q: LogStatsQuery, src: Sources): LogStats {
  const until = Number.isFinite(q.until) ? (q.until as number) : src.now;
  const since = Math.min(q.since, until);
  let bucketMs = Math.max(MIN_BUCKET_MS, Math.floor(q.bucketMs));
  if ((until - since) / bucketMs > MAX_BUCKETS) bucketMs = Math.ceil((until - since) / MAX_BUCKETS);
  const n = Math.max(1, Math.ceil((until - since) / bucketMs));
  const groups = new Map<string, Acc>();
  const add = (s: EntrySummary, weight: number): void => {
    if (s.time < since || s.time >= until) return;
    const key = splitKey(s, q.split);
    let acc = groups.get(key);
    if (!acc) groups.set(key, (acc = newAcc(n)));
    countInto(acc, Math.floor((s.time - since) / bucketMs), s, weight);
  };
  for (let i = src.main.length - 1; i >= 0; i--) {
    const s = (src.main[i] as IndexRecord).summary;
    if (s.time < since) break;
    add(s, 1);
  }
  for (const e of src.edge) add(toSummary(e), 1 + (e.repeats ?? 0));

  const ranked = [...groups.entries()].sort(([, a], [, b]) => sum(b.requests) - sum(a.requests));
  const keep = Math.max(1, Math.floor(q.maxSeries ?? 6));
  const total = newAcc(n);
  const series: LogStatsSeriesDto[] = [];
  let other: Acc | undefined;
  for (const [i, [key, acc]] of ranked.entries()) {
    merge(total, acc);
    if (i < keep) series.push(finish(key, acc));
    else merge((other ??= newAcc(n)), acc);
  }
  if (other) series.push(finish('other', other));
  const oldest = [src.main[0]?.summary.time, src.edge[0]?.time].filter(
    (t): t is number => t !== undefined,
  );
  const stats: LogStats = {
    since,
    until,
    bucketMs,
    buckets: Array.from({ length: n }, (_, i) => since + i * bucketMs),
    series,
    totals: finish('all', total).totals,
    // `served` counts the gateway's own successful answers (model lists, probes), not refusals.
    refusedSinceStart: Object.fromEntries(
      Object.entries(src.refusedSinceStart).filter(([kind]) => kind !== 'served'),
    ),
  };
  if (src.forgotten && oldest.length > 0) stats.coverageFrom = Math.min(...oldest);
  return stats;
}
