import type { ChatEvent } from '../../lingma/types';
import { RetryTextFilter, ToolCallNames } from '../../tools';
import type { NeutralRequest, OutEvent, Usage } from '../translate/neutral';
import { AnswerAccumulator } from './answer-deltas';
import type { ChatContext, ChatEngineDeps } from './chat-engine';
import { failureFromFinish } from './failures';
import type { ResolvedModel } from './model-resolver';
import type { EngineLease } from './ports';
import type { FormatChecker, ToolStage, UpstreamBridge } from './tool-stage';
import { ToolCallMarkupFilter } from '../../tools/markup-filter';
import { StructuredStage } from './structured-stage';
import { chatRequest } from './turn-upstream';
import { WATERFALL_EVENTS } from './session-kind';

/** What a finished turn leaves for session reuse. */
export interface TurnSummary {
  sessionId: string;
  answer: string;
}

/** How the engine wants one turn played. */
export interface TurnPlan {
  /** The client offered tools: emulate them (else Lingma's own tool events are bridged). */
  clientTools: boolean;
  /** A reused session's follow-up question (else the full transcript is rendered). */
  question?: string;
  sessionId?: string;
  /** The request requires JSON output (emulated structured output). */
  format?: FormatChecker;
}

/**
 * One upstream conversation turn, including corrective retries: for emulated tool calls that are
 * invalid, missing, or to tools the client did not offer (the budget from Settings), and one for
 * a structured answer that is not the required JSON. Call markup never reaches the client: what
 * is still invalid after the retries is stripped and noted in the request log.
 */
export async function* playTurn(
  deps: ChatEngineDeps,
  req: NeutralRequest,
  ctx: ChatContext,
  model: ResolvedModel,
  lease: EngineLease,
  plan: TurnPlan,
): AsyncGenerator<OutEvent, TurnSummary, undefined> {
  const settings = deps.settings();
  let toolRetriesLeft = settings.correctiveRetries;
  let formatRetriesLeft = plan.format ? 1 : 0;
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
    // Always parsed: without tools offered, a call block is a call to a tool nobody offered.
    const stage: ToolStage = deps.toolStages.clientStage(req, { holdInvalid: true });
    const bridge: UpstreamBridge | undefined = plan.clientTools
      ? undefined
      : deps.toolStages.upstreamBridge();
    const structured = plan.format ? new StructuredStage(plan.format) : undefined;
    const staged = (events: OutEvent[]): OutEvent[] =>
      structured ? structured.push(events) : events;
    ctx.trace.set({ questionChars: question.length });
    const turn = lease.client.chat(
      chatRequest(deps, question, model, sessionId, isReply, ctx, lease),
    );
    ctx.trace.set({ upstreamRequestId: turn.requestId });
    // issue 16: bytes sent upstream and the waterfall's upstream spans
    ctx.trace.set({ upstreamAskBytes: Buffer.byteLength(question, 'utf8') });
    ctx.trace.event(WATERFALL_EVENTS.ask);
    let firstSeen = false;
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
      if (!firstSeen) {
        firstSeen = true;
        ctx.trace.event(WATERFALL_EVENTS.first); // issue 16
      }
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
          yield* emit(staged(stage.push(shown)));
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
            if (shown) yield* emit(staged(stage.push(shown)));
          }
          break;
        }
      }
    }
    ctx.trace.event(WATERFALL_EVENTS.end); // issue 16
    const tail = markup.end();
    if (tail) yield* emit(staged(stage.push(tail)));
    yield* emit(staged(stage.end()));
    repeat?.settle();
    if (bridge) for (const call of bridge.end()) yield { type: 'upstream_tool', call };
    ctx.trace.set({ upstreamSessionId: finishSession });
    answerForReuse = acc.upstream;

    let correction = stage.correction();
    if (correction && toolRetriesLeft > 0 && !ctx.signal.aborted) {
      toolRetriesLeft -= 1;
      ctx.trace.event('tool-corrective-retry');
    } else {
      correction = null;
      for (const block of stage.withheld())
        ctx.trace.set({
          note: `stripped tool call ${block.name ? `"${block.name}"` : '(unreadable)'}: ${block.reasons.join('; ')}`,
        });
      if (structured) {
        const outcome = structured.finish(anyCall, formatRetriesLeft > 0 && !ctx.signal.aborted);
        correction = outcome.correction;
        if (correction) {
          formatRetriesLeft -= 1;
          ctx.trace.event('format-corrective-retry');
        } else {
          yield* emit(outcome.events);
          if (outcome.problems.length > 0)
            ctx.trace.set({
              note: `structured output still invalid after a corrective retry: ${outcome.problems.join('; ')}`,
            });
        }
      }
    }
    if (correction) {
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
