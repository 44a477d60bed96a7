/**
 * Folds neutral OutEvents into Responses output items. Both renderings share it: `buildResponse`
 * runs it over a finished event list, the stream encoder turns each step into SSE events. One
 * fold means the streamed `response.completed` equals the non-streamed body for the same events.
 */
import type { FinishReason, NeutralToolCall, OutEvent, ToolDef, Usage } from '../../../chat/types';
import { callItem } from './call-items';
import { itemId } from './ids';
import type { ItemStatus, MessageItem, OutputItem, ReasoningItem } from './types';

/** The end of the turn as the upstream reported it. */
export interface Finish {
  reason: FinishReason;
  usage: Usage;
}

/** What one event did to the output list; indices are output indices. */
export type AssemblyStep =
  /** A message or reasoning item was opened (it starts empty). */
  | { kind: 'open'; index: number }
  /** Text was appended to the open item. */
  | { kind: 'delta'; index: number; delta: string }
  /** The open item was closed; its final status is set. */
  | { kind: 'close'; index: number }
  /** A complete call item (function, custom or local shell) was added. */
  | { kind: 'call'; index: number }
  /** The turn finished. */
  | { kind: 'finish'; finish: Finish };

/** Items cut short by a limit or filter are `incomplete`; the rest ended normally. */
export function itemStatusFor(reason: FinishReason): ItemStatus {
  return reason === 'length' || reason === 'content_filter' || reason === 'error'
    ? 'incomplete'
    : 'completed';
}

/**
 * Consecutive text (or reasoning) events extend one item; a change of kind closes it. Each tool
 * call, client-emulated or upstream-bridged, is one function_call item. Nothing is accepted after
 * the turn finished or was ended.
 */
export class OutputAssembler {
  readonly items: OutputItem[] = [];
  private openIndex: number | undefined;
  private ended = false;
  private finished: Finish | undefined;

  /** `tools`: the request's tool definitions, which decide each call's item type. */
  constructor(
    private readonly responseId: string,
    private readonly tools: readonly ToolDef[] = [],
  ) {}

  /** The finish event, once it arrived. */
  get finish(): Finish | undefined {
    return this.finished;
  }

  push(ev: OutEvent): AssemblyStep[] {
    if (this.ended) return [];
    switch (ev.type) {
      case 'text':
        return this.append('message', ev.text);
      case 'reasoning':
        return this.append('reasoning', ev.text);
      case 'tool_call':
        return this.addCall(ev.call, this.tools);
      case 'upstream_tool':
        // A bridged call's upstream result has no output-item form; the call itself is reported.
        return this.addCall(ev.call, []);
      case 'finish': {
        const steps = this.end(itemStatusFor(ev.finishReason));
        this.finished = { reason: ev.finishReason, usage: { ...ev.usage } };
        steps.push({ kind: 'finish', finish: this.finished });
        return steps;
      }
    }
  }

  /** Closes the open item with `status` and accepts nothing more (failure, early end). */
  end(status: ItemStatus): AssemblyStep[] {
    if (this.ended) return [];
    this.ended = true;
    return this.closeOpen(status);
  }

  private append(kind: 'message' | 'reasoning', text: string): AssemblyStep[] {
    // Empty deltas would open empty items; skip them.
    if (text.length === 0) return [];
    const steps: AssemblyStep[] = [];
    let item = this.openIndex === undefined ? undefined : this.items[this.openIndex];
    if (item?.type !== kind) {
      steps.push(...this.closeOpen('completed'));
      const index = this.items.length;
      item = kind === 'message' ? this.newMessage(index) : this.newReasoning(index);
      this.items.push(item);
      this.openIndex = index;
      steps.push({ kind: 'open', index });
    }
    if (item.type === 'message') {
      const part = item.content[0];
      if (part) part.text += text;
    } else if (item.type === 'reasoning') {
      const part = item.summary[0];
      if (part) part.text += text;
    }
    steps.push({ kind: 'delta', index: this.items.length - 1, delta: text });
    return steps;
  }

  private addCall(call: NeutralToolCall, tools: readonly ToolDef[]): AssemblyStep[] {
    const steps = this.closeOpen('completed');
    const index = this.items.length;
    this.items.push(callItem(this.responseId, index, call, tools));
    steps.push({ kind: 'call', index });
    return steps;
  }

  private closeOpen(status: ItemStatus): AssemblyStep[] {
    if (this.openIndex === undefined) return [];
    const index = this.openIndex;
    this.openIndex = undefined;
    const item = this.items[index];
    if (item?.type === 'message') item.status = status;
    return [{ kind: 'close', index }];
  }

  private newMessage(index: number): MessageItem {
    return {
      id: itemId(this.responseId, 'msg', index),
      type: 'message',
      role: 'assistant',
      status: 'in_progress',
      content: [{ type: 'output_text', text: '', annotations: [] }],
    };
  }

  private newReasoning(index: number): ReasoningItem {
    return {
      id: itemId(this.responseId, 'rs', index),
      type: 'reasoning',
      summary: [{ type: 'summary_text', text: '' }],
    };
  }
}
