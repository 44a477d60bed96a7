import type { ChatEvent, ChatRequest } from '../../lingma/types';
import { RetryTextFilter, ToolCallNames } from '../../tools';
import type { NeutralRequest, OutEvent, Usage } from '../translate/neutral';
import { AnswerAccumulator } from './answer-deltas';
import type { ChatContext, ChatEngineDeps } from './chat-engine';
import { failureFromFinish } from './failures';
import type { ResolvedModel } from './model-resolver';
import type { EngineLease } from './ports';
import type { ToolStage, UpstreamBridge } from './tool-stage';
import { ToolCallMarkupFilter } from '../../tools/markup-filter';

/** What a finished turn leaves for session reuse. */
export interface TurnSummary {
  sessionId: string;
  answer: string;
}

/** One upstream conversation turn, including corrective retries for emulated tool calls. */
export async function* playTurn(
  deps: ChatEngineDeps,
  req: NeutralRequest,
  ctx: ChatContext,
  model: ResolvedModel,
  lease: EngineLease,
  plan: { clientTools: boolean; question?: string; sessionId?: string },
): AsyncGenerator<OutEvent, TurnSummary, undefined> {
  const settings = deps.settings();
  let retriesLeft = plan.clientTools ? settings.correctiveRetries : 0;
  let question = plan.question ?? deps.prompts.full(req);
  let sessionId = plan.sessionId;
  let isReply = plan.question !== undefined;
  const usage: Usage = {
    inputTokens: deps.estimateInput(req),
    outputTokens: 0,
    reasoningTokens: 0,
  };
  let answerForReuse = '';
  let anyCall = false;
  // Corrective retries: what earlier attempts already gave the client.
  let sentText = false;
  let previousText = '';
  const earlierCalls = new Set<string>();

  for (;;) {
    const attemptCalls = new Set<string>();
    const stage: ToolStage | undefined = plan.clientTools
      ? deps.toolStages.clientStage(req, { holdInvalid: retriesLeft > 0 })
      : undefined;
    const bridge: UpstreamBridge | undefined = plan.clientTools
      ? undefined
      : deps.toolStages.upstreamBridge();
    ctx.trace.set({ questionChars: question.length });
    const turn = lease.client.chat(
      chatRequest(deps, question, model, sessionId, isReply, ctx, lease),
    );
    ctx.trace.set({ upstreamRequestId: turn.requestId });
    const acc = new AnswerAccumulator();
    const toolNames = new ToolCallNames();
    let finishSession = sessionId ?? '';
    const repeat = previousText ? new RetryTextFilter(previousText, sentText) : undefined;
    let attemptText = '';
    const markup = new ToolCallMarkupFilter();
    const emit = function* (events: OutEvent[]): Generator<OutEvent> {
      for (const e of events) {
        if (e.type === 'text') {
          attemptText += e.text;
          const text = repeat ? repeat.text(e.text) : e.text;
          if (!text) continue;
          sentText = true;
          yield { type: 'text', text };
          continue;
        }
        repeat?.settle();
        if (e.type === 'tool_call') {
          // A retry told not to repeat the calls already accepted may still do so.
          const key = `${e.call.name}\n${e.call.arguments}`;
          if (earlierCalls.has(key)) continue;
          attemptCalls.add(key);
          anyCall = true;
          // The request log shows the very ids the client receives.
          ctx.trace.clientToolCall(e.call);
        }
        yield e;
      }
    };

    for await (const ev of turn as AsyncIterable<ChatEvent>) {
      switch (ev.type) {
        case 'text': {
          const delta = acc.push(ev.text, ev.overwrite);
          if (!delta) break;
          usage.outputTokens += deps.estimateText(delta);
          toolNames.observe(delta);
          bridge?.observeText(delta);
          // Lingma's tool-card markup is for its own IDE plugins, never for API clients.
          const shown = markup.push(delta);
          if (!shown) break;
          if (stage) yield* emit(stage.push(shown));
          else yield { type: 'text', text: shown };
          break;
        }
        case 'think':
          if (ev.text) {
            const t = deps.estimateText(ev.text);
            usage.reasoningTokens += t;
            usage.outputTokens += t;
            yield { type: 'reasoning', text: ev.text };
          }
          break;
        case 'tool':
          ctx.trace.upstreamTool(toolNames.named(ev.message));
          if (bridge) {
            for (const call of bridge.add(ev.message)) yield { type: 'upstream_tool', call };
          }
          break;
        case 'step':
          ctx.trace.event(`step:${ev.step}:${ev.status}`);
          break;
        case 'title':
          break;
        case 'finish': {
          const failure = failureFromFinish(ev.statusCode, ev.reason, ev.resetAt);
          if (failure) throw failure;
          finishSession = ev.sessionId || finishSession;
          // Some builds put the whole answer only in the finish.
          if (!acc.sent && ev.fullAnswer) {
            const delta = acc.push(ev.fullAnswer, false);
            usage.outputTokens += deps.estimateText(delta);
            toolNames.observe(delta);
            bridge?.observeText(delta);
            const shown = markup.push(delta);
            if (stage) yield* emit(stage.push(shown));
            else if (shown) yield { type: 'text', text: shown };
          }
          break;
        }
      }
    }
    const tail = markup.end();
    if (tail) {
      if (stage) yield* emit(stage.push(tail));
      else yield { type: 'text', text: tail };
    }
    if (stage) yield* emit(stage.end());
    repeat?.settle();
    if (bridge) for (const call of bridge.end()) yield { type: 'upstream_tool', call };
    ctx.trace.set({ upstreamSessionId: finishSession });
    answerForReuse = acc.upstream;

    const correction = stage?.correction();
    if (correction && retriesLeft > 0 && !ctx.signal.aborted) {
      retriesLeft -= 1;
      ctx.trace.event('tool-corrective-retry');
      previousText = attemptText;
      for (const key of attemptCalls) earlierCalls.add(key);
      question = deps.prompts.full({
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

function chatRequest(
  deps: ChatEngineDeps,
  questionText: string,
  model: ResolvedModel,
  sessionId: string | undefined,
  isReply: boolean,
  ctx: ChatContext,
  lease: EngineLease,
): ChatRequest {
  const approve = deps.settings().upstreamApproval === 'auto-approve';
  return {
    questionText,
    sessionId,
    isReply,
    modelKey: model.key,
    mode: model.mode,
    signal: ctx.signal,
    // The predecessor auto-approved pending upstream tools; that is now an opt-in policy.
    toolApproval: approve ? 'approve' : 'reject',
    agentSessionType: deps.settings().models.agentSessionType,
    onToolInvoke: approve
      ? undefined
      : (params) => ({
          success: false,
          errorMessage: `Lingma Gateway is not an IDE: tool ${String(params.name ?? '')} is not available here (instance ${lease.instanceId}).`,
        }),
  };
}
