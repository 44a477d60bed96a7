/**
 * The session kind the request log shows (issue 16): whether this request's conversation reached
 * Lingma as a fresh session, as a reply into a session Lingma already holds, or replayed in full.
 * Issue 14's session plan decides which (chat/session-reuse.ts); why a session was not continued
 * goes in the entry's note. The log's own type is an open union.
 */
/** The kinds this stage tells apart (the request log's own type is an open union). */
export type SessionKind = 'new' | 'reply' | 'replay';

/** Trace event kinds the request log's waterfall reads (issue 16). */
export const WATERFALL_EVENTS = {
  /** An instance was leased; `queueWaitMs` says how long admission took before it. */
  lease: 'lease',
  /** The question went upstream (`chat/ask` or `session/prompt`). */
  ask: 'upstream:ask',
  /** Lingma's first event for that ask. */
  first: 'upstream:first',
  /** Lingma finished that ask. */
  end: 'upstream:end',
} as const;
