/**
 * From the core's request statistics to what the charts draw (issue 16): the periods offered,
 * each one's bucket width (aligned so bars start on whole minutes, hours or local days), rows of
 * one metric per bucket with one field per series, and time labels that suit the period.
 */
import type { LogStatsDto, LogStatsSeriesDto } from '../../../electron/shared/dto';

export type RangeId = '1h' | '24h' | '7d' | '30d';
export type Metric = 'requests' | 'errors' | 'tokens' | 'p50' | 'p95';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export const RANGES: Record<RangeId, { span: number; bucket: number }> = {
  '1h': { span: HOUR, bucket: MIN },
  '24h': { span: DAY, bucket: 30 * MIN },
  '7d': { span: 7 * DAY, bucket: 6 * HOUR },
  '30d': { span: 30 * DAY, bucket: DAY },
};

/** The query for a period ending now: `since` on a bucket boundary (local midnight for days). */
export function rangeQuery(
  range: RangeId,
  now: number,
): { since: number; until: number; bucketMs: number } {
  const { span, bucket } = RANGES[range];
  const end = now + 1;
  let since: number;
  if (bucket >= DAY) {
    const d = new Date(end - span + DAY);
    since = new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  } else {
    const offset = new Date(end).getTimezoneOffset() * MIN;
    since = Math.ceil((end - span - offset) / bucket) * bucket + offset;
  }
  return { since, until: since + Math.ceil((end - since) / bucket) * bucket, bucketMs: bucket };
}

/** Local midnight of `now` (the accounts' "today"). */
export function startOfDay(now: number): number {
  const d = new Date(now);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

export type ChartRow = { t: number } & Record<string, number | null>;

function metricOf(s: LogStatsSeriesDto, metric: Metric, i: number): number | null {
  if (metric === 'tokens') return (s.tokensIn[i] ?? 0) + (s.tokensOut[i] ?? 0);
  if (metric === 'p50' || metric === 'p95') return s[metric][i] ?? null;
  return s[metric][i] ?? 0;
}

/** One row per bucket: `{ t, [series key]: value }` (the field names are `s0`, `s1`, …). */
export function chartRows(stats: LogStatsDto, metric: Metric): ChartRow[] {
  return stats.buckets.map((t, i) => {
    const row: ChartRow = { t };
    stats.series.forEach((s, k) => {
      row[`s${k}`] = metricOf(s, metric, i);
    });
    return row;
  });
}

/** A bucket's label for the period: time of day for short periods, the date for long ones. */
export function bucketLabel(t: number, range: RangeId, lang: string): string {
  const d = new Date(t);
  if (range === '1h' || range === '24h') {
    return d.toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' });
  }
  if (range === '7d') {
    return d.toLocaleString(lang, { month: 'numeric', day: 'numeric', hour: '2-digit' });
  }
  return d.toLocaleDateString(lang, { month: 'numeric', day: 'numeric' });
}

/** Eight series colours readable on the light and the dark background. */
export const SERIES_COLOURS = [
  '#2f81f7',
  '#2da44e',
  '#d4a72c',
  '#e16f24',
  '#8250df',
  '#bf3989',
  '#1b9aaa',
  '#8c959f',
];
