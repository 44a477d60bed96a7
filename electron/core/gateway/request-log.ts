/**
 * The request log and the metrics, as a chat request sees them: a live trace while it runs (the
 * engine's RequestTrace, written into the log entry), and one finish that reads the request's
 * TurnRecord — the same record the response was built from — into the entry and the metrics.
 */
import type { RequestTrace } from '../chat/ports';
import type { TurnRecord } from '../chat/turn-record';
import type { EntryHandle, FinishPatch, LogProtocol } from '../logs';
import type { GatewayMetrics } from '../metrics/gateway-metrics';
import type { ApiError } from './errors';
import { CLIENT_CLOSED_ERROR } from './outcome-error';

/** The engine's trace, written into a request-log entry. */
export function traceFor(handle: EntryHandle): RequestTrace {
  // issue 16: each ask's bytes add up to the request's upstream bytes.
  let upstreamBytes = 0;
  let upstreamAsks = 0;
  return {
    set: ({ upstreamAskBytes, ...patch }) => {
      if (upstreamAskBytes === undefined) return handle.update(patch);
      upstreamBytes += upstreamAskBytes;
      upstreamAsks += 1;
      handle.update({ ...patch, upstreamBytes, upstreamAsks });
    },
    upstreamTool: (message) => handle.addToolEvent(message),
    event: (kind) => handle.addTimelineEvent(kind),
  };
}

export interface RequestEnd {
  protocol: Exclude<LogProtocol, 'other'>;
  status: number;
  error?: ApiError;
  /** The JSON body of a non-streamed answer. */
  body?: unknown;
  stream: boolean;
}

/** Closes the log entry and counts the request, both from the record. */
export function finishRequest(
  handle: EntryHandle,
  metrics: GatewayMetrics,
  record: TurnRecord,
  end: RequestEnd,
): void {
  const error = end.status === 499 ? CLIENT_CLOSED_ERROR : end.error;
  // The request log shows the very calls (and ids) the client received.
  for (const p of record.parts) {
    if (p.type === 'tool_call') handle.addClientToolCall(p.call, p.at);
  }
  // Usage exists only for an answer that finished (a failed turn used nothing we can count).
  const tokens = record.finished
    ? { tokensIn: record.usage.inputTokens, tokensOut: record.usage.outputTokens }
    : {};
  const patch: FinishPatch = {
    status: end.status,
    durationMs: record.durationMs ?? record.elapsedMs(),
    ...tokens,
  };
  if (error)
    patch.error = {
      kind: end.status === 499 ? 'client_closed' : error.kind,
      message: error.message,
    };
  if (record.ttfbMs !== undefined) patch.ttfbMs = record.ttfbMs;
  // A compact record for streamed answers (the raw SSE would be noise).
  if (end.stream) patch.responseBody = streamedBody(record);
  else if (end.body !== undefined) patch.responseBody = end.body;
  handle.finish(patch);
  metrics.observe({
    protocol: end.protocol,
    status: end.status,
    ttfbMs: record.ttfbMs,
    ...tokens,
  });
}

/** A request that never reached the engine (a 400 from parsing). */
export function finishRejected(
  handle: EntryHandle,
  metrics: GatewayMetrics,
  protocol: Exclude<LogProtocol, 'other'>,
  e: ApiError,
): void {
  // `refused` moves the entry to the bounded log of refusals (issue 16).
  handle.finish({
    status: e.status,
    error: { kind: e.kind, message: e.message },
    refused: 'validation',
  });
  metrics.observe({ protocol, status: e.status });
}

function streamedBody(record: TurnRecord): unknown {
  const calls = record.calls.map((c) => c.call);
  const reasoning = record.reasoning;
  return {
    streamed: true,
    text: record.text,
    ...(reasoning ? { reasoning } : {}),
    ...(calls.length ? { toolCalls: calls } : {}),
    finishReason: record.finished ? record.finishReason : undefined,
  };
}
