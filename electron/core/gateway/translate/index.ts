/**
 * The pure translation layer: API request bodies → NeutralRequest, OutEvent streams → API
 * responses and stream events, and token estimates. No I/O, no clocks: ids and timestamps are
 * passed in by the routes.
 */
export { parseOpenAiChatRequest } from './openai-request';
export {
  parseAnthropicMessagesRequest,
  parseAnthropicCountTokensRequest,
  countAnthropicTokens,
} from './anthropic-request';
export { estimateRequestTokens, estimateTextTokens } from './tokens';
export * from './finish';
export {
  accumulateEvents,
  resultToEvents,
  type ChatResult,
  type ResultCall,
  type ResponseSource,
  type LatencyInput,
} from './result';
export {
  buildChatCompletion,
  openAiUsage,
  openAiFinishFor,
  CHAT_COMPLETION_ID_PREFIX,
  type ChatCompletionInput,
  type ChatCompletionMeta,
} from './openai-response';
export {
  OpenAiChatStreamEncoder,
  openAiErrorChunk,
  type OpenAiStreamOptions,
} from './openai-stream';
export type * from './openai-wire';
export {
  buildMessage,
  anthropicUsage,
  anthropicStopFor,
  MESSAGE_ID_PREFIX,
  type AnthropicMessageInput,
  type AnthropicMessageMeta,
} from './anthropic-response';
export {
  AnthropicStreamEncoder,
  anthropicErrorEvent,
  type AnthropicStreamOptions,
} from './anthropic-stream';
export type * from './anthropic-wire';
