/**
 * The session kind the request log shows (issue 16): whether this request's conversation reached
 * Lingma as a fresh session, as a reply into a session Lingma already holds, or replayed in full.
 * Issue 14 adds kinds (its own reasons for a new session); the log's type is an open union.
 */
import type { NeutralRequest } from './types';

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

/**
 * `reply` when only the new part went into the held session; otherwise `replay` when the request
 * carries an earlier conversation (assistant turns or tool results) sent again in full, else `new`.
 */
export function sessionKindOf(
  req: Pick<NeutralRequest, 'messages'>,
  reuseHit: boolean,
): SessionKind {
  if (reuseHit) return 'reply';
  const ongoing = req.messages.some((m) => m.role === 'assistant' || m.role === 'tool');
  return ongoing ? 'replay' : 'new';
}
