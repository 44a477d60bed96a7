/**
 * The OpenAI Chat Completions response shapes this gateway emits — the subset of the `openai`
 * SDK's `ChatCompletion` / `ChatCompletionChunk` types we fill, spelled out so the encoders are
 * type-checked without importing a dev dependency into the product.
 */
import type { OpenAiFinishReason } from './finish';
import type { LatencyField } from './result';

/** A complete tool call in a `chat.completion` message. */
export interface OpenAiToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** `usage` (token counts are estimates). */
export interface OpenAiUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number };
  completion_tokens_details: { reasoning_tokens: number };
}

/** A complete `chat.completion` (the `stream: false` body). */
export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: Array<{
    index: 0;
    message: {
      role: 'assistant';
      content: string | null;
      /** DeepSeek-style reasoning text, present only when the model reasoned. */
      reasoning_content?: string;
      tool_calls?: OpenAiToolCall[];
      refusal: null;
    };
    finish_reason: OpenAiFinishReason;
    logprobs: null;
  }>;
  usage: OpenAiUsage;
  system_fingerprint?: string;
  /** Non-standard: server-side timing (the predecessor gateway sent it too). */
  latency?: LatencyField;
}

/** A tool-call fragment: the first one for a call names it, later ones append arguments. */
export type OpenAiToolCallDelta =
  | { index: number; id: string; type: 'function'; function: { name: string; arguments: '' } }
  | { index: number; function: { arguments: string } };

/** What one chunk adds to the message. */
export interface ChatCompletionChunkDelta {
  role?: 'assistant';
  content?: string;
  reasoning_content?: string;
  tool_calls?: OpenAiToolCallDelta[];
}

/** One `chat.completion.chunk` (one SSE data frame). */
export interface ChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  system_fingerprint?: string;
  /** Empty only in the trailing usage chunk. */
  choices: Array<{
    index: 0;
    delta: ChatCompletionChunkDelta;
    logprobs: null;
    finish_reason: OpenAiFinishReason | null;
  }>;
  /** Present only with `stream_options.include_usage`: null until the trailing usage chunk. */
  usage?: OpenAiUsage | null;
}

/** A mid-stream failure, in the `{error:{…}}` shape the SDK turns into an `APIError`. */
export interface OpenAiErrorChunk {
  error: { message: string; type: string; param: string | null; code: string | null };
}
