import type { Request, RequestHandler, Response } from 'express';
import type { LogService } from '../../logs';
import type { LogProtocol } from '../../logs/types';
import type { GatewayMetrics } from '../../metrics/gateway-metrics';
import { lingmaModelName, type ChatEngine, type ChatRun } from '../engine/chat-engine';
import { ApiError, toApiError } from '../errors';
import { routeLogContext } from '../middleware/edge-log';
import { getClientRequestId, getRequestId } from '../middleware/request-id';
import { StreamedResponseRecord, traceFor } from '../request-log';
import type { NeutralRequest } from '../translate/neutral';
import { serveChat, type SurfaceEncoder } from './serve-chat';

/** The response header naming the Lingma model that served the request. */
export const LINGMA_MODEL_HEADER = 'x-lingma-model';

/** What every chat surface (OpenAI, Anthropic, Responses) shares. */
export interface ChatRouteDeps {
  engine: ChatEngine;
  logs: LogService;
  metrics: GatewayMetrics;
  keepAliveMs(): number;
  /** Records a key's use (lastUsedAt). */
  touchKey(keyId: string): void;
}

export interface ChatSurface {
  protocol: Exclude<LogProtocol, 'other'>;
  parse(body: unknown): NeutralRequest;
  encoder(run: ChatRun, neutral: NeutralRequest, requestId: string): SurfaceEncoder;
}

/**
 * One handler shape for all chat surfaces: open a request-log entry, parse (400 on bad input),
 * run through the engine and encoder, then close the entry and count it.
 */
export function chatHandler(deps: ChatRouteDeps, surface: ChatSurface): RequestHandler {
  return async (req: Request, res: Response) => {
    const requestId = getRequestId(res);
    const keyId = typeof res.locals.keyId === 'string' ? res.locals.keyId : 'anonymous';
    deps.touchKey(keyId);
    const body: unknown = req.body;
    const rawModel =
      typeof (body as { model?: unknown })?.model === 'string'
        ? (body as { model: string }).model
        : undefined;
    const handle = deps.logs.begin({
      id: requestId,
      clientRequestId: getClientRequestId(res),
      protocol: surface.protocol,
      endpoint: `${req.method} ${req.path}`,
      model: rawModel,
      stream: (body as { stream?: unknown })?.stream === true,
      requestBody: body,
      ...routeLogContext(req, res), // issue 16: client, key name
    });
    let neutral: NeutralRequest;
    try {
      neutral = surface.parse(body);
    } catch (err) {
      const e = toApiError(err);
      // issue 16: `refused` moves the entry to the bounded log of refusals.
      handle.finish({
        status: e.status,
        error: { kind: e.kind, message: e.message },
        refused: 'validation',
      });
      deps.metrics.observe({ protocol: surface.protocol, status: e.status });
      throw e;
    }
    const record = new StreamedResponseRecord();
    let tokensIn = 0;
    let tokensOut = 0;
    await serveChat(req, res, {
      engine: deps.engine,
      neutral,
      requestId,
      keyId,
      trace: traceFor(handle),
      keepAliveMs: deps.keepAliveMs(),
      encoder: (run) => surface.encoder(run, neutral, requestId),
      // Responses echo the client's model name; the Lingma model that answered is said here.
      onStart: (run) => res.setHeader(LINGMA_MODEL_HEADER, lingmaModelName(run.model)),
      onEvent: (ev) => {
        if (ev.type !== 'finish') handle.firstByte();
        if (ev.type === 'finish') {
          tokensIn = ev.usage.inputTokens;
          tokensOut = ev.usage.outputTokens;
        }
        record.add(ev);
      },
      onBody: (b) => handle.update({ responseBody: b }),
      onDone: (o) => {
        const error =
          o.error ??
          (o.status === 499
            ? new ApiError('invalid_request', 'The client closed the request.')
            : undefined);
        handle.finish({
          status: o.status,
          ...(error
            ? {
                error: {
                  kind: o.status === 499 ? 'client_closed' : error.kind,
                  message: error.message,
                },
              }
            : {}),
          ...(neutral.stream ? { responseBody: record.toJSON() } : {}),
          ...(o.ttfbMs !== undefined ? { ttfbMs: o.ttfbMs } : {}),
          durationMs: o.durationMs,
        });
        deps.metrics.observe({
          protocol: surface.protocol,
          status: o.status,
          ttfbMs: o.ttfbMs,
          tokensIn,
          tokensOut,
        });
      },
    });
  };
}
