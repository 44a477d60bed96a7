/**
 * Request statistics over time (issue 16): what the charts and the dashboard sparkline draw. The
 * core buckets the request log (every entry it indexes, refused requests included) by time and by
 * one split; the renderer only draws.
 */

/**
 * Why the gateway answered a request itself, before any turn ran: a missing or wrong API key, a
 * wrong admin/metrics token, a foreign Host or browser Origin, a body that is not JSON or not a
 * valid request, too large, an unsupported encoding, an unknown route or method, a rate limit, a
 * disabled endpoint. The core bounds each kind on its own; the UI explains each.
 */
export const REFUSAL_KINDS = [
  'no_key',
  'wrong_key',
  'token',
  'host',
  'origin',
  'invalid_json',
  'validation',
  'too_large',
  'media',
  'not_found',
  'method',
  'rate',
  'disabled',
] as const;

/** How the series are split. `none` = one series for everything. */
export type LogStatsSplit = 'none' | 'account' | 'model' | 'client' | 'key';

export interface LogStatsQueryDto {
  /** Start, epoch ms (inclusive). */
  since: number;
  /** End, epoch ms (exclusive); default now. */
  until?: number;
  /** Bucket width in ms (at least 1 s); at most 500 buckets are made. */
  bucketMs: number;
  split: LogStatsSplit;
  /** Series kept apart (largest first); the rest are summed into `other`. Default 6. */
  maxSeries?: number;
}

/** One value per bucket, aligned with `LogStatsDto.buckets`. */
export interface LogStatsSeriesDto {
  /** The account, model, client or key; `other` for the summed rest; `all` when not split. */
  key: string;
  requests: number[];
  errors: number[];
  tokensIn: number[];
  tokensOut: number[];
  /** Duration of finished requests that reached Lingma, ms; null where a bucket has none. */
  p50: Array<number | null>;
  p95: Array<number | null>;
  totals: LogStatsTotalsDto;
}

export interface LogStatsTotalsDto {
  requests: number;
  errors: number;
  tokensIn: number;
  tokensOut: number;
  p50: number | null;
  p95: number | null;
  /** Requests Lingma answered with a quota limit (429 with a quota reason). */
  quotaErrors: number;
  /** Start of the latest quota error, epoch ms. */
  lastQuotaAt?: number;
}

export interface LogStatsDto {
  since: number;
  until: number;
  bucketMs: number;
  /** Start of each bucket, epoch ms. */
  buckets: number[];
  series: LogStatsSeriesDto[];
  totals: LogStatsTotalsDto;
  /** Set when the log has forgotten older entries: the oldest it still counts from. */
  coverageFrom?: number;
  /** Requests refused by kind since the gateway started (folded repeats included). */
  refusedSinceStart: Record<string, number>;
}
