/**
 * Wire shapes of the OpenAI Responses API as this gateway emits them, plus the parsed request.
 *
 * These are our own declarations (the `openai` package is a dev dependency and only a test
 * oracle); a compile-time test checks they stay assignable to the SDK's `Response` type.
 */
import type { NeutralMessage, NeutralRequest } from '../../../chat/types';

/** A client function tool as echoed back in `response.tools`. */
export interface FunctionToolWire {
  type: 'function';
  name: string;
  description: string | null;
  parameters: Record<string, unknown> | null;
  strict: boolean | null;
}

/** `tool_choice` as echoed back (hosted-tool choices are not honoured and read as `auto`). */
export type ToolChoiceWire = 'auto' | 'none' | 'required' | { type: 'function'; name: string };

/** Item lifecycle status; `incomplete` marks an item cut off by a limit or a failure. */
export type ItemStatus = 'in_progress' | 'completed' | 'incomplete';

export interface OutputTextPart {
  type: 'output_text';
  text: string;
  annotations: [];
}

export interface SummaryTextPart {
  type: 'summary_text';
  text: string;
}

/** Lingma's "think" text, surfaced as a reasoning summary (there is no encrypted content). */
export interface ReasoningItem {
  id: string;
  type: 'reasoning';
  summary: SummaryTextPart[];
}

export interface MessageItem {
  id: string;
  type: 'message';
  role: 'assistant';
  status: ItemStatus;
  content: OutputTextPart[];
}

export interface FunctionCallItem {
  id: string;
  type: 'function_call';
  call_id: string;
  name: string;
  arguments: string;
  status: ItemStatus;
  /** A `namespace` tool's call carries its namespace; `name` is the tool's own name. */
  namespace?: string;
}

/** A call to a free-form (`custom`) tool: one raw input string. */
export interface CustomToolCallItem {
  id: string;
  type: 'custom_tool_call';
  call_id: string;
  name: string;
  input: string;
  namespace?: string;
}

/** A `local_shell` call: the client runs `action.command` and returns its output. */
export interface LocalShellCallItem {
  id: string;
  type: 'local_shell_call';
  call_id: string;
  action: {
    type: 'exec';
    command: string[];
    env: Record<string, string>;
    timeout_ms?: number | null;
    working_directory?: string | null;
  };
  status: ItemStatus;
}

/** Items that ask the client to run a tool. */
export type CallItem = FunctionCallItem | CustomToolCallItem | LocalShellCallItem;

export type OutputItem = ReasoningItem | MessageItem | CallItem;

export type ResponseStatus = 'in_progress' | 'completed' | 'incomplete' | 'failed';

/** The subset of the SDK's `ResponseError.code` values this gateway produces. */
export type ResponseErrorCode = 'server_error' | 'rate_limit_exceeded' | 'invalid_prompt';

export interface ResponseErrorWire {
  code: ResponseErrorCode;
  message: string;
}

export interface ResponseUsageWire {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number; cache_write_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

/**
 * The Response object of `POST /v1/responses`, `GET /v1/responses/{id}` and the lifecycle stream
 * events. `output_text` is deliberately absent: it is an SDK convenience, not a wire field.
 */
export interface ResponseObject {
  id: string;
  object: 'response';
  created_at: number;
  status: ResponseStatus;
  model: string;
  output: OutputItem[];
  /** Null until the turn finished (the upstream reports usage only at the end). */
  usage: ResponseUsageWire | null;
  error: ResponseErrorWire | null;
  incomplete_details: { reason: 'max_output_tokens' | 'content_filter' } | null;
  instructions: string | null;
  tools: FunctionToolWire[];
  tool_choice: ToolChoiceWire;
  parallel_tool_calls: boolean;
  /** Sampling is not controllable upstream, so no value is claimed. */
  temperature: null;
  top_p: null;
  max_output_tokens: number | null;
  previous_response_id: string | null;
  store: boolean;
  metadata: Record<string, string>;
  text: { format: TextFormatWire };
  truncation: 'disabled';
}

/** `text.format` as echoed back: what the client asked for. */
export type TextFormatWire =
  | { type: 'text' }
  | { type: 'json_object' }
  | {
      type: 'json_schema';
      name: string;
      schema: Record<string, unknown>;
      description?: string;
      strict: boolean | null;
    };

/**
 * A parsed `POST /v1/responses` body: the neutral request the engine runs, plus what the
 * Response object echoes back and what the store needs.
 */
export interface ResponsesRequest extends NeutralRequest {
  protocol: 'responses';
  /** `store` (default true): keep the response for `previous_response_id` and GET. */
  store: boolean;
  previousResponseId: string | null;
  instructions: string | null;
  wireTools: FunctionToolWire[];
  wireToolChoice: ToolChoiceWire;
  parallelToolCalls: boolean;
  metadata: Record<string, string>;
  textFormat: TextFormatWire;
}

/**
 * What the store keeps per response: the full object for GET, and the neutral conversation
 * (input history plus this response's output) that a follow-up `previous_response_id` continues.
 */
export interface StoredResponse {
  id: string;
  response: ResponseObject;
  history: NeutralMessage[];
}

/** Looks a stored response up by id (the store, or a fake in tests). */
export interface PreviousLookup {
  lookupPrevious(id: string): StoredResponse | undefined;
}
