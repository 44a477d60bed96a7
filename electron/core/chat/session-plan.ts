/**
 * Planning a request's session before the lease: is it a true extension of a conversation a
 * Lingma session holds — the same system prompt and tools, the history the session holds, then
 * only tool results, user messages or instructions — and if not, why not (the request log says).
 *
 * Routing: the conversation prefix finds the session (the prefix keys are exact, so they also
 * tell Claude Code's main conversation from its subagents under one session header, and resolve
 * Responses' `previous_response_id`, whose stored history is the prefix). The client's own
 * session id (x-claude-code-session-id, Codex's session header, `prompt_cache_key`) names the
 * conversation the client means, so a miss can say what changed against it.
 */
import { comparables, headDigest, prefixKeys, type Comparable } from './conversation';
import type { HeldConversation, MissingReason, SessionStore, TakenSession } from './ports';
import type { NeutralMessage, NeutralRequest } from './types';

export interface PlanOptions {
  /** API-key scope: reuse never crosses keys. */
  scope: string;
  /** The chat mode sessions are started in (chat / agent). */
  mode: string;
  enabled: boolean;
}

/** The request, as session reuse sees it. */
export interface RequestShape {
  head: string;
  items: Comparable[];
  /** keys[k]: the conversation of items[0..k). */
  keys: string[];
  /** Tags that name this conversation: the client's session (per head), and its first message. */
  tags: string[];
  /** The request has earlier answers (a replay, not a new conversation, when not continued). */
  hasHistory: boolean;
}

/** A session to continue, taken out of the store, and what to send it. */
export interface Continuation {
  key: string;
  taken: TakenSession;
  newMessages: NeutralMessage[];
}

export interface SessionPlan {
  shape?: RequestShape;
  continuation?: Continuation;
  /** Why there is no continuation, for a request with history. */
  reason?: string;
}

export function requestShape(req: NeutralRequest, o: PlanOptions): RequestShape {
  const head = headDigest(req, o.scope, o.mode);
  const items = comparables(req.messages);
  // A client session may hold several conversations (Claude Code's subagents and side requests
  // share its header, each with its own system prompt): its tag names the one with this head.
  // The first message's tag spans heads, so a changed system prompt or tool set is recognised.
  const tags = items[0] ? [`r:${o.scope}:${items[0].digest}`] : [];
  if (req.clientSession) tags.unshift(`c:${o.scope}:${head}:${req.clientSession}`);
  return {
    head,
    items,
    keys: prefixKeys(
      head,
      items.map((i) => i.digest),
    ),
    tags,
    hasHistory: items.some((i) => i.assistant),
  };
}

/** Boundaries where a held conversation may end (after an answer), longest first. */
function boundaries(items: readonly Comparable[]): number[] {
  const out: number[] = [];
  for (let k = items.length; k >= 1; k -= 1) if (items[k - 1]?.assistant) out.push(k);
  return out;
}

/** Plans the request's session; a found session is taken out of the store (see SessionReuse). */
export function planSession(req: NeutralRequest, o: PlanOptions, store: SessionStore): SessionPlan {
  if (!o.enabled) return { reason: 'session reuse is off in Settings' };
  const shape = requestShape(req, o);
  if (!shape.hasHistory) return { shape };
  for (const k of boundaries(shape.items)) {
    const key = shape.keys[k] as string;
    const taken = store.take(key);
    if (!taken) continue;
    const after = (shape.items[k - 1] as Comparable).end + 1;
    const newMessages = req.messages.slice(after);
    const invented = newMessages.some((m) => m.role === 'assistant');
    if (!invented && newMessages.length > 0)
      return { shape, continuation: { key, taken, newMessages } };
    store.restore(key, taken);
    return {
      shape,
      reason: invented
        ? 'the request adds an assistant turn the gateway did not give'
        : "nothing new after the session's last answer",
    };
  }
  return { shape, reason: explainMiss(shape, store) };
}

function missingWords(why: MissingReason): string {
  switch (why.kind) {
    case 'taken':
      return 'its Lingma session is busy with another request of this conversation';
    case 'failed':
      return 'a turn on its Lingma session failed, leaving it in an unknown state';
    case 'outgrown':
      return 'its Lingma session reached the context budget';
    case 'continued':
      return 'the Lingma session went on from this point (a branch, or a retried turn)';
    case 'lost':
      return `its Lingma session is gone (instance ${why.instanceId} ${why.cause})`;
    case 'expired':
      return 'its Lingma session expired (Settings: remember a session for)';
    case 'evicted':
      return 'its Lingma session was forgotten to make room (Settings: sessions remembered)';
  }
}

/** Why no session continues this request: what became of it, or what changed against it. */
function explainMiss(shape: RequestShape, store: SessionStore): string {
  let moved: string | undefined;
  for (const k of boundaries(shape.items)) {
    const why = store.missing(shape.keys[k] as string);
    // A session that went on from here: what differs from where it is now says more.
    if (why?.kind === 'continued') moved ??= missingWords(why);
    else if (why) return missingWords(why);
  }
  for (const tag of shape.tags) {
    const held = store.recall(tag);
    if (held) return difference(shape, held);
  }
  return (
    moved ?? 'no Lingma session holds this conversation (not seen by this gateway, or forgotten)'
  );
}

/** What differs between the request and the conversation a session was last known to hold. */
function difference(shape: RequestShape, held: HeldConversation): string {
  if (held.head !== shape.head) return 'the system prompt or the tool definitions changed';
  const n = Math.min(held.items.length, shape.items.length);
  for (let i = 0; i < n; i += 1) {
    if (held.items[i] !== shape.items[i]?.digest)
      return `the history differs from the Lingma session's at message ${i + 1} (an edit, a branch or a compaction)`;
  }
  if (shape.items.length < held.items.length)
    return "the history is shorter than the Lingma session's (a retried or rewound turn)";
  return 'no Lingma session holds this conversation (not seen by this gateway, or forgotten)';
}
