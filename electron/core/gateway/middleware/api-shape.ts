import type { Request } from 'express';
import type { Protocol } from '../../chat/types';

/** Which API's error shape a path answers in. Anthropic clients only parse their own shape. */
export function protocolForPath(path: string): Protocol | 'plain' {
  if (path.startsWith('/v1/messages')) return 'anthropic';
  if (path.startsWith('/v1/responses')) return 'responses';
  if (path.startsWith('/v1/')) return 'openai';
  return 'plain';
}

/**
 * Judged on the full path: inside a router mounted at `/v1` (the auth middleware), `req.path` is
 * relative, and `/messages` would lose its Anthropic shape.
 */
export function protocolOf(req: Request): Protocol | 'plain' {
  return protocolForPath((req.originalUrl || req.url).split('?')[0] ?? '');
}
