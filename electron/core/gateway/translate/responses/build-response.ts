/**
 * Neutral events → the Response object (non-streamed body, GET body, and the payload of the
 * stream's lifecycle events).
 */
import type { ApiError, ApiErrorKind } from '../../errors';
import type { OutEvent, Usage } from '../../../chat/types';
import { OutputAssembler, type Finish } from './output-assembler';
import type {
  ResponseErrorCode,
  ResponseErrorWire,
  ResponseObject,
  ResponseStatus,
  ResponseUsageWire,
  ResponsesRequest,
} from './types';

export interface BuildResponseInput {
  /** `resp_…` (see `createResponseId`); item ids are derived from it. */
  id: string;
  /** Unix seconds. */
  createdAt: number;
  /** The model name reported to the client. */
  model: string;
  events: readonly OutEvent[];
  request: ResponsesRequest;
  /**
   * Overrides the status the events imply; `in_progress` is for the stream's opening snapshots.
   * Without it: `failed` on `error` or an `error` finish, `incomplete` on `length` /
   * `content_filter`, else `completed`.
   */
  status?: ResponseStatus;
  /** A failure that ended the turn: the status becomes `failed`. */
  error?: ApiError;
}

/** What status, error and incomplete_details a response ends with. */
interface Outcome {
  status: ResponseStatus;
  error: ResponseErrorWire | null;
  incomplete: ResponseObject['incomplete_details'];
}

const ERROR_CODES: Partial<Record<ApiErrorKind, ResponseErrorCode>> = {
  rate_limit: 'rate_limit_exceeded',
  invalid_request: 'invalid_prompt',
  request_too_large: 'invalid_prompt',
};

/** An ApiError as a Response `error` (codes outside the SDK's enum read as `server_error`). */
export function responseError(err: ApiError): ResponseErrorWire {
  return { code: ERROR_CODES[err.kind] ?? 'server_error', message: err.message };
}

const UPSTREAM_ERROR: ResponseErrorWire = {
  code: 'server_error',
  message: 'The model ended the turn with an error.',
};

function outcomeOf(finish: Finish | undefined, input: BuildResponseInput): Outcome {
  if (input.error) return { status: 'failed', error: responseError(input.error), incomplete: null };
  const reason = finish?.reason;
  const status: ResponseStatus =
    input.status ??
    (reason === 'error'
      ? 'failed'
      : reason === 'length' || reason === 'content_filter'
        ? 'incomplete'
        : 'completed');
  if (status === 'failed') return { status, error: { ...UPSTREAM_ERROR }, incomplete: null };
  if (status === 'incomplete')
    return {
      status,
      error: null,
      incomplete: { reason: reason === 'content_filter' ? 'content_filter' : 'max_output_tokens' },
    };
  return { status, error: null, incomplete: null };
}

/** Neutral usage in Responses form; output tokens already include reasoning tokens. */
export function usageWire(usage: Usage): ResponseUsageWire {
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens },
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
}

/**
 * Builds the Response object for a turn's events. Usage comes from the `finish` event and is
 * null without one (the upstream reports it only at the end).
 */
export function buildResponse(input: BuildResponseInput): ResponseObject {
  const assembler = new OutputAssembler(input.id, input.request.tools);
  for (const ev of input.events) assembler.push(ev);
  const finish = assembler.finish;
  const outcome = outcomeOf(finish, input);
  // Close what is still open the same way the stream encoder does on its terminal event.
  if (outcome.status !== 'in_progress')
    assembler.end(outcome.status === 'completed' ? 'completed' : 'incomplete');
  const req = input.request;
  return {
    id: input.id,
    object: 'response',
    created_at: input.createdAt,
    status: outcome.status,
    model: input.model,
    output: assembler.items,
    usage: finish ? usageWire(finish.usage) : null,
    error: outcome.error,
    incomplete_details: outcome.incomplete,
    instructions: req.instructions,
    tools: req.wireTools,
    tool_choice: req.wireToolChoice,
    parallel_tool_calls: req.parallelToolCalls,
    temperature: null,
    top_p: null,
    max_output_tokens: req.maxTokens ?? null,
    previous_response_id: req.previousResponseId,
    store: req.store,
    metadata: req.metadata,
    text: { format: req.textFormat },
    truncation: 'disabled',
  };
}
