import type { Request, Response } from 'express';
import { anthropicErrorBody, ApiError, openAiErrorBody } from '../errors';
import { protocolOf } from './api-shape';
import { noteApiError } from './refusal-note';

/** Renders an ApiError in the shape of the API the client called. */
export function sendApiError(req: Request, res: Response, err: ApiError): void {
  noteApiError(res, err); // issue 16: the request log explains the refusal
  if (res.headersSent) {
    res.end();
    return;
  }
  if (err.retryAfter !== undefined)
    res.setHeader('Retry-After', String(Math.max(1, Math.ceil(err.retryAfter))));
  const protocol = protocolOf(req);
  if (protocol === 'anthropic') {
    res.status(err.status).json(anthropicErrorBody(err));
    return;
  }
  res.status(err.status).json(openAiErrorBody(err));
}
