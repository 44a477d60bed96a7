/**
 * The engine's seams to core/tools: prompt rendering, the client-tool stream stage (emulated
 * function calling) and the upstream tool-event bridge. Implemented in tool-stage-impl.ts.
 */
import type { UpstreamToolMessage } from '../../lingma/types';
import type {
  BridgedToolCall,
  NeutralMessage,
  NeutralRequest,
  OutEvent,
  ResponseFormat,
} from '../translate/neutral';

export interface PromptRenderer {
  /** The whole transcript as one Lingma question (tools instructions included). */
  full(req: NeutralRequest): string;
  /** Only the new trailing user messages, for a reused upstream session. */
  followUp(req: NeutralRequest, newMessages: NeutralMessage[]): string;
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
}
