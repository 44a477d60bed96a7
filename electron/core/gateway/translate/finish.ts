/**
 * Finish-reason mapping between the neutral vocabulary and each API's. `error` has no wire
 * equivalent: a turn that failed mid-way is reported through an error event, so a finish that
 * still says `error` ends the message normally.
 */
import type { FinishReason } from '../../chat/types';

/** OpenAI `finish_reason` values this gateway emits. */
export type OpenAiFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

/** Anthropic `stop_reason` values this gateway emits. */
export type AnthropicStopReason =
  'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'refusal';

/** Neutral → OpenAI. */
export function toOpenAiFinishReason(reason: FinishReason): OpenAiFinishReason {
  switch (reason) {
    case 'tool_calls':
    case 'length':
    case 'content_filter':
    case 'stop':
      return reason;
    case 'error':
      return 'stop';
  }
}

/** OpenAI → neutral (legacy `function_call` counts as a tool call; unknown values as `stop`). */
export function fromOpenAiFinishReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'tool_calls':
    case 'function_call':
      return 'tool_calls';
    case 'length':
      return 'length';
    case 'content_filter':
      return 'content_filter';
    default:
      return 'stop';
  }
}

/** Neutral → Anthropic. */
export function toAnthropicStopReason(reason: FinishReason): AnthropicStopReason {
  switch (reason) {
    case 'tool_calls':
      return 'tool_use';
    case 'length':
      return 'max_tokens';
    case 'content_filter':
      return 'refusal';
    case 'stop':
    case 'error':
      return 'end_turn';
  }
}

/** Anthropic → neutral (unknown values, `pause_turn` included, as `stop`). */
export function fromAnthropicStopReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'tool_use':
      return 'tool_calls';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'refusal':
      return 'content_filter';
    default:
      return 'stop';
  }
}
