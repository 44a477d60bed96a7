/**
 * Session reuse, as one stage of a request. Lingma keeps the conversation server-side per
 * session, so when a request extends a conversation a session holds, only the new part goes up
 * (`isReply` + the sessionId a `chat/finish` returned, FREE_INPUT; PRED; §8.1 "Follow-up turns",
 * M) on the instance holding that session. System prompt and tool definitions therefore go up
 * once per session.
 *
 *   plan     is the request a true extension, and of which session (session-plan.ts)
 *   prefer   the instance holding that session, as the pool's `preferInstanceId`
 *   bind     after the lease: a reply when the pool honoured the preference and the session
 *            stays inside the context budget; else the whole transcript into a new session
 *            (a replay), cut to the budget — or `context_length_exceeded` when even the pinned
 *            parts do not fit
 *   remember after a successful turn: the session now holds this conversation and the answer
 *            exactly as the client received it (calls with the gateway's ids)
 *   release  a session that was taken but not continued goes back to the store
 */
import { answerDigest, extendKey } from './conversation';
import { TurnFailure } from './outcome';
import type { RequestTrace, SessionKind, SessionStore } from './ports';
import { planSession, type PlanOptions, type SessionPlan } from './session-plan';
import type { PromptBudget, PromptRenderer, RenderedQuestion } from './tool-seams';
import type { NeutralRequest, NeutralToolCall } from './types';

/** How one attempt's upstream turn starts. */
export interface SessionStart {
  kind: SessionKind;
  question: string;
  /** A reply's session (the one a finish returned). */
  sessionId?: string;
  /** Why a request with history was not a reply (the request log's note). */
  reason?: string;
  /** Earlier messages left out of a replay to fit the budget. */
  omittedMessages: number;
  /** Estimated tokens the session holds once this question is in. */
  tokens: number;
  /** Turns the session holds once this question is answered. */
  turns: number;
}

export interface ReuseDeps {
  store: SessionStore;
  prompts: PromptRenderer;
  budget: PromptBudget;
  /** The request's estimated input tokens (what a full question holds when it is not measured). */
  inputTokens: number;
}

/** The answer a session now holds, as the client received it. */
export interface HeldAnswer {
  sessionId: string;
  text: string;
  calls: readonly NeutralToolCall[];
  /** Estimated tokens of the answer. */
  tokens: number;
}

/** The reuse stage of one request (see the file comment). */
export class SessionReuse {
  private readonly plan: SessionPlan;
  private continuation;
  private used = false;
  /** What became of the continued session is recorded (continued, outgrown). */
  private retired = false;
  private full: RenderedQuestion | undefined;
  private started: SessionStart | undefined;
  private startedOn: string | undefined;

  constructor(
    private readonly req: NeutralRequest,
    options: PlanOptions,
    private readonly d: ReuseDeps,
  ) {
    this.plan = planSession(req, options, d.store);
    this.continuation = this.plan.continuation;
    // A request that cannot continue a session is checked against the budget before it waits
    // for a lease: an overflow is the client's error at once.
    if (!this.continuation) this.render();
  }

  /** The instance holding this conversation's session, for the pool's affinity. */
  get preferInstanceId(): string | undefined {
    return this.continuation?.taken.instanceId;
  }

  /**
   * After a lease: how this attempt's turn starts. Only the first attempt may continue the
   * session (a failed reply leaves it in an unknown state). Throws TurnFailure
   * (`context_length_exceeded`) when the transcript cannot fit the budget.
   */
  bind(lease: { instanceId: string; affinityHonoured: boolean }): SessionStart {
    const previous = this.started;
    const c = this.continuation;
    this.continuation = undefined;
    // Instance ids outlive their children: a child that restarted after the session was taken
    // runs under the same id without the session, and must not get a reply to it.
    if (c && this.d.store.lostSince(c.taken))
      return this.replay(
        lease,
        `its Lingma session is gone (instance ${c.taken.instanceId} lost it)`,
      );
    if (c) {
      if (lease.affinityHonoured && lease.instanceId === c.taken.instanceId) {
        const question = this.d.prompts.followUp(this.req, c.newMessages);
        const tokens = c.taken.tokens + this.d.budget.measure(question);
        // Taken for good: continued now, or outgrown (Lingma would have to hold too much).
        this.used = true;
        if (tokens <= this.d.budget.limit) {
          this.d.store.recordHit(true);
          const turns = c.taken.turns + 1;
          return this.begin(lease, {
            kind: 'reply',
            question,
            sessionId: c.taken.sessionId,
            omittedMessages: 0,
            tokens,
            turns,
          });
        }
        const limit = this.d.budget.limit;
        this.d.store.retire(c.key, { kind: 'outgrown' });
        this.retired = true;
        return this.replay(
          lease,
          `the session would outgrow the context budget (${tokens} > ${limit} tokens)`,
        );
      }
      this.d.store.restore(c.key, c.taken);
      return this.replay(
        lease,
        `the instance holding its session (${c.taken.instanceId}) cannot take it now`,
      );
    }
    if (previous?.kind === 'reply')
      return this.replay(lease, `the reply on instance ${this.startedOn ?? '?'} failed`, false);
    if (previous) return this.begin(lease, previous);
    const history =
      this.plan.shape?.hasHistory ?? this.req.messages.some((m) => m.role === 'assistant');
    if (!history) {
      const full = this.render();
      return this.begin(lease, {
        kind: 'new',
        question: full.text,
        omittedMessages: full.omittedMessages,
        tokens: full.size ?? this.d.inputTokens,
        turns: 1,
      });
    }
    return this.replay(
      lease,
      this.plan.reason ?? 'no Lingma session holds this conversation',
      this.plan.shape !== undefined,
    );
  }

  /** The whole transcript into a new session; `count` books a reuse miss for the metrics. */
  private replay(lease: { instanceId: string }, reason: string, count = true): SessionStart {
    if (count) this.d.store.recordHit(false);
    const full = this.render();
    return this.begin(lease, {
      kind: 'replay',
      question: full.text,
      reason,
      omittedMessages: full.omittedMessages,
      tokens: full.size ?? this.d.inputTokens,
      turns: 1,
    });
  }

  private begin(lease: { instanceId: string }, start: SessionStart): SessionStart {
    this.startedOn = lease.instanceId;
    this.started = start;
    return start;
  }

  /** After a successful turn: the session now holds the request and `answer`. */
  remember(instanceId: string, answer: HeldAnswer): void {
    const shape = this.plan.shape;
    const start = this.started;
    const c = this.plan.continuation;
    if (c && this.used && !this.retired) this.d.store.retire(c.key, { kind: 'continued' });
    this.retired = true;
    const last = answerDigest(answer.text, answer.calls);
    if (!shape || !start || !answer.sessionId || last === undefined) return;
    // A replay cut to the budget is remembered too: the model lost the middle turns (the marker
    // says so), and later requests continue from what it holds, until it outgrows the budget
    // again — rather than replaying ~the whole budget on every request from then on.
    const items = [...shape.items.map((i) => i.digest), last];
    const key = extendKey(shape.keys[shape.items.length] as string, [last]);
    this.d.store.store(
      key,
      {
        sessionId: answer.sessionId,
        instanceId,
        head: shape.head,
        items,
        turns: start.turns,
        tokens: start.tokens + answer.tokens,
      },
      shape.tags,
    );
  }

  /**
   * At the end of the request: a session taken but never continued goes back; one whose turn
   * failed is marked so (a later request then says why it replays).
   */
  release(): void {
    const c = this.plan.continuation;
    if (!c) return;
    if (!this.used) this.d.store.restore(c.key, c.taken);
    else if (!this.retired) this.d.store.retire(c.key, { kind: 'failed' });
  }

  /** The whole transcript, fitted to the budget; an overflow is the client's error. */
  private render(): RenderedQuestion {
    if (this.full) return this.full;
    const full = this.d.prompts.full(this.req, this.d.budget);
    if (full.overBudget) {
      const tokens = full.size ?? this.d.budget.measure(full.text);
      const limit = this.d.budget.limit;
      throw new TurnFailure({
        kind: 'context_length_exceeded',
        message:
          `prompt is too long: ${tokens} tokens > ${limit} maximum. Even with earlier turns left ` +
          'out, the system prompt, the tool definitions, the first message and the newest turn ' +
          "do not fit the context budget in Lingma Gateway's settings.",
        tokens,
        limit,
      });
    }
    return (this.full = full);
  }
}

/**
 * The pool's sticky key: the client's own conversation id where it gives one (new sessions of a
 * conversation then land where its earlier ones are), else its user, else its system prompt.
 */
export function affinityKey(req: NeutralRequest): string | undefined {
  if (req.clientSession) return `cs:${req.clientSession}`;
  return req.user ?? (req.system ? `sys:${req.system.slice(0, 512)}` : undefined);
}

/** The request log learns how this attempt reaches Lingma, and why a replay is one. */
export function traceSessionStart(trace: RequestTrace, start: SessionStart): void {
  trace.set({
    sessionKind: start.kind,
    ...(start.kind === 'new' ? {} : { reuseHit: start.kind === 'reply' }),
  });
  if (start.reason) trace.set({ note: `session ${start.kind}: ${start.reason}` });
  if (start.omittedMessages > 0)
    trace.set({
      note: `context budget: ${start.omittedMessages} earlier messages left out of the replay (marked in the question)`,
    });
}
