/**
 * Neutral events → Anthropic `message` (the `stream: false` answer). Blocks follow the event
 * order with the same grouping the stream encoder uses: consecutive text (or reasoning) deltas
 * form one block, every tool call is its own `tool_use` block, and a bridged upstream result
 * follows its call as a `tool_result` block.
 */
import { toAnthropicStopReason, type AnthropicStopReason } from './finish';
import type { FinishReason, Usage } from '../../chat/types';
import type { AnthropicContentBlock, AnthropicMessage, AnthropicUsage } from './anthropic-wire';
import {
  latencyField,
  parseToolInput,
  sourceEvents,
  withPrefix,
  type LatencyInput,
  type ResponseSource,
} from './result';

/** Identity and metadata of one message. */
export interface AnthropicMessageMeta {
  id: string;
  /** The model name reported to the client. */
  model: string;
  latency?: LatencyInput;
}

/** `buildMessage` input: metadata plus events or an accumulated result. */
export type AnthropicMessageInput = AnthropicMessageMeta & ResponseSource;

/** The id prefix Anthropic clients expect on messages. */
export const MESSAGE_ID_PREFIX = 'msg_';

/** Neutral usage → Anthropic usage (no prompt caching upstream, so cache counters are 0). */
export function anthropicUsage(usage: Usage): AnthropicUsage {
  return {
    input_tokens: usage.inputTokens,
    output_tokens: usage.outputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
  };
}

/**
 * The stop reason a client sees. `tool_use` means "run the tool and call back": right when an
 * emulated call was emitted or a bridged call still lacks its result; a bridged call that already
 * carries its result needs nothing from the client, so the turn simply ended.
 */
export function anthropicStopFor(
  reason: FinishReason,
  calls: { clientCall: boolean; pendingUpstream: boolean },
): AnthropicStopReason {
  if (calls.clientCall || calls.pendingUpstream) return 'tool_use';
  const mapped = toAnthropicStopReason(reason);
  return mapped === 'tool_use' ? 'end_turn' : mapped;
}

/** Builds the non-streamed `message` from events (block order kept) or an accumulated result. */
export function buildMessage(input: AnthropicMessageInput): AnthropicMessage {
  const content: AnthropicContentBlock[] = [];
  const seen = new Set<string>();
  const pending = new Set<string>();
  let clientCall = false;
  let finishReason: FinishReason = 'stop';
  let usage: Usage = { inputTokens: 0, outputTokens: 0, reasoningTokens: 0 };

  for (const ev of sourceEvents(input)) {
    const last = content[content.length - 1];
    switch (ev.type) {
      case 'text':
        if (!ev.text) break;
        if (last?.type === 'text') last.text += ev.text;
        else content.push({ type: 'text', text: ev.text });
        break;
      case 'reasoning':
        if (!ev.text) break;
        if (last?.type === 'thinking') last.thinking += ev.text;
        else content.push({ type: 'thinking', thinking: ev.text, signature: '' });
        break;
      case 'tool_call':
        if (seen.has(ev.call.id)) break;
        seen.add(ev.call.id);
        clientCall = true;
        content.push(toolUse(ev.call.id, ev.call.name, ev.call.arguments));
        break;
      case 'upstream_tool': {
        const { id, name, arguments: args, result } = ev.call;
        if (!seen.has(id)) {
          seen.add(id);
          pending.add(id);
          content.push(toolUse(id, name, args));
        }
        // A result arriving for a call already shown (or with it) closes that call.
        if (result && pending.delete(id))
          content.push({
            type: 'tool_result',
            tool_use_id: id,
            content: result.content,
            is_error: result.isError,
          });
        break;
      }
      case 'finish':
        finishReason = ev.finishReason;
        usage = ev.usage;
        break;
    }
  }

  const message: AnthropicMessage = {
    id: withPrefix(input.id, MESSAGE_ID_PREFIX),
    type: 'message',
    role: 'assistant',
    model: input.model,
    content,
    stop_reason: anthropicStopFor(finishReason, { clientCall, pendingUpstream: pending.size > 0 }),
    stop_sequence: null,
    usage: anthropicUsage(usage),
  };
  if (input.latency) message.latency = latencyField(input.latency);
  return message;
}

function toolUse(id: string, name: string, args: string): AnthropicContentBlock {
  return { type: 'tool_use', id, name, input: parseToolInput(args) };
}
