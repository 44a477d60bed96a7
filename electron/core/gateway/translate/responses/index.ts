/**
 * The OpenAI Responses API (`/v1/responses`) translation layer: request parsing, the Response
 * object, the SSE event encoder and the response store behind `previous_response_id`.
 */
export { parseResponsesRequest } from './parse-request';
export { buildResponse, responseError, usageWire, type BuildResponseInput } from './build-response';
export { ResponsesStreamEncoder, type ResponsesEncoderInit } from './stream-encoder';
export { ResponsesStore, toStoredResponse, type ResponsesStoreOptions } from './store';
export { createResponseId, itemId, owningResponseId } from './ids';
export type { ResponsesFrame, ResponsesStreamEvent } from './stream-events';
export type {
  FunctionCallItem,
  FunctionToolWire,
  MessageItem,
  OutputItem,
  PreviousLookup,
  ReasoningItem,
  ResponseObject,
  ResponseStatus,
  ResponsesRequest,
  StoredResponse,
  ToolChoiceWire,
} from './types';
