import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A fresh request id (`req_` + 24 hex), also used as the request-log entry id. */
export function newRequestId(): string {
  return 'req_' + randomBytes(12).toString('hex');
}

/**
 * Every response carries the gateway's own `x-request-id` (two clients reusing one id must not
 * share a log entry). A well-formed id from the client is kept beside it as `clientRequestId`, so
 * users can still correlate their own logs; anything else is dropped.
 */
export function requestId() {
  return (req: Request, res: Response, next: NextFunction): void => {
    const incoming = req.get('x-request-id');
    const id = newRequestId();
    res.locals.requestId = id;
    if (incoming && SAFE_ID.test(incoming)) res.locals.clientRequestId = incoming;
    res.setHeader('x-request-id', id);
    next();
  };
}

/** The client's own request id, when it sent a well-formed one. */
export function getClientRequestId(res: Response): string | undefined {
  return typeof res.locals.clientRequestId === 'string' ? res.locals.clientRequestId : undefined;
}

export function getRequestId(res: Response): string {
  return typeof res.locals.requestId === 'string' ? res.locals.requestId : 'req_unknown';
}
