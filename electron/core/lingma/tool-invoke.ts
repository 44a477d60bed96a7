/**
 * Answers the binary's `tool/invoke` (§9). The gateway is not an IDE, so by default every tool is
 * refused with `success:false` — the binary's agent loop then carries on instead of waiting. With
 * `async:true` the reply is an immediate `{}` and the outcome travels in `tool/invokeResult`.
 */
import { asRecord, str } from './client-parsers';
import type { ChatRequest } from './types';

/** The default refusal. */
export function refusal(name: string, toolCallId: string, why?: string): Record<string, unknown> {
  return {
    toolCallId,
    name,
    success: false,
    errorMessage: why ?? `Lingma Gateway is not an IDE: tool ${name} is not available`,
  };
}

/** Runs the request's tool hook (or refuses); never throws. */
export async function runToolHook(
  request: ChatRequest | undefined,
  params: Record<string, unknown>,
): Promise<unknown> {
  const name = str(params.name) ?? 'unknown';
  const toolCallId = str(params.toolCallId) ?? '';
  if (!request) return refusal(name, toolCallId, 'no chat turn is waiting for this tool call');
  if (!request.onToolInvoke) return refusal(name, toolCallId);
  try {
    return await request.onToolInvoke(params);
  } catch (err) {
    return refusal(name, toolCallId, err instanceof Error ? err.message : String(err));
  }
}

/**
 * `tool/invokeResult` params from a hook's value: a value that has a boolean `success` is taken as
 * an outcome (`success`, `errorMessage`, `result`); anything else is a successful result.
 */
export function invokeResultParams(
  params: Record<string, unknown>,
  value: unknown,
  startTime: number,
  now: number,
): Record<string, unknown> {
  const v = asRecord(value);
  const isOutcome = typeof v.success === 'boolean';
  const plain = typeof value === 'object' && value !== null && !Array.isArray(value);
  return {
    toolCallId: str(params.toolCallId) ?? '',
    name: str(params.name) ?? '',
    success: isOutcome ? v.success : true,
    errorMessage: isOutcome ? (str(v.errorMessage) ?? '') : '',
    result: isOutcome ? asRecord(v.result) : plain ? v : { value: value ?? null },
    startTime,
    timeConsuming: Math.max(0, now - startTime),
  };
}

export interface ToolInvokeDeps {
  now(): number;
  /** False once the turn is gone: an async result is then dropped. */
  wanted(): boolean;
  /** Shows the outcome on the turn: a sent `tool/invokeResult`, or a sync reply (`viaResponse`). */
  sent(params: Record<string, unknown>): void;
  send(params: Record<string, unknown>): unknown;
}

/**
 * The JSON-RPC result for a `tool/invoke`: the hook's value when synchronous; for `async:true` an
 * immediate `{}`, with the outcome sent afterwards as `tool/invokeResult`.
 */
export function answerToolInvoke(
  params: Record<string, unknown>,
  request: ChatRequest | undefined,
  deps: ToolInvokeDeps,
): unknown {
  const startTime = deps.now();
  const run = runToolHook(request, params);
  if (params.async !== true) {
    // The outcome travels as the JSON-RPC response; the turn still gets to see it (bridge, log).
    return run.then((value) => {
      if (deps.wanted()) {
        deps.sent({
          ...invokeResultParams(params, value, startTime, deps.now()),
          viaResponse: true,
        });
      }
      return value;
    });
  }
  void run.then((value) => {
    if (!deps.wanted()) return;
    const result = invokeResultParams(params, value, startTime, deps.now());
    deps.sent(result);
    deps.send(result);
  });
  return {};
}
