import type { NextFunction, Request, Response } from 'express';
import { ApiError } from '../errors';
import { noteRefusal } from './refusal-note';
import { sendApiError } from './send-error';

export interface HostOriginPolicy {
  /** Extra host names (no port) accepted besides loopback, e.g. the LAN address when allowLan. */
  extraHosts(): readonly string[];
  /** Exact `Origin` values a browser page may call from. Empty: browsers are refused. */
  allowedOrigins(): readonly string[];
}

/** `Host` header → bare lower-case host name without port or IPv6 brackets. */
export function hostName(hostHeader: string): string {
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end > 0 ? h.slice(1, end) : h;
  }
  const colon = h.indexOf(':');
  return colon >= 0 ? h.slice(0, colon) : h;
}

export function isLoopbackHost(name: string): boolean {
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (name === '::1' || name === '0:0:0:0:0:0:0:1') return true;
  if (name.startsWith('::ffff:')) return isLoopbackHost(name.slice(7));
  return /^127(?:\.\d{1,3}){3}$/.test(name);
}

/**
 * DNS-rebinding and cross-site protection. A web page can make a browser send requests to
 * 127.0.0.1 under an attacker's host name, or from its own origin; neither is a legitimate client
 * of a local developer gateway, so both are refused before authentication is even looked at.
 */
export function hostOriginGuard(policy: HostOriginPolicy) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const host = req.headers.host;
    if (!host) {
      noteRefusal(res, 'host');
      sendApiError(req, res, new ApiError('invalid_request', 'Missing Host header.'));
      return;
    }
    const name = hostName(host);
    if (!isLoopbackHost(name) && !policy.extraHosts().includes(name)) {
      noteRefusal(res, 'host');
      sendApiError(
        req,
        res,
        new ApiError('permission', `Host "${name}" is not allowed (only loopback by default).`),
      );
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !policy.allowedOrigins().includes(origin)) {
      noteRefusal(res, 'origin');
      sendApiError(
        req,
        res,
        new ApiError(
          'permission',
          `Requests from browser origin "${origin}" are not allowed. Add it to the allowed origins in Settings if you trust it.`,
        ),
      );
      return;
    }
    if (origin !== undefined) {
      // An explicitly allowlisted origin gets exactly that origin back, never a wildcard.
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      if (req.method === 'OPTIONS') {
        res.setHeader(
          'Access-Control-Allow-Headers',
          'authorization, content-type, x-api-key, anthropic-version, anthropic-beta, x-request-id',
        );
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
        res.status(204).end();
        return;
      }
    }
    next();
  };
}
