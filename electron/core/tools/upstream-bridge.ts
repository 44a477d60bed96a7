/**
 * One chat turn's view of the upstream merger, in the shape the chat engine consumes (the
 * `UpstreamBridge` seam): the Lingma client has already routed the turn's tool messages here, so
 * messages without a requestId simply belong to this turn.
 */
import type { BridgedToolCall } from '../chat/types';
import type { UpstreamToolMessage } from '../lingma/types';
import {
  UpstreamToolMerger,
  type UpstreamMergeOptions,
  type UpstreamToolTimeline,
} from './upstream-merge';

export interface UpstreamTurnBridge {
  /** Merges a message; returns the bridged calls that became ready (each exactly once). */
  add(message: UpstreamToolMessage): BridgedToolCall[];
  /** Answer text delta: ```toolCall::name::id tags name the calls. */
  observeText(delta: string): void;
  /** End of turn: the calls not handed out yet (possibly without result). */
  end(): BridgedToolCall[];
  /** A handed-out call has no result: Anthropic `stop_reason: "tool_use"`, OpenAI `tool_calls`. */
  pendingToolUse(): boolean;
  /** Per-call timelines for the request log. */
  timeline(): UpstreamToolTimeline[];
}

/** A bridge for one turn. */
export function createUpstreamBridge(
  options: Omit<UpstreamMergeOptions, 'defaultRequestId'> = {},
): UpstreamTurnBridge {
  const merger = new UpstreamToolMerger({ ...options, defaultRequestId: '' });
  return {
    add(message) {
      return merger.add(message).routed ? merger.takeReady() : [];
    },
    observeText(delta) {
      merger.observeText(delta);
    },
    end() {
      merger.endText();
      return merger.flush();
    },
    pendingToolUse: () => merger.pendingToolUse(),
    timeline: () => merger.timeline(),
  };
}
