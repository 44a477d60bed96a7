/**
 * Neutral events → OpenAI `chat.completion.chunk` objects, as OpenAI itself streams them: a role
 * chunk first, then content / reasoning / tool-call deltas, then an empty delta with the finish
 * reason and, with `include_usage`, a trailing `choices: []` chunk with the usage. The HTTP layer
 * frames each object as `data: <json>` and ends with `data: [DONE]`.
 */
import { openAiErrorBody, type ApiError } from '../errors';
import type { OutEvent, NeutralToolCall } from '../../chat/types';
import type {
  ChatCompletionChunk,
  ChatCompletionChunkDelta,
  OpenAiErrorChunk,
} from './openai-wire';
import { CHAT_COMPLETION_ID_PREFIX, openAiFinishFor, openAiUsage } from './openai-response';
import { normalizeArguments, withPrefix } from './result';

/** A string that cannot occur in JSON text produced from our own values but as this one hole. */
export const TEMPLATE_HOLE = '\u0000lgw-hole\u0000';

/**
 * The JSON of `value` split at its TEMPLATE_HOLE string: [before, after]. The hole must be the
 * last string in the JSON (a client-chosen value earlier in it may even contain the hole text).
 */
export function template(value: unknown): [string, string] {
  const json = JSON.stringify(value);
  const hole = JSON.stringify(TEMPLATE_HOLE);
  const at = json.lastIndexOf(hole);
  return [json.slice(0, at), json.slice(at + hole.length)];
}

/** Per-response constants of a streamed completion. */
export interface OpenAiStreamOptions {
  id: string;
  /** Unix seconds; the same in every chunk. */
  created: number;
  model: string;
  /** `stream_options.include_usage`. */
  includeUsage: boolean;
  systemFingerprint?: string;
}

/** A mid-stream failure as a data frame; the SDKs raise it as an `APIError`. */
export function openAiErrorChunk(err: ApiError): OpenAiErrorChunk {
  return openAiErrorBody(err);
}

/**
 * Stateful encoder for one streamed completion. Never returns a chunk without content except the
 * final finish chunk; events after `finish` are dropped.
 */
export class OpenAiChatStreamEncoder {
  private readonly id: string;
  private started = false;
  private finished = false;
  /** Call id → its 0-based `index` in this response. */
  private readonly indexes = new Map<string, number>();
  private textTemplate: [string, string] | undefined;

  constructor(private readonly options: OpenAiStreamOptions) {
    this.id = withPrefix(options.id, CHAT_COMPLETION_ID_PREFIX);
  }

  /** True once the finish event was encoded. */
  get done(): boolean {
    return this.finished;
  }

  /**
   * The hot path of a stream: a text delta after the opening chunk, as the JSON text of exactly
   * the chunk `push` would return, built from a per-stream template instead of an object and a
   * `JSON.stringify` per delta. Undefined when `push` would do anything else.
   */
  textJson(text: string): string | undefined {
    if (!this.started || this.finished || !text) return undefined;
    this.textTemplate ??= template(this.chunk({ content: TEMPLATE_HOLE }));
    return this.textTemplate[0] + JSON.stringify(text) + this.textTemplate[1];
  }

  /** The opening role chunk (only once; `push` calls it implicitly). */
  start(): ChatCompletionChunk[] {
    if (this.started) return [];
    this.started = true;
    return [this.chunk({ role: 'assistant', content: '' })];
  }

  push(ev: OutEvent): ChatCompletionChunk[] {
    if (this.finished) return [];
    const out = this.start();
    switch (ev.type) {
      case 'text':
        if (ev.text) out.push(this.chunk({ content: ev.text }));
        break;
      case 'reasoning':
        if (ev.text) out.push(this.chunk({ reasoning_content: ev.text }));
        break;
      case 'tool_call':
        out.push(...this.toolCall(ev.call));
        break;
      case 'upstream_tool':
        // Bridged calls surface like client calls; their results have no OpenAI home.
        out.push(...this.toolCall(ev.call));
        break;
      case 'finish':
        this.finished = true;
        out.push(this.chunk({}, openAiFinishFor(ev.finishReason, this.indexes.size > 0)));
        if (this.options.includeUsage)
          out.push({ ...this.base(), choices: [], usage: openAiUsage(ev.usage) });
        break;
    }
    return out;
  }

  /** See {@link openAiErrorChunk}. */
  errorChunk(err: ApiError): OpenAiErrorChunk {
    return openAiErrorChunk(err);
  }

  /** A call is announced (id, name, empty arguments) then its arguments follow as one delta. */
  private toolCall(call: NeutralToolCall): ChatCompletionChunk[] {
    // The same id again (a bridged call re-surfacing with its result) is the same call.
    if (this.indexes.has(call.id)) return [];
    const index = this.indexes.size;
    this.indexes.set(call.id, index);
    return [
      this.chunk({
        tool_calls: [
          { index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } },
        ],
      }),
      this.chunk({
        tool_calls: [{ index, function: { arguments: normalizeArguments(call.arguments) } }],
      }),
    ];
  }

  private base(): Omit<ChatCompletionChunk, 'choices'> {
    const base: Omit<ChatCompletionChunk, 'choices'> = {
      id: this.id,
      object: 'chat.completion.chunk',
      created: this.options.created,
      model: this.options.model,
    };
    if (this.options.systemFingerprint) base.system_fingerprint = this.options.systemFingerprint;
    return base;
  }

  private chunk(
    delta: ChatCompletionChunkDelta,
    finishReason: ChatCompletionChunk['choices'][number]['finish_reason'] = null,
  ): ChatCompletionChunk {
    const chunk: ChatCompletionChunk = {
      ...this.base(),
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    };
    // OpenAI sends `usage: null` on every chunk only when usage was requested.
    if (this.options.includeUsage) chunk.usage = null;
    return chunk;
  }
}
