/**
 * The chat core's seams to core/tools: prompt rendering, the client-tool stream stage (emulated
 * function calling), the upstream tool-event bridge, structured-output checks and the small text
 * filters of an answer. core/tools implements them (tools/chat-seams.ts); the composition root
 * plugs that in, so the chat core never imports core/tools.
 */
import type { UpstreamToolMessage } from '../lingma/types';
import type {
  BridgedToolCall,
  NeutralMessage,
  NeutralRequest,
  OutEvent,
  ResponseFormat,
} from './types';

/** The context budget a full question must fit: `limit` in the units `measure` counts. */
export interface PromptBudget {
  limit: number;
  measure(text: string): number;
}

/** A full question, and what fitting it into the budget took. */
export interface RenderedQuestion {
  text: string;
  /** Earlier messages cut to fit (a marker stands where they were). */
  omittedMessages: number;
  /** Even the parts that are never cut do not fit. */
  overBudget: boolean;
  /** The text's size by the budget's measure, when it had to be measured. */
  size?: number;
}

export interface PromptRenderer {
  /** The whole transcript as one Lingma question (tools instructions included). */
  full(req: NeutralRequest, budget?: PromptBudget): RenderedQuestion;
  /**
   * Only what a continued session has not seen: `newMessages` (tool results, user messages,
   * instructions) in the tool-call convention, plus what this reply must do.
   */
  followUp(req: NeutralRequest, newMessages: readonly NeutralMessage[]): string;
}

/** Turns answer text into text + emulated tool-call events for one upstream answer. */
export interface ToolStage {
  push(delta: string): OutEvent[];
  end(): OutEvent[];
  /**
   * After `end()`: the corrective follow-up to send when the answer needs a retry (an invalid
   * call, or no call although one was required), else null.
   */
  correction(): string | null;
  /** After `end()`: blocks that were withheld from the client (stripped), for the request log. */
  withheld(): readonly { name?: string; reasons: string[] }[];
}

/** Checks structured answers (emulated `response_format` / `text.format` / `output_config`). */
export interface FormatChecker {
  check(answer: string): { ok: boolean; json?: string; problems: string[] };
  correction(problems: readonly string[]): string;
}

/** Surfaces Lingma's own agent tool activity to clients that defined no tools. */
export interface UpstreamBridge {
  add(message: UpstreamToolMessage): BridgedToolCall[];
  observeText(delta: string): void;
  end(): BridgedToolCall[];
  /** A bridged tool_use without a result (Anthropic stop_reason "tool_use"). */
  pendingToolUse(): boolean;
}

/** A streaming text filter: what to pass on now, and what is left at the end. */
export interface TextFilter {
  push(delta: string): string;
  end(): string;
}

/** A corrective retry's text: a repeat of what the client already has is dropped. */
export interface RetryFilter {
  /** A text delta of the retry's answer; returns what to send now. */
  text(delta: string): string;
  /** Something other than text comes next: held text was a repeat and is dropped. */
  settle(): void;
}

/** Names upstream tool messages (`tool/call/sync` has none) from the answer's tags, for the log. */
export interface ToolNamer {
  observe(text: string): void;
  named<M extends { params: Record<string, unknown> }>(message: M): M;
}

export interface ToolStageFactory {
  /**
   * `holdInvalid`: keep an invalid call's text back (a retry replaces it, or it is stripped and
   * reported through `withheld()`). The engine always holds: raw call markup never reaches a
   * client. Without tools offered, every call block is invalid (a tool the client did not offer).
   */
  clientStage(req: NeutralRequest, options: { holdInvalid: boolean }): ToolStage;
  upstreamBridge(): UpstreamBridge;
  /**
   * A checker for the request's format; throws (an Error with a message for the client) when the
   * schema cannot be compiled.
   */
  formatChecker(format: ResponseFormat): FormatChecker;
  /** Strips Lingma's own tool-card markup (for its IDE plugins, never for API clients). */
  markupFilter(): TextFilter;
  /** `previous`: the text the corrected answer showed; `sentBefore`: the client has any text. */
  retryFilter(previous: string, sentBefore: boolean): RetryFilter;
  toolNamer(): ToolNamer;
}
