import type { NextFunction, Request, Response } from 'express';
import { ApiError, toApiError } from '../errors';
import type { Logger } from '../../util/logger';
import { noteRefusal } from './refusal-note';
import { getRequestId } from './request-id';
import { sendApiError } from './send-error';

interface HttpLikeError {
  type?: unknown;
  status?: unknown;
  statusCode?: unknown;
  expose?: unknown;
  message?: unknown;
}

/**
 * Maps body-parser failures onto typed API errors: bad JSON, too large, an unsupported encoding
 * or charset, and a body that does not decompress (corrupt gzip/br/deflate — bad input, never a
 * 500).
 */
export function fromParserError(err: unknown, limitBytes: number): ApiError | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as HttpLikeError;
  if (e.type === 'entity.too.large') {
    return new ApiError(
      'request_too_large',
      `Request body is larger than the gateway limit of ${limitBytes} bytes.`,
    );
  }
  if (e.type === 'entity.parse.failed') {
    return new ApiError('invalid_request', 'Request body is not valid JSON.');
  }
  if (e.type === 'encoding.unsupported') {
    return new ApiError(
      'unsupported_media',
      'Unsupported Content-Encoding: send the body as identity, gzip, deflate or br.',
    );
  }
  if (e.type === 'charset.unsupported') {
    return new ApiError('unsupported_media', 'Unsupported charset: send the body as UTF-8.');
  }
  if (e.type === 'request.aborted') {
    return new ApiError('invalid_request', 'The client aborted the request body.');
  }
  // Any other client error the parser exposes (e.g. a corrupt compressed body: zlib/brotli
  // errors carry status 400), in the status it chose.
  const status = typeof e.status === 'number' ? e.status : undefined;
  if (e.expose === true && status !== undefined && status >= 400 && status < 500) {
    const detail = typeof e.message === 'string' ? `: ${e.message}` : '';
    return new ApiError('invalid_request', `The request body could not be read${detail}.`, {
      status,
    });
  }
  return undefined;
}

/** The last middleware: never leaks a stack trace; logs unexpected failures once. */
export function errorHandler(logger: Logger, limitBytes: number) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const apiError = fromParserError(err, limitBytes) ?? toApiError(err);
    if ((err as { type?: unknown } | null)?.type === 'entity.parse.failed') {
      noteRefusal(res, 'invalid_json'); // issue 16: the request log tells bad JSON apart
    }
    if (apiError.kind === 'internal') {
      logger.error('unhandled error', { requestId: getRequestId(res), path: req.path, err });
    }
    sendApiError(req, res, apiError);
  };
}

/** 404 for unknown routes, in the API's own shape. */
export function notFound() {
  return (req: Request, res: Response): void => {
    sendApiError(req, res, new ApiError('not_found', `Unknown route: ${req.method} ${req.path}`));
  };
}

/** 405 for a known path with the wrong method. */
export function methodNotAllowed(allowed: string[]) {
  return (req: Request, res: Response): void => {
    res.setHeader('Allow', allowed.join(', '));
    sendApiError(
      req,
      res,
      new ApiError('method_not_allowed', `Method ${req.method} is not allowed on ${req.path}.`),
    );
  };
}
