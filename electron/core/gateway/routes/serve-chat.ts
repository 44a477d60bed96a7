/**
 * Answers one chat request over HTTP once the engine has started it: streamed as SSE, or as one
 * JSON body. Streams open lazily — on the first event, or after a keep-alive interval of upstream
 * silence — so that a failure before any output (no account, quota, a crash before the first
 * token, with failover exhausted) is still a proper HTTP error the SDKs can type, instead of an
 * error buried in a 200 stream. The outcome becomes an HTTP error here, once (outcome-error.ts).
 */
import type { Request, Response } from 'express';
import type { ChatRun, ChatSink } from '../../chat/chat-engine';
import type { TurnOutcome } from '../../chat/outcome';
import type { TurnRecord } from '../../chat/turn-record';
import type { OutEvent } from '../../chat/types';
import type { ApiError } from '../errors';
import { sendApiError } from '../middleware/send-error';
import { outcomeError } from '../outcome-error';
import { SseWriter } from '../sse';

/** One SSE frame: an optional event name and a JSON (or literal string) payload. */
export interface SseFrame {
  event?: string;
  data: unknown;
}

/** How one API surface turns neutral events into its wire format. */
export interface SurfaceEncoder {
  keepAliveFrame: string;
  /** Frames that open the stream (e.g. Anthropic message_start + ping). */
  open(): SseFrame[];
  push(event: OutEvent): SseFrame[];
  /** A failure after the stream opened. */
  error(err: ApiError): SseFrame[];
  /** Frames after the last event (e.g. OpenAI `[DONE]`). */
  close(): SseFrame[];
  /** The whole response for `stream: false`, from the request's record. */
  complete(record: TurnRecord): unknown;
}

/** The non-standard `latency` field of a complete body, from the record's own timings. */
export function latencyOf(record: TurnRecord): { firstTokenMs?: number; totalMs: number } {
  return { firstTokenMs: record.ttfbMs, totalMs: record.elapsedMs() };
}

/** How the response went: its HTTP status, the error the client got, the JSON body if any. */
export interface ServeResult {
  status: number;
  error?: ApiError;
  body?: unknown;
}

export interface AnswerOptions {
  run: ChatRun;
  record: TurnRecord;
  encoder: SurfaceEncoder;
  keepAliveMs: number;
}

/** The answer as one JSON body, once the whole turn is in. */
export async function answerJson(
  req: Request,
  res: Response,
  o: AnswerOptions,
): Promise<ServeResult> {
  const outcome = await o.run.play();
  if (outcome.kind === 'client_closed') return { status: 499 };
  if (outcome.kind !== 'ok') return failBeforeOutput(req, res, outcome);
  const body = o.encoder.complete(o.record);
  res.json(body);
  return { status: 200, body };
}

/** The answer as Server-Sent Events, each event written as the engine produces it. */
export async function answerStream(
  req: Request,
  res: Response,
  o: AnswerOptions,
): Promise<ServeResult> {
  const { encoder } = o;
  const sse = new SseWriter(res, {
    keepAliveMs: o.keepAliveMs,
    keepAliveFrame: encoder.keepAliveFrame,
  });
  const write = (frames: SseFrame[]): void => {
    for (const f of frames) sse.send(f.data, f.event);
  };
  let silence: NodeJS.Timeout | undefined;
  const open = (): void => {
    if (sse.isOpen) return;
    clearTimeout(silence);
    sse.open();
    write(encoder.open());
  };
  // Open anyway after a keep-alive interval of silence so the client sees life.
  if (o.keepAliveMs > 0) silence = setTimeout(open, o.keepAliveMs);
  const sink: ChatSink = {
    event: (ev) => {
      open();
      write(encoder.push(ev));
    },
    ready: () => sse.ready(),
  };
  let outcome: TurnOutcome;
  try {
    outcome = await o.run.play(sink);
  } finally {
    clearTimeout(silence);
  }
  if (outcome.kind === 'client_closed' || sse.closed) {
    sse.end();
    return { status: 499 };
  }
  if (outcome.kind !== 'ok') {
    if (!sse.isOpen) return failBeforeOutput(req, res, outcome);
    const error = outcomeError(outcome);
    write(encoder.error(error));
    sse.end();
    return { status: 200, error };
  }
  open();
  write(encoder.close());
  sse.end();
  return { status: 200 };
}

function failBeforeOutput(
  req: Request,
  res: Response,
  outcome: Exclude<TurnOutcome, { kind: 'ok' }>,
): ServeResult {
  const error = outcomeError(outcome);
  sendApiError(req, res, error);
  return { status: error.status, error };
}
