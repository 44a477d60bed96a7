/**
 * The Responses streaming events this gateway emits (a subset of the SDK's
 * `ResponseStreamEvent`). Every event carries `type` and a `sequence_number` that starts at 0 and
 * increases by one per event of a response.
 */
import type { OutputItem, OutputTextPart, ResponseObject, SummaryTextPart } from './types';

interface Sequenced {
  sequence_number: number;
}

interface ItemRef {
  item_id: string;
  output_index: number;
}

export type LifecycleEvent = Sequenced & {
  type:
    | 'response.created'
    | 'response.in_progress'
    | 'response.completed'
    | 'response.incomplete'
    | 'response.failed';
  response: ResponseObject;
};

export type OutputItemEvent = Sequenced & {
  type: 'response.output_item.added' | 'response.output_item.done';
  output_index: number;
  item: OutputItem;
};

export type ContentPartEvent = Sequenced &
  ItemRef & {
    type: 'response.content_part.added' | 'response.content_part.done';
    content_index: number;
    part: OutputTextPart;
  };

export type OutputTextDeltaEvent = Sequenced &
  ItemRef & {
    type: 'response.output_text.delta';
    content_index: number;
    delta: string;
    logprobs: [];
  };

export type OutputTextDoneEvent = Sequenced &
  ItemRef & {
    type: 'response.output_text.done';
    content_index: number;
    text: string;
    logprobs: [];
  };

export type SummaryPartEvent = Sequenced &
  ItemRef & {
    type: 'response.reasoning_summary_part.added' | 'response.reasoning_summary_part.done';
    summary_index: number;
    part: SummaryTextPart;
  };

export type SummaryTextDeltaEvent = Sequenced &
  ItemRef & {
    type: 'response.reasoning_summary_text.delta';
    summary_index: number;
    delta: string;
  };

export type SummaryTextDoneEvent = Sequenced &
  ItemRef & {
    type: 'response.reasoning_summary_text.done';
    summary_index: number;
    text: string;
  };

export type FunctionArgsDeltaEvent = Sequenced &
  ItemRef & {
    type: 'response.function_call_arguments.delta';
    delta: string;
  };

export type FunctionArgsDoneEvent = Sequenced &
  ItemRef & {
    type: 'response.function_call_arguments.done';
    name: string;
    arguments: string;
  };

export type CustomInputDeltaEvent = Sequenced &
  ItemRef & {
    type: 'response.custom_tool_call_input.delta';
    delta: string;
  };

export type CustomInputDoneEvent = Sequenced &
  ItemRef & {
    type: 'response.custom_tool_call_input.done';
    input: string;
  };

export type ResponsesStreamEvent =
  | LifecycleEvent
  | OutputItemEvent
  | ContentPartEvent
  | OutputTextDeltaEvent
  | OutputTextDoneEvent
  | SummaryPartEvent
  | SummaryTextDeltaEvent
  | SummaryTextDoneEvent
  | FunctionArgsDeltaEvent
  | FunctionArgsDoneEvent
  | CustomInputDeltaEvent
  | CustomInputDoneEvent;

/** Omit applied to each member of a union separately (plain Omit would merge them). */
type WithoutSequence<E> = E extends unknown ? Omit<E, 'sequence_number'> : never;

/** An event minus its sequence number, as the encoder composes it before numbering. */
export type UnsequencedEvent = WithoutSequence<ResponsesStreamEvent>;

/** One SSE frame: the HTTP layer writes `event: <event>\ndata: <JSON of data>\n\n`. */
export interface ResponsesFrame {
  event: ResponsesStreamEvent['type'];
  data: ResponsesStreamEvent;
}
