/**
 * Every request that reaches the gateway is logged (issue 16). Chat routes keep their full entry
 * (they call `routeLogContext()` and thereby take over); everything else — refusals before routing
 * (no or wrong key, Host/Origin, bad JSON, too large, unknown route, rate limits) and the small
 * non-chat routes (model lists, probes) — is recorded here when the response closes, into the log's
 * bounded in-memory edge log. Cheap on purpose: one closure per request, client detection cached,
 * and identical refusals folded by the store without any redaction work.
 */
import type { NextFunction, Request, Response } from 'express';
import { detectClient, type DetectedClient } from '../../logs/client-detect';
import type { LogService } from '../../logs';
import { keyHint } from '../../logs/key-hint';
import type { LogProtocol, RefusalKind } from '../../logs/types';
import type { ApiError } from '../errors';
import { protocolForPath } from './api-shape';
import { presentedKey } from './auth';
import { readNotes } from './refusal-note';
import { getClientRequestId, getRequestId } from './request-id';

export interface EdgeLogDeps {
  logs: Pick<LogService, 'recordEdge'>;
  /** A key id's name (the name is logged, never the key). */
  keyName?(keyId: string): string | undefined;
  now?: () => number;
}

interface EdgeState {
  start: number;
  routeLogged: boolean;
  client: DetectedClient | undefined;
  keyName?: (keyId: string) => string | undefined;
}

/** Who sent a request, as a chat route puts it into its own entry. */
export interface RouteLogContext {
  client?: string;
  clientVersion?: string;
  userAgent?: string;
  keyId?: string;
  keyName?: string;
}

const USER_AGENT_MAX = 256;

function state(res: Response): EdgeState | undefined {
  return (res.locals as { lgwEdge?: EdgeState }).lgwEdge;
}

function keyFields(
  res: Response,
  s: EdgeState | undefined,
): Pick<RouteLogContext, 'keyId' | 'keyName'> {
  const keyId = typeof res.locals.keyId === 'string' ? res.locals.keyId : undefined;
  if (keyId === undefined) return {};
  const keyName = s?.keyName?.(keyId);
  return keyName === undefined ? { keyId } : { keyId, keyName };
}

function clientFields(req: Request, s: EdgeState | undefined): RouteLogContext {
  const out: RouteLogContext = {};
  if (s?.client) {
    out.client = s.client.name;
    if (s.client.version) out.clientVersion = s.client.version;
  }
  const ua = req.get('user-agent');
  if (ua) out.userAgent = ua.slice(0, USER_AGENT_MAX);
  return out;
}

/** For a route that logs the request itself: marks it taken over and says who sent it. */
export function routeLogContext(req: Request, res: Response): RouteLogContext {
  const s = state(res);
  if (s) s.routeLogged = true;
  return { ...clientFields(req, s), ...keyFields(res, s) };
}

const BY_ERROR_KIND: Partial<Record<ApiError['kind'], RefusalKind>> = {
  request_too_large: 'too_large',
  unsupported_media: 'media',
  not_found: 'not_found',
  method_not_allowed: 'method',
  rate_limit: 'rate',
  invalid_request: 'validation',
};

/** Why the gateway refused, from what the middleware noted, the error and the status. */
export function refusalOf(req: Request, res: Response, status: number): RefusalKind | undefined {
  if (status < 400) return undefined;
  const notes = readNotes(res);
  if (notes.refusal) return notes.refusal;
  const operations = /^\/(internal|metrics)(\/|$)/.test(req.path);
  if (status === 401) return operations ? 'token' : presentedKey(req) ? 'wrong_key' : 'no_key';
  if (status === 503 && operations) return 'disabled';
  const kind = notes.apiError?.kind;
  return (kind && BY_ERROR_KIND[kind]) ?? 'other';
}

function protocolOfPath(path: string): LogProtocol {
  const p = protocolForPath(path);
  return p === 'plain' ? 'other' : p;
}

function record(d: EdgeLogDeps, now: () => number, req: Request, res: Response, s: EdgeState) {
  const closedEarly = !res.writableFinished;
  const status = closedEarly ? 499 : res.statusCode;
  const path = (req.originalUrl || req.url).split('?')[0] ?? '';
  const refused = closedEarly ? undefined : refusalOf(req, res, status);
  const apiError = readNotes(res).apiError;
  const model = (req.body as { model?: unknown } | undefined)?.model;
  const presented = refused === 'wrong_key' ? presentedKey(req) : undefined;
  d.logs.recordEdge({
    id: getRequestId(res),
    time: s.start,
    durationMs: Math.max(0, now() - s.start),
    protocol: protocolOfPath(path),
    endpoint: `${req.method} ${path}`,
    status,
    ...(closedEarly
      ? { error: { kind: 'client_closed', message: 'The client closed the request.' } }
      : apiError
        ? { error: { kind: apiError.kind, message: apiError.message } }
        : {}),
    ...(refused ? { refused } : {}),
    ...(typeof model === 'string' ? { model } : {}),
    ...(presented ? { keyHint: keyHint(presented) } : {}),
    clientRequestId: getClientRequestId(res),
    ...clientFields(req, s),
    ...keyFields(res, s),
  });
}

/** The first middleware after request ids: see the file comment. */
export function edgeLog(d: EdgeLogDeps) {
  const now = d.now ?? Date.now;
  return (req: Request, res: Response, next: NextFunction): void => {
    const s: EdgeState = {
      start: now(),
      routeLogged: false,
      client: detectClient(req.headers as Record<string, string | undefined>),
      ...(d.keyName ? { keyName: d.keyName } : {}),
    };
    (res.locals as { lgwEdge?: EdgeState }).lgwEdge = s;
    res.once('close', () => {
      if (!s.routeLogged) record(d, now, req, res, s);
    });
    next();
  };
}
