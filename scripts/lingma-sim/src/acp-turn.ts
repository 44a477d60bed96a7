/**
 * One ACP prompt turn (§8.3; LTC, CX-IPC, OPENCLI: H for their usage): `session/update`
 * notifications tagged with the request id in `params._meta["ai-coding/request-id"]` —
 * `agent_thought_chunk`, `agent_message_chunk`, a `context_usage` notification — ending with a
 * `notification` of type `chat_finish`. Tool calls over ACP were never captured (L): scenario tool
 * steps are skipped here and logged.
 */
import { sleep, throwIfAborted, TurnAborted } from './async-util.js';
import {
  chunkText,
  defaultAnswer,
  defaultThink,
  lastLine,
  renderTemplate,
  type TextVars,
} from './answer-text.js';
import type { SimContext } from './context.js';
import type { RpcPeer } from './rpc-peer.js';

export const REQUEST_ID = 'ai-coding/request-id';

/** A session created by session/new, with what set_model chose. */
export interface AcpSession {
  sessionId: string;
  model: string;
  turns: number;
  /** The prompt running on it (one at a time), to cancel it. */
  running?: AbortController;
}

export interface AcpTurn {
  ctx: SimContext;
  peer: RpcPeer;
  session: AcpSession;
  requestId: string;
  question: string;
  signal: AbortSignal;
  /** Pacing: the matching rule's deltaIntervalMs, else the global one. */
  intervalMs?: number;
}

function update(t: AcpTurn, body: Record<string, unknown>): void {
  throwIfAborted(t.signal);
  // ACP streams are notifications (no id): nothing to answer, nothing to wait for.
  t.peer.notify('session/update', {
    sessionId: t.session.sessionId,
    update: body,
    _meta: { [REQUEST_ID]: t.requestId },
  });
}

async function chunks(
  t: AcpTurn,
  kind: 'agent_message_chunk' | 'agent_thought_chunk',
  text: string,
): Promise<void> {
  const { deltaSize, deltaIntervalMs } = t.ctx.faults;
  for (const piece of chunkText(text, deltaSize)) {
    await sleep(t.intervalMs ?? deltaIntervalMs, t.signal);
    const body: Record<string, unknown> = {
      sessionUpdate: kind,
      content: { type: 'text', text: piece },
    };
    if (kind === 'agent_thought_chunk') body._meta = { 'ai-coding/thinking-duration-millis': 850 };
    update(t, body);
  }
}

function finish(t: AcpTurn, reason: string, data: Record<string, unknown> = {}): void {
  t.peer.notify('session/update', {
    sessionId: t.session.sessionId,
    update: { sessionUpdate: 'notification', type: 'chat_finish', data: { reason, ...data } },
    _meta: { [REQUEST_ID]: t.requestId },
  });
  t.ctx.log.info(`chat finished (${reason}), request id: ${t.requestId}`);
}

/** Streams the turn; resolves with the ACP stopReason once chat_finish has been sent. */
export async function runAcpTurn(t: AcpTurn): Promise<string> {
  const { ctx } = t;
  const user = ctx.auth.current;
  t.session.turns += 1;
  const vars: TextVars = {
    model: t.session.model,
    turn: t.session.turns,
    question: lastLine(t.question),
    sessionId: t.session.sessionId,
  };
  try {
    if (!user) {
      // Like the Cosy 401 finish: no source shows a logged-out ACP turn (L).
      finish(t, 'error', { statusCode: 401, message: 'not logged in' });
      return 'refusal';
    }
    if (ctx.faults.quotaResetSeconds !== undefined) {
      const quotaResetTime = Date.now() + ctx.faults.quotaResetSeconds * 1000;
      finish(t, 'error', { statusCode: 429, message: 'quota exceeded', quotaResetTime });
      return 'refusal';
    }
    const rule = ctx.scenario.match(t.question);
    t.intervalMs = rule?.faults?.deltaIntervalMs;
    const thinking =
      rule?.think ??
      (ctx.catalog.find(user.uid, t.session.model)?.isReasoning ? defaultThink(vars) : undefined);
    if (thinking !== undefined)
      await chunks(t, 'agent_thought_chunk', renderTemplate(thinking, vars));
    if (rule?.steps?.some((s) => !('say' in s)))
      ctx.log.warn('tool steps are not simulated over ACP');
    const says = (rule?.steps ?? []).flatMap((s) => ('say' in s ? [s.say] : []));
    const text =
      rule?.answer !== undefined || rule?.chunks !== undefined || says.length > 0
        ? [rule?.answer ?? '', ...(rule?.chunks ?? []), ...says]
            .map((x) => renderTemplate(x, vars))
            .join('')
        : defaultAnswer(vars);
    await chunks(t, 'agent_message_chunk', text);
    update(t, {
      sessionUpdate: 'notification',
      type: 'context_usage',
      data: { usedTokens: 40 * t.session.turns + text.length, limitTokens: 131_072 },
    });
    finish(t, 'end_turn');
    return 'end_turn';
  } catch (err) {
    if (!(err instanceof TurnAborted)) throw err;
    ctx.log.info(`prompt ${err.reason}, request id: ${t.requestId}`);
    if (err.reason === 'stopped') finish(t, 'cancelled');
    return 'cancelled';
  }
}
