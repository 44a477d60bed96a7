/**
 * The client's own name for its conversation, where it gives one: Claude Code sends
 * `x-claude-code-session-id` on every request of a session; Codex sends `session-id` (older
 * builds `session_id` / `conversation_id`) and the same id as the body's `prompt_cache_key`,
 * which other OpenAI clients set too. Session reuse tags conversations with it, and the pool
 * keeps new sessions of one client conversation on one instance.
 */
import type { IncomingHttpHeaders } from 'node:http';

const HEADERS = ['x-claude-code-session-id', 'session-id', 'session_id', 'conversation_id'];
const MAX_LENGTH = 200;

/** `<source>:<id>`, or undefined when the request names no session. */
export function clientSessionOf(headers: IncomingHttpHeaders, body: unknown): string | undefined {
  for (const name of HEADERS) {
    const v = headers[name];
    const id = Array.isArray(v) ? v[0] : v;
    if (id) return `${name}:${id.slice(0, MAX_LENGTH)}`;
  }
  const key = (body as { prompt_cache_key?: unknown } | undefined)?.prompt_cache_key;
  if (typeof key === 'string' && key !== '') return `prompt_cache_key:${key.slice(0, MAX_LENGTH)}`;
  return undefined;
}
