import { createHash } from 'node:crypto';
import type { NeutralMessage, NeutralRequest } from '../translate/neutral';

/**
 * Session reuse: Lingma keeps the conversation server-side per session, so when a client re-sends
 * a history we have already played into a session, only the new user message needs to go up
 * (`isReply` + the cached sessionId). The cache key is a hash of the API-key scope and the exact
 * transcript the session holds; tools disable reuse (their transcript is rebuilt every turn).
 */

function serialise(m: NeutralMessage): string {
  const calls = m.toolCalls?.map((c) => `${c.name}:${c.arguments}`).join('|') ?? '';
  const result = m.toolResult ? `${m.toolResult.callId}:${m.toolResult.content}` : '';
  return `${m.role}\u0000${m.text.trim()}\u0000${calls}\u0000${result}`;
}

export function transcriptKey(scope: string, system: string, messages: NeutralMessage[]): string {
  const h = createHash('sha256');
  h.update(scope).update('\u0001').update(system.trim());
  for (const m of messages) h.update('\u0001').update(serialise(m));
  return h.digest('hex');
}

export interface ReusePlan {
  /** Key of the history the upstream session must already hold (undefined on a first turn). */
  lookupKey?: string;
  /** The trailing user messages that are new in this request. */
  newMessages: NeutralMessage[];
  /** Builds the key to store after a successful turn that answered with `answer`. */
  keyAfter(answer: string): string;
}

/**
 * Reuse is possible for plain chats: no tools, no structured output (its instructions are only in
 * the full question), ends with user turns (and instructions between them), chat mode.
 */
export function planReuse(req: NeutralRequest, scope: string): ReusePlan | undefined {
  if (req.tools.length > 0 || req.responseFormat) return undefined;
  if (req.messages.some((m) => m.role === 'tool' || (m.toolCalls?.length ?? 0) > 0))
    return undefined;
  let start = req.messages.length;
  const current = (role: string | undefined) => role === 'user' || role === 'system';
  while (start > 0 && current(req.messages[start - 1]?.role)) start -= 1;
  if (start === req.messages.length) return undefined;
  const history = req.messages.slice(0, start);
  const newMessages = req.messages.slice(start);
  return {
    lookupKey: history.length > 0 ? transcriptKey(scope, req.system, history) : undefined,
    newMessages,
    keyAfter: (answer) =>
      transcriptKey(scope, req.system, [...req.messages, { role: 'assistant', text: answer }]),
  };
}
