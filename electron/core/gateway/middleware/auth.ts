import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { markAuthenticated } from '../connection-guard';
import { ApiError } from '../errors';
import { protocolOf } from './api-shape';
import { sendApiError } from './send-error';

/** Looks a presented API key up; returns the key's id, or null. Must be constant-time. */
export type KeyVerifier = (candidate: string) => string | null | Promise<string | null>;

function bearer(req: Request): string | undefined {
  const h = req.get('authorization');
  if (!h) return undefined;
  const m = /^Bearer\s+(.+)$/i.exec(h.trim());
  return m?.[1]?.trim();
}

/**
 * The key a client presented. Anthropic clients send `x-api-key` (Claude Code with
 * ANTHROPIC_AUTH_TOKEN sends a Bearer token instead), OpenAI clients a Bearer token.
 */
export function presentedKey(req: Request): string | undefined {
  const xKey = req.get('x-api-key')?.trim();
  if (protocolOf(req) === 'anthropic') return xKey || bearer(req);
  return bearer(req) || xKey;
}

/** `/v1/*`: a key is always required, loopback included. */
export function requireApiKey(verify: KeyVerifier) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const key = presentedKey(req);
    if (!key) {
      sendApiError(
        req,
        res,
        new ApiError(
          'authentication',
          'Missing API key. Send it as "Authorization: Bearer <key>" (or "x-api-key" for Anthropic clients). Copy a key from the Lingma Gateway tray menu.',
        ),
      );
      return;
    }
    const keyId = await verify(key);
    if (!keyId) {
      sendApiError(req, res, new ApiError('authentication', 'Invalid API key.'));
      return;
    }
    res.locals.keyId = keyId;
    markAuthenticated(req.socket);
    next();
  };
}

/** Constant-time equality of two secrets of any length. */
export function secretEquals(a: string, b: string): boolean {
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db);
}

/**
 * `/internal/*` and `/metrics`: a dedicated token. When none is configured the endpoint answers
 * 503 rather than running open (the predecessor's rule).
 */
export function requireToken(name: string, token: () => string | undefined) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const expected = token();
    if (!expected) {
      sendApiError(
        req,
        res,
        new ApiError('unavailable', `${name} is disabled: no ${name} token is configured.`),
      );
      return;
    }
    const got = bearer(req) ?? req.get('x-api-key')?.trim();
    if (!got || !secretEquals(got, expected)) {
      sendApiError(req, res, new ApiError('authentication', `Invalid or missing ${name} token.`));
      return;
    }
    markAuthenticated(req.socket);
    next();
  };
}
