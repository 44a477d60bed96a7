import type { Request, RequestHandler, Response } from 'express';
import type { ChatContext, ChatEngine, ChatRun } from '../../chat/chat-engine';
import { lingmaModelName } from '../../chat/model-resolver';
import { errorOutcome } from '../../chat/outcome';
import { TurnRecord } from '../../chat/turn-record';
import type { NeutralRequest } from '../../chat/types';
import type { LogService } from '../../logs';
import type { LogProtocol } from '../../logs/types';
import type { GatewayMetrics } from '../../metrics/gateway-metrics';
import { clientDisconnect } from '../client-disconnect';
import { toApiError } from '../errors';
import { sendApiError } from '../middleware/send-error';
import { routeLogContext } from '../middleware/edge-log';
import { getClientRequestId, getRequestId } from '../middleware/request-id';
import { outcomeError } from '../outcome-error';
import { finishRejected, finishRequest, traceFor } from '../request-log';
import { clientSessionOf } from './client-session';
import { answerJson, answerStream, type ServeResult, type SurfaceEncoder } from './serve-chat';

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

/** What the encoder of a surface is built from. */
export interface EncoderInit {
  run: ChatRun;
  neutral: NeutralRequest;
  requestId: string;
  record: TurnRecord;
}

export interface ChatSurface {
  protocol: Exclude<LogProtocol, 'other'>;
  parse(body: unknown): NeutralRequest;
  encoder(init: EncoderInit): SurfaceEncoder;
}

/**
 * One handler shape for all chat surfaces: open a request-log entry, parse (400 on bad input),
 * start the engine, answer (streamed or not), then close the entry and count the request — both
 * from the request's one TurnRecord.
 */
export function chatHandler(deps: ChatRouteDeps, surface: ChatSurface): RequestHandler {
  return async (req: Request, res: Response) => {
    const requestId = getRequestId(res);
    const keyId = typeof res.locals.keyId === 'string' ? res.locals.keyId : 'anonymous';
    deps.touchKey(keyId);
    const record = new TurnRecord();
    const body = req.body as { model?: unknown; stream?: unknown } | undefined;
    const handle = deps.logs.begin({
      id: requestId,
      time: record.startedAt,
      clientRequestId: getClientRequestId(res),
      protocol: surface.protocol,
      endpoint: `${req.method} ${req.path}`,
      model: typeof body?.model === 'string' ? body.model : undefined,
      stream: body?.stream === true,
      requestBody: body,
      ...routeLogContext(req, res), // issue 16: client, key name
    });
    let neutral: NeutralRequest;
    try {
      neutral = surface.parse(body);
      const clientSession = clientSessionOf(req.headers, body);
      if (clientSession) neutral.clientSession = clientSession;
    } catch (err) {
      const e = toApiError(err);
      finishRejected(handle, deps.metrics, surface.protocol, e);
      throw e;
    }
    const ctx: ChatContext = {
      requestId,
      keyId,
      signal: clientDisconnect(res),
      trace: traceFor(handle),
      record,
    };
    const result = await respond(deps, surface, req, res, neutral, ctx);
    finishRequest(handle, deps.metrics, record, {
      protocol: surface.protocol,
      stream: neutral.stream,
      ...result,
    });
  };
}

/** Starts the engine and answers; an outcome before any output is the HTTP error, once. */
async function respond(
  deps: ChatRouteDeps,
  surface: ChatSurface,
  req: Request,
  res: Response,
  neutral: NeutralRequest,
  ctx: ChatContext,
): Promise<ServeResult> {
  let run: ChatRun;
  try {
    run = await deps.engine.start(neutral, ctx);
  } catch (err) {
    const outcome = errorOutcome(err, ctx.signal);
    ctx.record.end(outcome);
    if (outcome.kind === 'client_closed') return { status: 499 };
    const error = outcomeError(outcome);
    sendApiError(req, res, error);
    return { status: error.status, error };
  }
  // Responses echo the client's model name; the Lingma model that answered is said here.
  res.setHeader(LINGMA_MODEL_HEADER, lingmaModelName(run.model));
  const encoder = surface.encoder({ run, neutral, requestId: ctx.requestId, record: ctx.record });
  const o = { run, record: ctx.record, encoder, keepAliveMs: deps.keepAliveMs() };
  return neutral.stream ? answerStream(req, res, o) : answerJson(req, res, o);
}
