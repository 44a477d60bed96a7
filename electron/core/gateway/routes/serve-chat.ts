import type { Request, Response } from 'express';
import { ApiError, toApiError } from '../errors';
import type { ChatEngine, ChatRun } from '../engine/chat-engine';
import type { RequestTrace } from '../engine/ports';
import { sendApiError } from '../middleware/send-error';
import { SseWriter } from '../sse';
import type { NeutralRequest, OutEvent } from '../translate/neutral';

/** One SSE frame: an optional event name and a JSON (or literal string) payload. */
export interface SseFrame {
  event?: string;
  data: unknown;
}

/** How one API surface turns neutral events into its wire format. */
export interface SurfaceEncoder {
  keepAliveFrame: string;
  /** Frames that open the stream (e.g. Anthropic message_start + ping). */
  open(run: ChatRun): SseFrame[];
  push(event: OutEvent): SseFrame[];
  /** A failure after the stream opened. */
  error(err: ApiError): SseFrame[];
  /** Frames after the last event (e.g. OpenAI `[DONE]`). */
  close(): SseFrame[];
  /** The whole response for `stream: false`. */
  complete(run: ChatRun, events: OutEvent[], timing: Timing): unknown;
}

export interface Timing {
  startedAt: number;
  firstTokenMs?: number;
  totalMs: number;
}

export interface ServeChatOptions {
  engine: ChatEngine;
  neutral: NeutralRequest;
  encoder: (run: ChatRun) => SurfaceEncoder;
  requestId: string;
  keyId: string;
  trace: RequestTrace;
  keepAliveMs: number;
  now?: () => number;
  /** Called once with the outcome, for the request log and metrics. */
  onDone(outcome: ServeOutcome): void;
  /** Every neutral event, as it is sent (request log). */
  onEvent?(event: OutEvent): void;
  /** The JSON body of a non-stream answer (request log). */
  onBody?(body: unknown): void;
  /** The run started (model resolved), before anything is written: set headers here. */
  onStart?(run: ChatRun): void;
}

export interface ServeOutcome {
  status: number;
  error?: ApiError;
  ttfbMs?: number;
  durationMs: number;
  events: number;
  clientClosed: boolean;
}

/**
 * Drives one chat request end to end over HTTP. Streams open lazily — on the first event, or after
 * a keep-alive interval of upstream silence — so that a failure before any output (no account,
 * quota, crash before the first token, with failover exhausted) is still a proper HTTP error the
 * SDKs can type, instead of an error buried in a 200 stream.
 */
export async function serveChat(req: Request, res: Response, o: ServeChatOptions): Promise<void> {
  const now = o.now ?? Date.now;
  const startedAt = now();
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort(new Error('client disconnected'));
  });
  const ctx = { requestId: o.requestId, keyId: o.keyId, signal: controller.signal, trace: o.trace };
  let ttfbMs: number | undefined;
  let count = 0;
  const finish = (status: number, error?: ApiError): void =>
    o.onDone({
      status,
      error,
      ttfbMs,
      durationMs: now() - startedAt,
      events: count,
      clientClosed: controller.signal.aborted,
    });

  let run: ChatRun;
  try {
    run = await o.engine.start(o.neutral, ctx);
  } catch (err) {
    const e = toApiError(err);
    sendApiError(req, res, e);
    finish(e.status, e);
    return;
  }
  o.onStart?.(run);
  const encoder = o.encoder(run);

  if (!o.neutral.stream) {
    const events: OutEvent[] = [];
    try {
      for await (const ev of run.events) {
        if (ttfbMs === undefined && ev.type !== 'finish') ttfbMs = now() - startedAt;
        count += 1;
        o.onEvent?.(ev);
        events.push(ev);
      }
    } catch (err) {
      const e = toApiError(err);
      if (!controller.signal.aborted) sendApiError(req, res, e);
      finish(controller.signal.aborted ? 499 : e.status, e);
      return;
    }
    if (controller.signal.aborted) {
      finish(499);
      return;
    }
    const body = encoder.complete(run, events, {
      startedAt,
      firstTokenMs: ttfbMs,
      totalMs: now() - startedAt,
    });
    o.onBody?.(body);
    res.json(body);
    finish(200);
    return;
  }

  const sse = new SseWriter(res, {
    keepAliveMs: o.keepAliveMs,
    keepAliveFrame: encoder.keepAliveFrame,
  });
  const write = async (frames: SseFrame[]): Promise<void> => {
    for (const f of frames) await sse.send(f.data, f.event);
  };
  const iterator = run.events[Symbol.asyncIterator]();
  let opened = false;
  const openStream = async (): Promise<void> => {
    if (opened) return;
    opened = true;
    sse.open();
    await write(encoder.open(run));
  };
  try {
    for (;;) {
      const next = iterator.next();
      let result: IteratorResult<OutEvent, void>;
      if (!opened) {
        // Open anyway after a keep-alive interval of silence so the client sees life.
        let timer: NodeJS.Timeout | undefined;
        const silence = new Promise<'silence'>((resolve) => {
          timer = setTimeout(() => resolve('silence'), o.keepAliveMs);
        });
        const first = await Promise.race([next, silence]);
        clearTimeout(timer);
        if (first === 'silence') {
          await openStream();
          result = await next;
        } else result = first;
      } else result = await next;
      if (result.done) break;
      if (ttfbMs === undefined && result.value.type !== 'finish') ttfbMs = now() - startedAt;
      count += 1;
      o.onEvent?.(result.value);
      await openStream();
      await write(encoder.push(result.value));
      if (sse.closed) break;
    }
  } catch (err) {
    const e = toApiError(err);
    if (controller.signal.aborted) {
      sse.end();
      finish(499);
      return;
    }
    if (!opened) {
      sendApiError(req, res, e);
      finish(e.status, e);
      return;
    }
    await write(encoder.error(e));
    sse.end();
    finish(200, e);
    return;
  } finally {
    // Client gone: stop the engine (releases the instance, cancels upstream).
    if (controller.signal.aborted) await iterator.return?.(undefined);
  }
  if (controller.signal.aborted || sse.closed) {
    finish(499);
    return;
  }
  await openStream();
  await write(encoder.close());
  sse.end();
  finish(200);
}
