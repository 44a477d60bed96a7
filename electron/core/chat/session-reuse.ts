/**
 * Session reuse, as one stage of a request: Lingma keeps the conversation server-side per session,
 * so when a client re-sends a history we have already played into a session, only the new part
 * needs to go up (`isReply` + the cached sessionId, PRED; §8.2 "Session reuse", M) — on the
 * instance that holds that session.
 *
 *   plan     what of this request is history the session must hold, and what is new (planReuse)
 *   prefer   the instance holding that history, as the pool's `preferInstanceId`
 *   bind     after the lease: a hit when the pool honoured the preference → the follow-up turn
 *   remember after a successful turn: the history now held, bound to session and instance
 *
 * The cache key hashes the API-key scope and the exact transcript the session holds. Today plain
 * chats only: tools, tool turns and structured output disable reuse (their transcript is rebuilt
 * every turn). Reuse across tool round trips (issue 14) widens `planReuse` and the follow-up.
 */
import { createHash, type Hash } from 'node:crypto';
import type { SessionStore } from './ports';
import type { PromptRenderer } from './tool-seams';
import type { NeutralMessage, NeutralRequest } from './types';

function serialise(m: NeutralMessage): string {
  const calls = m.toolCalls?.map((c) => `${c.name}:${c.arguments}`).join('|') ?? '';
  const result = m.toolResult ? `${m.toolResult.callId}:${m.toolResult.content}` : '';
  return `${m.role}\u0000${m.text.trim()}\u0000${calls}\u0000${result}`;
}

export function transcriptKey(scope: string, system: string, messages: NeutralMessage[]): string {
  return transcriptHash(scope, system, messages).digest('hex');
}

function transcriptHash(scope: string, system: string, messages: NeutralMessage[]): Hash {
  const h = createHash('sha256');
  h.update(scope).update('\u0001').update(system.trim());
  for (const m of messages) h.update('\u0001').update(serialise(m));
  return h;
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
 * the full question), ends with user turns (and instructions between them).
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
  // The history is hashed once: the key after the turn continues from a copy of that state.
  const held = transcriptHash(scope, req.system, history);
  return {
    lookupKey: history.length > 0 ? held.copy().digest('hex') : undefined,
    newMessages,
    keyAfter: (answer) => {
      const h = held.copy();
      for (const m of [...newMessages, { role: 'assistant' as const, text: answer }])
        h.update('\u0001').update(serialise(m));
      return h.digest('hex');
    },
  };
}

/** How one attempt's upstream turn starts: a follow-up on a bound session, or a fresh one. */
export interface SessionStart {
  /** The follow-up question (only the new messages); absent → the full transcript. */
  question?: string;
  sessionId?: string;
}

/** The reuse stage of one request (see the file comment). */
export class SessionReuse {
  private readonly binding;

  private constructor(
    private readonly plan: ReusePlan | undefined,
    private readonly req: NeutralRequest,
    private readonly store: SessionStore,
  ) {
    this.binding = plan?.lookupKey ? store.lookup(plan.lookupKey) : undefined;
  }

  /** The stage for `req` under API-key `scope`; `eligible` false turns reuse off for it. */
  static for(
    req: NeutralRequest,
    scope: string,
    eligible: boolean,
    store: SessionStore,
  ): SessionReuse {
    return new SessionReuse(eligible ? planReuse(req, scope) : undefined, req, store);
  }

  /** The instance holding this conversation's session, for the pool's affinity. */
  get preferInstanceId(): string | undefined {
    return this.binding?.instanceId;
  }

  /**
   * After a lease: a hit when the pool honoured the preference. Counted once per lease for the
   * metrics; returns how the turn starts.
   */
  bind(
    lease: { instanceId: string; affinityHonoured: boolean },
    prompts: PromptRenderer,
  ): { hit: boolean | undefined; start: SessionStart } {
    if (!this.plan?.lookupKey) return { hit: undefined, start: {} };
    const hit = Boolean(
      this.binding && lease.affinityHonoured && this.binding.instanceId === lease.instanceId,
    );
    this.store.recordHit(hit);
    if (!hit || !this.binding) return { hit, start: {} };
    return {
      hit,
      start: {
        question: prompts.followUp(this.req, this.plan.newMessages),
        sessionId: this.binding.sessionId,
      },
    };
  }

  /** After a successful turn: the session now holds this history and `answer`. */
  remember(instanceId: string, sessionId: string, answer: string): void {
    if (!this.plan || !sessionId) return;
    this.store.store(this.plan.keyAfter(answer), { sessionId, instanceId });
  }
}
