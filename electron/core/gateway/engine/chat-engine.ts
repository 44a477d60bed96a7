import type { ChatEvent, ChatRequest } from '../../lingma/types';
import type { Logger } from '../../util/logger';
import { ApiError } from '../errors';
import type { NeutralRequest, OutEvent, Usage } from '../translate/neutral';
import { AnswerAccumulator } from './answer-deltas';
import { failureFromError, failureFromFinish, TurnFailure } from './failures';
import { resolveModel, type ModelResolverOptions, type ResolvedModel } from './model-resolver';
import type {
  EngineLease,
  EngineLimiter,
  EnginePool,
  EngineReuseCache,
  RequestTrace,
} from './ports';
import { planReuse } from './reuse-plan';
import type { PromptRenderer, ToolStage, ToolStageFactory, UpstreamBridge } from './tool-stage';

export interface ChatEngineDeps {
  pool: EnginePool;
  limiter: EngineLimiter;
  reuse: EngineReuseCache;
  prompts: PromptRenderer;
  toolStages: ToolStageFactory;
  logger: Logger;
  settings(): {
    models: ModelResolverOptions;
    sessionReuse: boolean;
    /** Accounts tried before giving up when failures happen before the first byte. */
    maxFailovers: number;
    idleTimeoutMs: number;
    correctiveRetries: number;
    upstreamApproval: 'deny' | 'auto-approve';
  };
  estimateInput(req: NeutralRequest): number;
  estimateText(text: string): number;
}

export interface ChatContext {
  requestId: string;
  /** API-key scope: reuse never crosses keys. */
  keyId: string;
  /** Aborted when the client disconnects. */
  signal: AbortSignal;
  trace: RequestTrace;
}

/** A started chat: the resolved model is known before the first event. */
export interface ChatRun {
  model: ResolvedModel;
  events: AsyncGenerator<OutEvent, void, undefined>;
}

/**
 * Runs one API request against the pool: model resolution, admission, session reuse, routing,
 * failover before the first byte, client-tool emulation (with corrective retries) or the upstream
 * tool bridge, and usage. Errors thrown before the first event are pre-output (the route still
 * answers with a proper HTTP status); later ones end the stream with an error event.
 */
export class ChatEngine {
  constructor(private readonly deps: ChatEngineDeps) {}

  async start(req: NeutralRequest, ctx: ChatContext): Promise<ChatRun> {
    const settings = this.deps.settings();
    const models = await this.deps.pool.models().catch(() => []);
    const model = resolveModel(req.model, models, settings.models);
    ctx.trace.set({ resolvedModel: model.reported });
    return { model, events: this.run(req, ctx, model) };
  }

  private async *run(
    req: NeutralRequest,
    ctx: ChatContext,
    model: ResolvedModel,
  ): AsyncGenerator<OutEvent, void, undefined> {
    const settings = this.deps.settings();
    const ticket = await this.deps.limiter.acquire(ctx.signal);
    try {
      const clientTools = req.tools.length > 0 && req.toolChoice.type !== 'none';
      const reuse =
        settings.sessionReuse && model.mode === 'chat' && !clientTools
          ? planReuse(req, ctx.keyId)
          : undefined;
      const binding = reuse?.lookupKey ? this.deps.reuse.lookup(reuse.lookupKey) : undefined;
      const exclude: string[] = [];
      for (let attempt = 1; ; attempt += 1) {
        ctx.trace.set({ attempts: attempt });
        const lease = await this.deps.pool.acquire({
          affinityKey: req.user ?? (req.system ? `sys:${req.system.slice(0, 512)}` : undefined),
          preferInstanceId: binding?.instanceId,
          exclude,
          signal: ctx.signal,
        });
        ctx.trace.set({
          accountId: lease.accountId,
          accountName: lease.accountName,
          instanceId: lease.instanceId,
          queueWaitMs: lease.queuedMs,
        });
        const hit = Boolean(
          binding && lease.affinityHonoured && binding.instanceId === lease.instanceId,
        );
        if (reuse?.lookupKey) {
          this.deps.reuse.recordHit(hit);
          ctx.trace.set({ reuseHit: hit });
        }
        let produced = false;
        let released = false;
        const release = (failure?: TurnFailure): void => {
          if (released) return;
          released = true;
          lease.release(failure ? failure.outcome : { kind: 'ok' });
        };
        try {
          const turn = this.playTurn(req, ctx, model, lease, {
            clientTools,
            question: hit && reuse ? this.deps.prompts.followUp(req, reuse.newMessages) : undefined,
            sessionId: hit ? binding?.sessionId : undefined,
          });
          let result: IteratorResult<OutEvent, TurnSummary>;
          while (!(result = await turn.next()).done) {
            produced = true;
            yield result.value;
          }
          release();
          if (reuse && result.value.sessionId) {
            this.deps.reuse.store(reuse.keyAfter(result.value.answer), {
              sessionId: result.value.sessionId,
              instanceId: lease.instanceId,
            });
          }
          return;
        } catch (err) {
          const failure = failureFromError(err, ctx.signal);
          release(failure);
          const canFailover =
            !produced &&
            failure.failover &&
            attempt <= settings.maxFailovers &&
            !ctx.signal.aborted;
          if (!canFailover) throw failure.apiError;
          this.deps.logger.warn('failing over to another account', {
            requestId: ctx.requestId,
            from: lease.instanceId,
            reason: failure.outcome.kind,
          });
          ctx.trace.event(`failover:${failure.outcome.kind}`);
          exclude.push(lease.instanceId);
        } finally {
          // The consumer may stop early (client gone): the lease must still come back.
          release(new TurnFailure({ kind: 'error', message: 'aborted' }, false, aborted()));
        }
      }
    } finally {
      ticket.release();
    }
  }

  /** One upstream conversation turn, including corrective retries for emulated tool calls. */
  private async *playTurn(
    req: NeutralRequest,
    ctx: ChatContext,
    model: ResolvedModel,
    lease: EngineLease,
    plan: { clientTools: boolean; question?: string; sessionId?: string },
  ): AsyncGenerator<OutEvent, TurnSummary, undefined> {
    const settings = this.deps.settings();
    let retriesLeft = plan.clientTools ? settings.correctiveRetries : 0;
    let question = plan.question ?? this.deps.prompts.full(req);
    let sessionId = plan.sessionId;
    let isReply = plan.question !== undefined;
    const usage: Usage = {
      inputTokens: this.deps.estimateInput(req),
      outputTokens: 0,
      reasoningTokens: 0,
    };
    let answerForReuse = '';
    let anyCall = false;

    for (;;) {
      const stage: ToolStage | undefined = plan.clientTools
        ? this.deps.toolStages.clientStage(req, { holdInvalid: retriesLeft > 0 })
        : undefined;
      const bridge: UpstreamBridge | undefined = plan.clientTools
        ? undefined
        : this.deps.toolStages.upstreamBridge();
      ctx.trace.set({ questionChars: question.length });
      const turn = lease.client.chat(
        this.chatRequest(question, model, sessionId, isReply, ctx, lease),
      );
      ctx.trace.set({ upstreamRequestId: turn.requestId });
      const acc = new AnswerAccumulator();
      let finishSession = sessionId ?? '';
      const emit = function* (events: OutEvent[]): Generator<OutEvent> {
        for (const e of events) {
          if (e.type === 'tool_call') anyCall = true;
          yield e;
        }
      };

      for await (const ev of turn as AsyncIterable<ChatEvent>) {
        switch (ev.type) {
          case 'text': {
            const delta = acc.push(ev.text, ev.overwrite);
            if (!delta) break;
            usage.outputTokens += this.deps.estimateText(delta);
            if (stage) yield* emit(stage.push(delta));
            else {
              bridge?.observeText(delta);
              yield { type: 'text', text: delta };
            }
            break;
          }
          case 'think':
            if (ev.text) {
              const t = this.deps.estimateText(ev.text);
              usage.reasoningTokens += t;
              usage.outputTokens += t;
              yield { type: 'reasoning', text: ev.text };
            }
            break;
          case 'tool':
            ctx.trace.upstreamTool(ev.message);
            if (bridge) {
              for (const call of bridge.add(ev.message)) yield { type: 'upstream_tool', call };
            }
            this.maybeApprove(ev.message, lease, ctx);
            break;
          case 'step':
            ctx.trace.event(`step:${ev.step}:${ev.status}`);
            break;
          case 'title':
            break;
          case 'finish': {
            const failure = failureFromFinish(ev.statusCode, ev.reason);
            if (failure) throw failure;
            finishSession = ev.sessionId || finishSession;
            // Some builds put the whole answer only in the finish.
            if (!acc.sent && ev.fullAnswer) {
              const delta = acc.push(ev.fullAnswer, false);
              usage.outputTokens += this.deps.estimateText(delta);
              if (stage) yield* emit(stage.push(delta));
              else yield { type: 'text', text: delta };
            }
            break;
          }
        }
      }
      if (stage) yield* emit(stage.end());
      if (bridge) for (const call of bridge.end()) yield { type: 'upstream_tool', call };
      ctx.trace.set({ upstreamSessionId: finishSession });
      answerForReuse = acc.upstream;

      const correction = stage?.correction();
      if (correction && retriesLeft > 0 && !ctx.signal.aborted) {
        retriesLeft -= 1;
        ctx.trace.event('tool-corrective-retry');
        question = this.deps.prompts.full({
          ...req,
          messages: [
            ...req.messages,
            { role: 'assistant', text: acc.upstream },
            { role: 'user', text: correction },
          ],
        });
        sessionId = undefined;
        isReply = false;
        continue;
      }
      const finishReason = anyCall || bridge?.pendingToolUse() ? 'tool_calls' : 'stop';
      ctx.trace.set({ tokensIn: usage.inputTokens, tokensOut: usage.outputTokens });
      yield { type: 'finish', finishReason, usage };
      return { sessionId: finishSession, answer: answerForReuse };
    }
  }

  private chatRequest(
    questionText: string,
    model: ResolvedModel,
    sessionId: string | undefined,
    isReply: boolean,
    ctx: ChatContext,
    lease: EngineLease,
  ): ChatRequest {
    const approve = this.deps.settings().upstreamApproval === 'auto-approve';
    return {
      questionText,
      sessionId,
      isReply,
      modelKey: model.key,
      mode: model.mode,
      signal: ctx.signal,
      onToolInvoke: approve
        ? undefined
        : (params) => ({
            success: false,
            errorMessage: `Lingma Gateway is not an IDE: tool ${String(params.name ?? '')} is not available here (instance ${lease.instanceId}).`,
          }),
    };
  }

  /** The predecessor auto-approved pending upstream tools; that is now an opt-in policy. */
  private maybeApprove(
    message: { method: string; params: Record<string, unknown>; direction: string },
    lease: EngineLease,
    ctx: ChatContext,
  ): void {
    if (message.direction !== 'in' || message.method !== 'tool/call/sync') return;
    const p = message.params;
    if (p.toolCallStatus !== 'PENDING') return;
    const sessionId = typeof p.sessionId === 'string' ? p.sessionId : '';
    const requestId = typeof p.requestId === 'string' ? p.requestId : '';
    const toolCallId = typeof p.toolCallId === 'string' ? p.toolCallId : '';
    if (!toolCallId) return;
    const approval = this.deps.settings().upstreamApproval === 'auto-approve';
    lease.client
      .approveToolCall({ sessionId, requestId, toolCallId, approval })
      .catch((err: unknown) =>
        this.deps.logger.warn('tool approval failed', {
          requestId: ctx.requestId,
          toolCallId,
          err,
        }),
      );
  }
}

interface TurnSummary {
  sessionId: string;
  answer: string;
}

function aborted(): ApiError {
  return new ApiError('invalid_request', 'The client closed the request.', { status: 499 });
}
