/**
 * Request-inspector types of the log model (issue 16): how a request reached Lingma, why the
 * gateway refused one itself, and the statistics over time. Re-exported by types.ts.
 */
import type { LogStatsDto, LogStatsQueryDto, REFUSAL_KINDS } from '../../shared/dto';

/**
 * How the request reached Lingma (issue 16): `new` = a fresh conversation, `reply` = only the new
 * part sent into a session Lingma already holds (a reuse hit), `replay` = an ongoing conversation
 * sent again in full (issue 14's session plan decides; the note says why). Open: old lines on disk
 * or a later version may carry others.
 */
export type SessionKind = 'new' | 'reply' | 'replay' | (string & {});

/**
 * Why the gateway answered a request itself (issue 16; the kinds are listed in
 * shared/dto-logs.ts). Open for kinds a later version adds.
 */
export type RefusalKind = (typeof REFUSAL_KINDS)[number] | 'other' | (string & {});

/** Who sent a request and how it went upstream: fields of an entry and of a patch. */
export interface InspectorFields {
  /** The client, from its user agent (`Claude Code`, `Codex CLI`, `OpenAI SDK (JS)`, …). */
  client?: string;
  clientVersion?: string;
  /** The raw `User-Agent` (capped). */
  userAgent?: string;
  /** The gateway key's id and name (never the key itself). */
  keyId?: string;
  keyName?: string;
  /** A wrong key's first characters (`lgw-3f…`), enough to tell which config holds it. */
  keyHint?: string;
  sessionKind?: SessionKind;
  /** UTF-8 bytes of every question sent upstream for this request (all attempts). */
  upstreamBytes?: number;
  /** Upstream asks made (attempts and corrective retries). */
  upstreamAsks?: number;
  /** Set when the gateway refused the request itself (see RefusalKind). */
  refused?: RefusalKind;
}

/** Requests over time, split by account, model, client or key (issue 16; see log-stats.ts). */
export type LogStatsQuery = LogStatsQueryDto;
export type LogStats = LogStatsDto;
