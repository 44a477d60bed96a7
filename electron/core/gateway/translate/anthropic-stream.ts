/**
 * Neutral events → Anthropic Messages stream events, in the order the API (and the SDK's
 * MessageStream accumulator) requires: `message_start`, then content blocks strictly one after
 * another with increasing `index` (start, deltas, stop — one open block at a time), then
 * `message_delta` with the stop reason and output tokens, then `message_stop`.
 */
import { anthropicErrorBody, type ApiError } from '../errors';
import { anthropicStopFor, anthropicUsage, MESSAGE_ID_PREFIX } from './anthropic-response';
import type { AnthropicContentBlock, AnthropicDelta, AnthropicStreamEvent } from './anthropic-wire';
import type {
  BridgedToolCall,
  FinishReason,
  NeutralToolCall,
  OutEvent,
  Usage,
} from '../../chat/types';
import { parseToolInput, withPrefix } from './result';

/** Per-message constants of a streamed Anthropic answer. */
export interface AnthropicStreamOptions {
  id: string;
  /** The model name reported to the client. */
  model: string;
  /** Estimated prompt tokens, reported in `message_start` before any output exists. */
  inputTokens: number;
}

/** A mid-stream failure as the `error` event the SDKs raise as an `APIError`. */
export function anthropicErrorEvent(err: ApiError): AnthropicStreamEvent {
  return { event: 'error', data: anthropicErrorBody(err) };
}

/** Stateful encoder for one streamed message; events after `finish` are dropped. */
export class AnthropicStreamEncoder {
  private readonly id: string;
  private started = false;
  private finished = false;
  /** Index the next block gets. */
  private nextIndex = 0;
  /** The open text or thinking block, if any (tool blocks close as soon as they open). */
  private open: { index: number; type: 'text' | 'thinking' } | undefined;
  private readonly seen = new Set<string>();
  private readonly pending = new Set<string>();
  private clientCall = false;

  constructor(private readonly options: AnthropicStreamOptions) {
    this.id = withPrefix(options.id, MESSAGE_ID_PREFIX);
  }

  /** True once the finish event was encoded. */
  get done(): boolean {
    return this.finished;
  }

  /** `message_start` and a first `ping` (only once; `push` calls it implicitly). */
  start(): AnthropicStreamEvent[] {
    if (this.started) return [];
    this.started = true;
    return [
      {
        event: 'message_start',
        data: {
          type: 'message_start',
          message: {
            id: this.id,
            type: 'message',
            role: 'assistant',
            model: this.options.model,
            content: [],
            stop_reason: null,
            stop_sequence: null,
            // Like the real API: one output token is counted as soon as the message starts.
            usage: anthropicUsage({
              inputTokens: this.options.inputTokens,
              outputTokens: 1,
              reasoningTokens: 0,
            }),
          },
        },
      },
      { event: 'ping', data: { type: 'ping' } },
    ];
  }

  push(ev: OutEvent): AnthropicStreamEvent[] {
    if (this.finished) return [];
    const out = this.start();
    switch (ev.type) {
      case 'text':
        if (ev.text) out.push(...this.appendText('text', ev.text));
        break;
      case 'reasoning':
        if (ev.text) out.push(...this.appendText('thinking', ev.text));
        break;
      case 'tool_call':
        if (this.seen.has(ev.call.id)) break;
        this.clientCall = true;
        out.push(...this.toolUse(ev.call));
        break;
      case 'upstream_tool':
        out.push(...this.upstreamTool(ev.call));
        break;
      case 'finish':
        out.push(...this.finish(ev.finishReason, ev.usage));
        break;
    }
    return out;
  }

  /**
   * The hot path of a stream: a text delta into the text block already open, as the JSON text of
   * exactly the event `push` would return (its `event:` is `content_block_delta`). Undefined when
   * `push` would do anything else (open a block, close one, finish).
   */
  textJson(text: string): string | undefined {
    if (!this.started || this.finished || !text || this.open?.type !== 'text') return undefined;
    return `{"type":"content_block_delta","index":${this.open.index},"delta":{"type":"text_delta","text":${JSON.stringify(text)}}}`;
  }

  /** See {@link anthropicErrorEvent}. */
  errorEvent(err: ApiError): AnthropicStreamEvent {
    return anthropicErrorEvent(err);
  }

  private appendText(type: 'text' | 'thinking', text: string): AnthropicStreamEvent[] {
    const out: AnthropicStreamEvent[] = [];
    let open = this.open;
    if (open?.type !== type) {
      out.push(...this.closeOpen());
      const block: AnthropicContentBlock =
        type === 'text' ? { type, text: '' } : { type, thinking: '', signature: '' };
      open = { index: this.nextIndex, type };
      out.push(this.blockStart(block));
      this.open = open;
    }
    const delta: AnthropicDelta =
      type === 'text' ? { type: 'text_delta', text } : { type: 'thinking_delta', thinking: text };
    out.push(this.blockDelta(open.index, delta));
    return out;
  }

  private toolUse(call: NeutralToolCall): AnthropicStreamEvent[] {
    this.seen.add(call.id);
    const out = this.closeOpen();
    const index = this.nextIndex;
    out.push(this.blockStart({ type: 'tool_use', id: call.id, name: call.name, input: {} }));
    // The whole input as one fragment: the SDK parses the concatenated fragments at block stop.
    const json = JSON.stringify(parseToolInput(call.arguments));
    out.push(this.blockDelta(index, { type: 'input_json_delta', partial_json: json }));
    out.push(this.blockStop(index));
    return out;
  }

  private upstreamTool(call: BridgedToolCall): AnthropicStreamEvent[] {
    const out: AnthropicStreamEvent[] = [];
    if (!this.seen.has(call.id)) {
      this.pending.add(call.id);
      out.push(...this.toolUse(call));
    }
    if (call.result && this.pending.delete(call.id)) {
      out.push(...this.closeOpen());
      const index = this.nextIndex;
      out.push(
        this.blockStart({
          type: 'tool_result',
          tool_use_id: call.id,
          content: call.result.content,
          is_error: call.result.isError,
        }),
      );
      out.push(this.blockStop(index));
    }
    return out;
  }

  private finish(reason: FinishReason, usage: Usage): AnthropicStreamEvent[] {
    this.finished = true;
    const stopReason = anthropicStopFor(reason, {
      clientCall: this.clientCall,
      pendingUpstream: this.pending.size > 0,
    });
    return [
      ...this.closeOpen(),
      {
        event: 'message_delta',
        data: {
          type: 'message_delta',
          delta: { stop_reason: stopReason, stop_sequence: null },
          // Input tokens are repeated (as the API now does) so the final figure wins.
          usage: { input_tokens: usage.inputTokens, output_tokens: usage.outputTokens },
        },
      },
      { event: 'message_stop', data: { type: 'message_stop' } },
    ];
  }

  /** Closes the open text/thinking block; thinking gets its (empty) signature first. */
  private closeOpen(): AnthropicStreamEvent[] {
    const open = this.open;
    if (!open) return [];
    this.open = undefined;
    const out: AnthropicStreamEvent[] = [];
    if (open.type === 'thinking')
      out.push(this.blockDelta(open.index, { type: 'signature_delta', signature: '' }));
    out.push(this.blockStop(open.index));
    return out;
  }

  private blockStart(block: AnthropicContentBlock): AnthropicStreamEvent {
    const index = this.nextIndex;
    this.nextIndex += 1;
    return {
      event: 'content_block_start',
      data: { type: 'content_block_start', index, content_block: block },
    };
  }

  private blockDelta(index: number, delta: AnthropicDelta): AnthropicStreamEvent {
    return { event: 'content_block_delta', data: { type: 'content_block_delta', index, delta } };
  }

  private blockStop(index: number): AnthropicStreamEvent {
    return { event: 'content_block_stop', data: { type: 'content_block_stop', index } };
  }
}
