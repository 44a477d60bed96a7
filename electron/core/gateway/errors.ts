/**
 * Typed HTTP errors. Thrown anywhere in the gateway and rendered once, by the error middleware or
 * the SSE writer, in the shape of the API the client called (OpenAI, Anthropic or Responses).
 */

export type ApiErrorKind =
  | 'invalid_request'
  | 'authentication'
  | 'permission'
  | 'not_found'
  | 'method_not_allowed'
  | 'request_too_large'
  | 'unsupported_media'
  | 'rate_limit'
  | 'overloaded'
  | 'unavailable'
  | 'timeout'
  | 'upstream'
  | 'internal';

const STATUS: Record<ApiErrorKind, number> = {
  invalid_request: 400,
  authentication: 401,
  permission: 403,
  not_found: 404,
  method_not_allowed: 405,
  request_too_large: 413,
  unsupported_media: 415,
  rate_limit: 429,
  overloaded: 529,
  unavailable: 503,
  timeout: 504,
  upstream: 502,
  internal: 500,
};

/** OpenAI `error.type` names. */
const OPENAI_TYPE: Record<ApiErrorKind, string> = {
  invalid_request: 'invalid_request_error',
  authentication: 'authentication_error',
  permission: 'permission_error',
  not_found: 'invalid_request_error',
  method_not_allowed: 'invalid_request_error',
  request_too_large: 'invalid_request_error',
  unsupported_media: 'invalid_request_error',
  rate_limit: 'rate_limit_error',
  overloaded: 'server_error',
  unavailable: 'server_error',
  timeout: 'timeout_error',
  upstream: 'api_error',
  internal: 'server_error',
};

/** Anthropic `error.type` names (https://docs.anthropic.com/en/api/errors). */
const ANTHROPIC_TYPE: Record<ApiErrorKind, string> = {
  invalid_request: 'invalid_request_error',
  authentication: 'authentication_error',
  permission: 'permission_error',
  not_found: 'not_found_error',
  method_not_allowed: 'invalid_request_error',
  request_too_large: 'request_too_large',
  unsupported_media: 'invalid_request_error',
  rate_limit: 'rate_limit_error',
  overloaded: 'overloaded_error',
  unavailable: 'api_error',
  timeout: 'timeout_error',
  upstream: 'api_error',
  internal: 'api_error',
};

export interface ApiErrorOptions {
  param?: string | null;
  code?: string | null;
  /** Seconds, sent as `Retry-After`. */
  retryAfter?: number;
  /** HTTP status override (e.g. 503 for `overloaded` when no account is logged in). */
  status?: number;
  cause?: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly param: string | null;
  readonly code: string | null;
  readonly retryAfter: number | undefined;

  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    options: ApiErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ApiError';
    this.status = options.status ?? STATUS[kind];
    this.param = options.param ?? null;
    this.code = options.code ?? null;
    this.retryAfter = options.retryAfter;
  }
}

/** Anything thrown → an ApiError; unknown failures become a generic 500 without internals. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError('internal', 'The gateway hit an internal error.', { cause: err });
}

/** `{error:{message,type,param,code}}` — OpenAI chat/completions and Responses. */
export function openAiErrorBody(err: ApiError): {
  error: { message: string; type: string; param: string | null; code: string | null };
} {
  return {
    error: {
      message: err.message,
      type: OPENAI_TYPE[err.kind],
      param: err.param,
      code: err.code ?? err.kind,
    },
  };
}

/** `{type:"error", error:{type, message}}` — Anthropic messages. */
export function anthropicErrorBody(err: ApiError): {
  type: 'error';
  error: { type: string; message: string };
} {
  return { type: 'error', error: { type: ANTHROPIC_TYPE[err.kind], message: err.message } };
}
