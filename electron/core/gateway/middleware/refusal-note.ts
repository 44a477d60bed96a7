/**
 * How middleware tells the request log why it refused a request (issue 16). The error a client
 * receives stays exactly as it was; these notes only travel in `res.locals` to edge-log.ts.
 */
import type { Response } from 'express';
import type { RefusalKind } from '../../logs/types';
import type { ApiError } from '../errors';

interface Notes {
  refusal?: RefusalKind;
  apiError?: ApiError;
}

function notes(res: Response): Notes {
  return ((res.locals as { lgwNotes?: Notes }).lgwNotes ??= {});
}

/** The refusal kind, when the refusing middleware knows it better than the status does. */
export function noteRefusal(res: Response, kind: RefusalKind): void {
  notes(res).refusal = kind;
}

/** The error a response carried (set by sendApiError). */
export function noteApiError(res: Response, err: ApiError): void {
  notes(res).apiError = err;
}

export function readNotes(res: Response): Readonly<Notes> {
  return notes(res);
}
