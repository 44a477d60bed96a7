/**
 * One request's turn on one lease: the upstream `chat/ask`, read through the answer pipeline
 * (answer-pipeline.ts), plus the corrective retries on the same lease — for emulated tool calls
 * that are invalid, missing, or to tools the client did not offer (the budget from Settings), and
 * one for a structured answer that is not the required JSON. Ends with the finish event and what
 * session reuse needs; a failure is thrown (TurnFailure or the upstream's error).
 */
import type { Lease } from '../pool/types';
import { AnswerPipeline, type RetryState } from './answer-pipeline';
import type { ResolvedModel } from './model-resolver';
import type { RequestTrace } from './ports';
import type { SessionStart } from './session-reuse';
import type { FormatChecker, PromptRenderer, ToolStageFactory } from './tool-seams';
import { WATERFALL_EVENTS } from './session-kind';
import { consumeTurn } from './turn-pump';
import type { NeutralRequest, OutEvent, Usage } from './types';
import { chatRequest, type UpstreamPolicy } from './upstream-request';
import type { TurnTimeouts } from './watchdog';

/** What a finished turn leaves for session reuse. */
export interface TurnSummary {
  sessionId: string;
  answer: string;
}

export interface TurnDeps {
  tools: ToolStageFactory;
  prompts: PromptRenderer;
  estimateText(text: string): number;
  policy: UpstreamPolicy;
  timeouts: TurnTimeouts;
  correctiveRetries: number;
}

/** How the engine wants this turn played. */
export interface TurnPlan {
  req: NeutralRequest;
  model: ResolvedModel;
  lease: Lease;
  /** The client offered tools: emulate them (else Lingma's own tool events are bridged). */
  clientTools: boolean;
  /** The request requires JSON output (emulated structured output). */
  format?: FormatChecker;
  /** How the turn starts: a reply on a session, or a whole question into a new one. */
  start: SessionStart;
  inputTokens: number;
  signal: AbortSignal;
  trace: RequestTrace;
  emit(ev: OutEvent): void;
  ready?(): Promise<void> | undefined;
}

export async function playTurn(d: TurnDeps, p: TurnPlan): Promise<TurnSummary> {
  const { req, trace } = p;
  const retry: RetryState = {
    toolRetriesLeft: d.correctiveRetries,
    formatRetriesLeft: p.format ? 1 : 0,
    sentText: false,
    previousText: '',
    earlierCalls: new Set(),
    anyCall: false,
  };
  const usage: Usage = { inputTokens: p.inputTokens, outputTokens: 0, reasoningTokens: 0 };
  const emit = (ev: OutEvent): void => {
    // Reasoning is counted as it goes (it is not held by any stage); answer text once per attempt.
    if (ev.type === 'reasoning') usage.reasoningTokens += d.estimateText(ev.text);
    p.emit(ev);
  };
  let question = p.start.question;
  let start = { sessionId: p.start.sessionId, isReply: p.start.kind === 'reply' };

  for (;;) {
    const pipe = new AnswerPipeline({
      tools: d.tools,
      req,
      trace,
      clientTools: p.clientTools,
      ...(p.format ? { format: p.format } : {}),
      retry,
      emit,
    });
    pipe.sessionId = start.sessionId ?? '';
    trace.set({ questionChars: question.length });
    const request = chatRequest(question, p.model, start, p.signal, p.lease.instanceId, d.policy);
    const turn = p.lease.client.chat(request);
    trace.set({
      upstreamRequestId: turn.requestId,
      upstreamAskBytes: Buffer.byteLength(question, 'utf8'),
    });
    trace.event(WATERFALL_EVENTS.ask);
    let firstSeen = false;
    await consumeTurn(turn, {
      timeouts: d.timeouts,
      signal: p.signal,
      onEvent: (ev) => {
        if (!firstSeen) {
          firstSeen = true;
          trace.event(WATERFALL_EVENTS.first);
        }
        pipe.upstream(ev);
      },
      ready: p.ready,
    });
    trace.event(WATERFALL_EVENTS.end);
    usage.outputTokens += d.estimateText(pipe.acc.sent);
    const correction = pipe.settle(p.signal.aborted);
    trace.set({ upstreamSessionId: pipe.sessionId });
    if (correction !== null) {
      // The session holds the answer being corrected: the correction is a reply on it (only
      // without a session — a finish that named none — is the whole transcript re-sent).
      if (pipe.sessionId) {
        question = correction;
        start = { sessionId: pipe.sessionId, isReply: true };
        continue;
      }
      question = d.prompts.full({
        ...req,
        messages: [
          ...req.messages,
          { role: 'assistant', text: pipe.acc.upstream },
          { role: 'user', text: correction },
        ],
      }).text;
      start = { sessionId: undefined, isReply: false };
      continue;
    }
    usage.outputTokens += usage.reasoningTokens;
    const finishReason = retry.anyCall || pipe.pendingToolUse() ? 'tool_calls' : 'stop';
    p.emit({ type: 'finish', finishReason, usage });
    return { sessionId: pipe.sessionId, answer: pipe.acc.upstream };
  }
}
