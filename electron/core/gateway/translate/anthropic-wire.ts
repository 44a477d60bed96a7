/**
 * The Anthropic Messages response shapes this gateway emits — the subset of `@anthropic-ai/sdk`'s
 * `Message` and `RawMessageStreamEvent` types we fill, spelled out so the encoders are type-checked
 * without importing a dev dependency into the product.
 */
import type { AnthropicStopReason } from './finish';
import type { LatencyField } from './result';

/** A text content block. */
export interface AnthropicTextBlock {
  type: 'text';
  text: string;
}

/** Lingma's reasoning, surfaced as thinking; it has no signature (nothing to verify it with). */
export interface AnthropicThinkingBlock {
  type: 'thinking';
  thinking: string;
  signature: string;
}

/** A tool call; `input` is always an object. */
export interface AnthropicToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  input: Record<string, unknown>;
}

/** A bridged Lingma agent tool's result (the predecessor gateway's extension of the format). */
export interface AnthropicToolResultBlock {
  type: 'tool_result';
  tool_use_id: string;
  content: string;
  is_error: boolean;
}

/** Every content block type this gateway emits. */
export type AnthropicContentBlock =
  AnthropicTextBlock | AnthropicThinkingBlock | AnthropicToolUseBlock | AnthropicToolResultBlock;

/** `usage` of a message (token counts are estimates). */
export interface AnthropicUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

/** A complete `message` object (non-stream body, and the `message_start` payload). */
export interface AnthropicMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: AnthropicContentBlock[];
  stop_reason: AnthropicStopReason | null;
  stop_sequence: null;
  usage: AnthropicUsage;
  /** Non-standard: server-side timing (the predecessor gateway sent it too). */
  latency?: LatencyField;
}

/** `content_block_delta` payloads. */
export type AnthropicDelta =
  | { type: 'text_delta'; text: string }
  | { type: 'thinking_delta'; thinking: string }
  | { type: 'signature_delta'; signature: string }
  | { type: 'input_json_delta'; partial_json: string };

/** Stream event payloads by event name (each payload's `type` repeats the name). */
export interface AnthropicEventData {
  message_start: { type: 'message_start'; message: AnthropicMessage };
  ping: { type: 'ping' };
  content_block_start: {
    type: 'content_block_start';
    index: number;
    content_block: AnthropicContentBlock;
  };
  content_block_delta: { type: 'content_block_delta'; index: number; delta: AnthropicDelta };
  content_block_stop: { type: 'content_block_stop'; index: number };
  message_delta: {
    type: 'message_delta';
    delta: { stop_reason: AnthropicStopReason; stop_sequence: null };
    usage: { input_tokens: number; output_tokens: number };
  };
  message_stop: { type: 'message_stop' };
  error: { type: 'error'; error: { type: string; message: string } };
}

/** One SSE frame: `event: <name>` and `data: <json>`. */
export type AnthropicStreamEvent = {
  [K in keyof AnthropicEventData]: { event: K; data: AnthropicEventData[K] };
}[keyof AnthropicEventData];
