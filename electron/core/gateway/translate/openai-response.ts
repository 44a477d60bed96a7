/**
 * Neutral result → OpenAI `chat.completion` (the `stream: false` answer).
 */
import { toOpenAiFinishReason, type OpenAiFinishReason } from './finish';
import type { FinishReason, Usage } from '../../chat/types';
import type { ChatCompletion, OpenAiToolCall, OpenAiUsage } from './openai-wire';
import {
  latencyField,
  normalizeArguments,
  sourceResult,
  withPrefix,
  type LatencyInput,
  type ResponseSource,
  type ResultCall,
} from './result';

/** Identity and metadata of one completion; `created` is Unix seconds. */
export interface ChatCompletionMeta {
  id: string;
  created: number;
  /** The model name reported to the client. */
  model: string;
  systemFingerprint?: string;
  latency?: LatencyInput;
}

/** `buildChatCompletion` input: metadata plus events or an accumulated result. */
export type ChatCompletionInput = ChatCompletionMeta & ResponseSource;

/** The id prefix OpenAI clients expect on completions. */
export const CHAT_COMPLETION_ID_PREFIX = 'chatcmpl-';

/** Neutral usage → OpenAI usage (reasoning tokens are part of the completion tokens). */
export function openAiUsage(usage: Usage): OpenAiUsage {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: usage.reasoningTokens },
  };
}

/**
 * The finish reason a client sees: `tool_calls` whenever the message carries calls (clients loop
 * on it), and never `tool_calls` without any (clients would look for calls that are not there).
 */
export function openAiFinishFor(reason: FinishReason, hasCalls: boolean): OpenAiFinishReason {
  if (hasCalls) return 'tool_calls';
  const mapped = toOpenAiFinishReason(reason);
  return mapped === 'tool_calls' ? 'stop' : mapped;
}

/** One call in the wire shape (bridged upstream calls look exactly like client calls). */
export function openAiToolCall(entry: ResultCall): OpenAiToolCall {
  return {
    id: entry.call.id,
    type: 'function',
    function: { name: entry.call.name, arguments: normalizeArguments(entry.call.arguments) },
  };
}

/** Builds the non-streamed `chat.completion` from events or an accumulated result. */
export function buildChatCompletion(input: ChatCompletionInput): ChatCompletion {
  const result = sourceResult(input);
  const hasCalls = result.calls.length > 0;
  // Null content is how OpenAI marks a tool-call-only message; an empty answer stays a string.
  const content = result.text || (hasCalls ? null : '');
  const message: ChatCompletion['choices'][number]['message'] = {
    role: 'assistant',
    content,
    refusal: null,
  };
  if (result.reasoning) message.reasoning_content = result.reasoning;
  if (hasCalls) message.tool_calls = result.calls.map(openAiToolCall);
  const completion: ChatCompletion = {
    id: withPrefix(input.id, CHAT_COMPLETION_ID_PREFIX),
    object: 'chat.completion',
    created: input.created,
    model: input.model,
    choices: [
      {
        index: 0,
        message,
        finish_reason: openAiFinishFor(result.finishReason, hasCalls),
        logprobs: null,
      },
    ],
    usage: openAiUsage(result.usage),
  };
  if (input.systemFingerprint) completion.system_fingerprint = input.systemFingerprint;
  if (input.latency) completion.latency = latencyField(input.latency);
  return completion;
}
