/**
 * The rules for how a Lingma turn ended, in one place: a `chat/finish` (or a refused `chat/ask`)
 * statusCode + reason → its kind. No source captured a real quota or rate-limit finish (§8.2
 * "Errors and quota", L/M), so this leans on status codes first and falls back to the reason text
 * in both English and Chinese. The chat core turns the kind into a turn outcome
 * (chat/outcome.ts), which drives cooldowns, failover and the client's error.
 */

export type FinishKind =
  'ok' | 'logged_out' | 'quota_exhausted' | 'rate_limited' | 'upstream_error';

export interface FinishClass {
  kind: FinishKind;
  /** Epoch ms when the account may be used again, when the finish said so. */
  resetAt?: number;
}

const QUOTA = /quota|exhaust|insufficient|exceeded the limit|额度|配额|用量|余额|次数已用/i;
const RATE = /rate.?limit|too many|throttl|频繁|限流/i;
const LOGIN =
  /not logged|log ?in|logged.?out|unauthori[sz]ed|token (?:expired|invalid)|user invalid|未登录|登录/i;

/** `statusCode` + `reason` (+ the finish's `extra`) → what kind of end this was. */
export function classifyFinish(
  statusCode: number,
  reason: string,
  extra?: unknown,
  now: number = Date.now(),
): FinishClass {
  const kind = finishKind(statusCode, reason ?? '');
  const resetAt = kind === 'ok' ? undefined : parseResetAt(extra, now);
  return resetAt === undefined ? { kind } : { kind, resetAt };
}

function finishKind(statusCode: number, reason: string): FinishKind {
  if (statusCode === 200) return 'ok';
  if (QUOTA.test(reason) && !RATE.test(reason)) return 'quota_exhausted';
  if (statusCode === 429 || RATE.test(reason)) return 'rate_limited';
  if (statusCode === 401 || statusCode === 403 || LOGIN.test(reason)) return 'logged_out';
  return 'upstream_error';
}

/** Keys that hold an absolute reset time (epoch s/ms or an ISO date). */
const ABSOLUTE_KEYS = [
  'resetat',
  'reset_at',
  'resettime',
  'reset_time',
  'quotaresettime',
  'nextresettime',
];
/** Keys that hold a delay; `…ms` keys are milliseconds, the rest seconds. */
const DELAY_KEYS = [
  'retryafter',
  'retry_after',
  'retryafterseconds',
  'retryafterms',
  'retry_after_ms',
];

/**
 * Looks for a reset time in `extra` (and one level below it, e.g. `extra.quota.resetAt`).
 * Returns epoch ms, or undefined when nothing usable is there.
 */
export function parseResetAt(extra: unknown, now: number = Date.now()): number | undefined {
  if (!isRecord(extra)) return undefined;
  const direct = fromRecord(extra, now);
  if (direct !== undefined) return direct;
  for (const value of Object.values(extra)) {
    if (isRecord(value)) {
      const nested = fromRecord(value, now);
      if (nested !== undefined) return nested;
    }
  }
  return undefined;
}

function fromRecord(record: Record<string, unknown>, now: number): number | undefined {
  for (const [key, value] of Object.entries(record)) {
    const k = key.toLowerCase();
    if (ABSOLUTE_KEYS.includes(k)) {
      const at = absoluteTime(value, now);
      if (at !== undefined) return at;
    } else if (DELAY_KEYS.includes(k)) {
      const n = toNumber(value);
      if (n !== undefined && n >= 0) return now + (k.endsWith('ms') ? n : n * 1000);
    }
  }
  return undefined;
}

function absoluteTime(value: unknown, now: number): number | undefined {
  const n = toNumber(value);
  if (n !== undefined) {
    if (n > 1e12) return n; // epoch ms
    if (n > 1e9) return n * 1000; // epoch seconds
    if (n >= 0) return now + n * 1000; // too small to be a date: seconds from now
    return undefined;
  }
  if (typeof value === 'string') {
    const t = Date.parse(value);
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
