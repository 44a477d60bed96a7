/**
 * When to check for updates and when a restart may happen. Pure functions of the facts, so the
 * rules are unit-tested without timers: check soon after start and then every few hours, retry
 * with a growing delay when offline, and never restart while a request or stream is in flight —
 * a restart the user asked for while busy waits until the gateway has been idle for a while, so it
 * does not land in the gap between two turns of an agent's tool loop.
 */

export interface UpdateTiming {
  /** After start, so the first check does not compete with the gateway coming up. */
  firstCheckDelayMs: number;
  /** Between checks that found nothing. */
  intervalMs: number;
  /** Retries after an offline failure: 1st, 2nd, … (the last repeats). */
  offlineRetryMs: readonly number[];
  /** Retry after any other failure (a broken feed is not fixed in minutes). */
  errorRetryMs: number;
  /** A deferred restart needs this long with nothing in flight. */
  quietBeforeRestartMs: number;
  /** How often a deferred restart looks at the gateway. */
  idlePollMs: number;
}

export const DEFAULT_UPDATE_TIMING: UpdateTiming = {
  firstCheckDelayMs: 30_000,
  intervalMs: 6 * 3_600_000,
  offlineRetryMs: [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000],
  errorRetryMs: 3 * 3_600_000,
  quietBeforeRestartMs: 10_000,
  idlePollMs: 1_000,
};

export type CheckOutcome = 'up-to-date' | 'downloaded' | 'offline' | 'error';

/**
 * Delay until the next automatic check after an outcome; `failures` counts consecutive offline
 * failures including this one. Null: no more checks (an update is waiting for a restart).
 */
export function nextCheckDelay(
  outcome: CheckOutcome,
  failures: number,
  t: UpdateTiming = DEFAULT_UPDATE_TIMING,
): number | null {
  switch (outcome) {
    case 'up-to-date':
      return t.intervalMs;
    case 'downloaded':
      return null;
    case 'offline': {
      const i = Math.min(Math.max(failures, 1), t.offlineRetryMs.length) - 1;
      return t.offlineRetryMs[i] ?? t.intervalMs;
    }
    case 'error':
      return t.errorRetryMs;
  }
}

const OFFLINE_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'EPIPE',
]);

/** Chromium's network errors, as electron-updater's net requests report them. */
const OFFLINE_NET_ERRORS =
  /net::ERR_(INTERNET_DISCONNECTED|NAME_NOT_RESOLVED|NAME_RESOLUTION_FAILED|NETWORK_CHANGED|NETWORK_IO_SUSPENDED|CONNECTION_(REFUSED|RESET|CLOSED|TIMED_OUT|ABORTED|FAILED)|TIMED_OUT|ADDRESS_UNREACHABLE|PROXY_CONNECTION_FAILED|NETWORK_ACCESS_DENIED)/;

/** True when a failure means "no network right now" rather than a broken feed or release. */
export function isOfflineError(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && OFFLINE_CODES.has(code)) return true;
    if (typeof message === 'string' && OFFLINE_NET_ERRORS.test(message)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

export type RestartVerdict =
  { now: true } | { now: false; reason: 'nothing-downloaded' | 'busy' | 'not-quiet-yet' };

/**
 * May the app restart into the downloaded update right now? `asked` is the user's own click (the
 * gateway only has to be idle at that moment); a deferred restart also needs a quiet spell.
 */
export function restartVerdict(o: {
  downloaded: boolean;
  inFlight: number;
  deferred: boolean;
  idleSinceMs: number | undefined;
  now: number;
  timing?: UpdateTiming;
}): RestartVerdict {
  if (!o.downloaded) return { now: false, reason: 'nothing-downloaded' };
  if (o.inFlight > 0) return { now: false, reason: 'busy' };
  if (!o.deferred) return { now: true };
  const quiet = (o.timing ?? DEFAULT_UPDATE_TIMING).quietBeforeRestartMs;
  if (o.idleSinceMs === undefined || o.now - o.idleSinceMs < quiet) {
    return { now: false, reason: 'not-quiet-yet' };
  }
  return { now: true };
}
