/**
 * Typed failures of finding, downloading and unpacking the Lingma binary. Messages are written
 * for the person reading the Settings page, not for a developer: they say what went wrong and
 * what to do next.
 */

/** Why a binary operation failed. */
export type LingmaBinaryErrorCode =
  /** DNS failure, refused or reset connection: most likely offline or behind a proxy. */
  | 'offline'
  /** The server answered with a non-2xx status. */
  | 'http'
  /** No progress within the idle timeout, or the whole download took too long. */
  | 'timeout'
  /** The caller cancelled through its AbortSignal. */
  | 'aborted'
  /** The download is not a zip (or gzip-wrapped zip), or the zip is damaged. */
  | 'bad-archive'
  /** The archive has no Lingma build for this platform. */
  | 'not-in-archive'
  /** An extracted binary is smaller than the configured minimum. */
  | 'too-small'
  /** Lingma publishes no build for this OS/CPU. */
  | 'unsupported-platform'
  /** A configured path or URL (setting or environment) is unusable. */
  | 'invalid-setting'
  /** A response we could not understand (e.g. the Marketplace query API changed). */
  | 'bad-response'
  /** Writing or renaming files failed. */
  | 'io';

/** Failure of the binary resolver, bootstrapper or update check. */
export class LingmaBinaryError extends Error {
  constructor(
    readonly code: LingmaBinaryErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LingmaBinaryError';
  }
}

const NETWORK_CODES: Record<string, string> = {
  ENOTFOUND: 'the server name could not be resolved (are you offline?)',
  EAI_AGAIN: 'the server name could not be resolved (are you offline?)',
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  ETIMEDOUT: 'the connection timed out',
  ENETUNREACH: 'the network is unreachable',
  EHOSTUNREACH: 'the host is unreachable',
  UND_ERR_SOCKET: 'the connection was closed unexpectedly',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
};

/**
 * Finds a Node/undici network error code in an error chain. `fetch` wraps the useful part in
 * `cause`, sometimes twice, and reports everything else as a bare "fetch failed".
 */
export function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string' && code in NETWORK_CODES) return code;
    if (current instanceof AggregateError && current.errors[0] !== undefined) {
      current = current.errors[0];
      continue;
    }
    current = current.cause;
  }
  return undefined;
}

/** A human reason for a network failure, e.g. "the connection was refused (ECONNREFUSED)". */
export function describeNetworkError(error: unknown): string {
  const code = networkErrorCode(error);
  if (code) return `${NETWORK_CODES[code]} (${code})`;
  const message = error instanceof Error ? error.message : String(error);
  return message || 'unknown network error';
}

/**
 * Wraps a failure to fetch from `sourceLabel` into the message the UI shows, keeping the
 * original error as `cause` for logs.
 */
export function downloadError(
  code: LingmaBinaryErrorCode,
  sourceLabel: string,
  reason: string,
  cause?: unknown,
): LingmaBinaryError {
  return new LingmaBinaryError(
    code,
    `Could not download the Lingma extension from ${sourceLabel}: ${reason}. ` +
      'Check your connection or set the binary path in Settings.',
    { cause },
  );
}
