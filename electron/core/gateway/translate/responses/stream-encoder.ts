/**
 * Neutral events → Responses SSE frames, in the documented order:
 *
 *   response.created, response.in_progress,
 *   per item: output_item.added, (content_part | reasoning_summary_part).added, deltas, done
 *   events, output_item.done,
 *   then response.completed | response.incomplete | response.failed.
 *
 * Pure and stateful: one encoder per response. The terminal Response object is built by
 * `buildResponse` over the same events, so it equals the non-streamed body.
 */
import type { ApiError } from '../../errors';
import type { OutEvent } from '../../../chat/types';
import { buildResponse } from './build-response';
import { OutputAssembler, type AssemblyStep } from './output-assembler';
import type { ResponsesFrame, ResponsesStreamEvent, UnsequencedEvent } from './stream-events';
import type { ItemStatus, OutputItem, ResponseObject, ResponsesRequest } from './types';

export interface ResponsesEncoderInit {
  /** `resp_…`; item ids derive from it. */
  id: string;
  /** Unix seconds. */
  createdAt: number;
  /** The model name reported to the client. */
  model: string;
  request: ResponsesRequest;
}

/** Frames for one streamed response. Every method returns the frames to write, in order. */
export class ResponsesStreamEncoder {
  private sequence = 0;
  private started = false;
  private readonly events: OutEvent[] = [];
  private readonly assembler: OutputAssembler;
  private final: ResponseObject | undefined;

  constructor(private readonly init: ResponsesEncoderInit) {
    this.assembler = new OutputAssembler(init.id, init.request.tools);
  }

  /** The terminal Response object once a terminal event was produced (for the store). */
  get response(): ResponseObject | undefined {
    return this.final;
  }

  /** `response.created` and `response.in_progress` (once; later calls return nothing). */
  start(): ResponsesFrame[] {
    if (this.started) return [];
    this.started = true;
    return (['response.created', 'response.in_progress'] as const).map((type) =>
      this.frame({ type, response: this.snapshot() }),
    );
  }

  /** One neutral event; starts the stream first if needed. Nothing after the terminal event. */
  push(ev: OutEvent): ResponsesFrame[] {
    if (this.final) return [];
    const frames = this.start();
    this.events.push(ev);
    for (const step of this.assembler.push(ev)) frames.push(...this.render(step));
    return frames;
  }

  /** A failure after the stream opened: closes the open item and ends with `response.failed`. */
  fail(err: ApiError): ResponsesFrame[] {
    return this.terminate('incomplete', err);
  }

  /**
   * The upstream ended. Normally the `finish` event already produced the terminal event and this
   * returns nothing; without one the response is completed with what arrived (usage null).
   */
  close(): ResponsesFrame[] {
    return this.terminate('completed');
  }

  private terminate(openItemStatus: ItemStatus, err?: ApiError): ResponsesFrame[] {
    if (this.final) return [];
    const frames = this.start();
    for (const step of this.assembler.end(openItemStatus)) frames.push(...this.render(step));
    frames.push(this.terminal(err));
    return frames;
  }

  private terminal(err?: ApiError): ResponsesFrame {
    const response = buildResponse({
      ...this.init,
      events: this.events,
      ...(err ? { error: err } : {}),
    });
    this.final = response;
    const type =
      response.status === 'completed'
        ? 'response.completed'
        : response.status === 'incomplete'
          ? 'response.incomplete'
          : 'response.failed';
    return this.frame({ type, response });
  }

  private snapshot(): ResponseObject {
    return buildResponse({ ...this.init, events: [], status: 'in_progress' });
  }

  private render(step: AssemblyStep): ResponsesFrame[] {
    if (step.kind === 'finish') return [this.terminal()];
    const item = this.assembler.items[step.index];
    return item ? this.renderItem(step, item).map((ev) => this.frame(ev)) : [];
  }

  private renderItem(
    step: Exclude<AssemblyStep, { kind: 'finish' }>,
    item: OutputItem,
  ): UnsequencedEvent[] {
    const ref = { item_id: item.id, output_index: step.index };
    const events: UnsequencedEvent[] = [];
    if (item.type === 'message') {
      const text = item.content[0]?.text ?? '';
      const at = { ...ref, content_index: 0 };
      if (step.kind === 'open') {
        events.push(this.itemAdded(step.index, { ...item, status: 'in_progress', content: [] }), {
          type: 'response.content_part.added',
          ...at,
          part: outputText(''),
        });
      } else if (step.kind === 'delta') {
        events.push({ type: 'response.output_text.delta', ...at, delta: step.delta, logprobs: [] });
      } else {
        events.push(
          { type: 'response.output_text.done', ...at, text, logprobs: [] },
          { type: 'response.content_part.done', ...at, part: outputText(text) },
          this.itemDone(step.index, item),
        );
      }
    } else if (item.type === 'reasoning') {
      const text = item.summary[0]?.text ?? '';
      const at = { ...ref, summary_index: 0 };
      if (step.kind === 'open') {
        events.push(this.itemAdded(step.index, { ...item, summary: [] }), {
          type: 'response.reasoning_summary_part.added',
          ...at,
          part: { type: 'summary_text', text: '' },
        });
      } else if (step.kind === 'delta') {
        events.push({ type: 'response.reasoning_summary_text.delta', ...at, delta: step.delta });
      } else {
        events.push(
          { type: 'response.reasoning_summary_text.done', ...at, text },
          {
            type: 'response.reasoning_summary_part.done',
            ...at,
            part: { type: 'summary_text', text },
          },
          this.itemDone(step.index, item),
        );
      }
    } else if (item.type === 'function_call') {
      // Calls arrive complete: added (empty arguments), the whole arguments text, done.
      events.push(this.itemAdded(step.index, { ...item, arguments: '', status: 'in_progress' }));
      if (item.arguments.length > 0)
        events.push({
          type: 'response.function_call_arguments.delta',
          ...ref,
          delta: item.arguments,
        });
      events.push(
        {
          type: 'response.function_call_arguments.done',
          ...ref,
          name: item.name,
          arguments: item.arguments,
        },
        this.itemDone(step.index, item),
      );
    } else if (item.type === 'custom_tool_call') {
      events.push(this.itemAdded(step.index, { ...item, input: '' }));
      if (item.input.length > 0)
        events.push({ type: 'response.custom_tool_call_input.delta', ...ref, delta: item.input });
      events.push(
        { type: 'response.custom_tool_call_input.done', ...ref, input: item.input },
        this.itemDone(step.index, item),
      );
    } else {
      events.push(
        this.itemAdded(step.index, { ...item, status: 'in_progress' }),
        this.itemDone(step.index, item),
      );
    }
    return events;
  }

  private itemAdded(index: number, item: OutputItem): UnsequencedEvent {
    return { type: 'response.output_item.added', output_index: index, item };
  }

  private itemDone(index: number, item: OutputItem): UnsequencedEvent {
    // A copy: the assembler's item is the live accumulator.
    return { type: 'response.output_item.done', output_index: index, item: structuredClone(item) };
  }

  private frame(ev: UnsequencedEvent): ResponsesFrame {
    const data: ResponsesStreamEvent = { ...ev, sequence_number: this.sequence++ };
    return { event: data.type, data };
  }
}

function outputText(text: string): { type: 'output_text'; text: string; annotations: [] } {
  return { type: 'output_text', text, annotations: [] };
}
