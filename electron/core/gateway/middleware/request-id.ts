import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A fresh request id (`req_` + 24 hex), also used as the request-log entry id. */
export function newRequestId(): string {
  return 'req_' + randomBytes(12).toString('hex');
}

/**
 * Every response carries `x-request-id`. A well-formed id from the client is kept so users can
 * correlate their own logs; anything else is replaced.
 */
export function requestId() {
  return (req: Request, res: Response, next: NextFunction): void => {
    const incoming = req.get('x-request-id');
    const id = incoming && SAFE_ID.test(incoming) ? incoming : newRequestId();
    res.locals.requestId = id;
    res.setHeader('x-request-id', id);
    next();
  };
}

export function getRequestId(res: Response): string {
  return typeof res.locals.requestId === 'string' ? res.locals.requestId : 'req_unknown';
}
