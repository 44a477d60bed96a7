/**
 * Request-inspector types of the log model (issue 16): how a request reached Lingma, why the
 * gateway refused one itself, and the statistics over time. Re-exported by types.ts.
 */
import type { LogStatsDto, LogStatsQueryDto } from '../../shared/dto';

/**
 * How the request reached Lingma (issue 16): `new` = a fresh conversation, `reply` = only the new
 * part sent into a session Lingma already holds (a reuse hit), `replay` = an ongoing conversation
 * sent again in full. Open: issue 14 adds more kinds, and old lines on disk may carry others.
 */
export type SessionKind = 'new' | 'reply' | 'replay' | (string & {});

/**
 * Why the gateway answered a request itself, before any turn ran (issue 16): a missing or wrong
 * API key, a foreign Host or browser Origin, a body that is not JSON or not a valid request, too
 * large, an unsupported encoding, an unknown route or method, a rate limit, a wrong admin token or
 * a disabled endpoint. Open for kinds a later version adds.
 */
export type RefusalKind =
  | 'no_key'
  | 'wrong_key'
  | 'token'
  | 'host'
  | 'origin'
  | 'invalid_json'
  | 'validation'
  | 'too_large'
  | 'media'
  | 'not_found'
  | 'method'
  | 'rate'
  | 'disabled'
  | 'other'
  | (string & {});

/** Requests over time, split by account, model, client or key (issue 16; see log-stats.ts). */
export type LogStatsQuery = LogStatsQueryDto;
export type LogStats = LogStatsDto;
