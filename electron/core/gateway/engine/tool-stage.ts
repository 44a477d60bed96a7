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
   * `holdInvalid`: keep an invalid call's text back (a retry may replace it); it is released as
   * text at `end()` when `correction()` will be null… or dropped when the engine retries.
   */
  clientStage(req: NeutralRequest, options: { holdInvalid: boolean }): ToolStage;
  upstreamBridge(): UpstreamBridge;
}
