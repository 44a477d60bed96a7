/** Types and small guards of the JSON-RPC layer (json-rpc.ts). */
import type { Clock } from './clock';
import { LingmaError } from './types';
import type { Logger } from '../util/logger';

export type JsonRpcId = number | string;

/** Context handed to a handler of an incoming request or notification. */
export interface IncomingContext {
  method: string;
  /** Present for requests (which get a reply), absent for notifications. */
  id?: JsonRpcId;
}

/** Returns the result for a request (undefined → null); ignored for notifications. */
export type IncomingHandler = (params: unknown, ctx: IncomingContext) => unknown;

export interface JsonRpcOptions {
  logger?: Logger;
  clock?: Clock;
  /** Default per-call timeout (0 = none). */
  requestTimeoutMs?: number;
  /** A handler still running after this long gets an error reply, so the peer never waits forever. */
  handlerTimeoutMs?: number;
  maxFrameBytes?: number;
}

export interface RequestOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

export function isThenable(v: unknown): v is PromiseLike<unknown> {
  return (
    typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function'
  );
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function validId(v: unknown): JsonRpcId | undefined {
  return typeof v === 'number' || typeof v === 'string' ? v : undefined;
}

export function asLingmaError(err: unknown, method: string): LingmaError {
  if (err instanceof LingmaError) return err;
  const text = err instanceof Error ? err.message : String(err);
  return new LingmaError(`${method}: ${text}`, 'not_connected');
}
