import { randomFillSync } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Random bytes for ids, refilled in blocks: one system call per 256 requests, not one each. */
const POOL = Buffer.alloc(12 * 256);
let used = POOL.length;

/** A fresh request id (`req_` + 24 hex), also used as the request-log entry id. */
export function newRequestId(): string {
  if (used === POOL.length) {
    randomFillSync(POOL);
    used = 0;
  }
  used += 12;
  return 'req_' + POOL.toString('hex', used - 12, used);
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
