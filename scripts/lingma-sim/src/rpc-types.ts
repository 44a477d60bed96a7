export type JsonRpcId = number | string;

export interface RpcErrorObject {
  code: number;
  message: string;
}

/** Thrown by method handlers; becomes a JSON-RPC error response. */
export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Returned by a method handler that must not answer at all (the `never` mode of the chat/ask
 * result, §13.4). The call stays unanswered, as PRED saw for ~30 s at a time (M).
 */
export const NO_REPLY: unique symbol = Symbol('no reply');

export const METHOD_NOT_FOUND = -32601;
export const INVALID_PARAMS = -32602;
export const INTERNAL_ERROR = -32603;
export const PARSE_ERROR = -32700;
export const INVALID_REQUEST = -32600;

/** What became of a request the simulator pushed to a client. */
export type OutboundOutcome =
  | { kind: 'result'; result: unknown }
  | { kind: 'error'; error: RpcErrorObject }
  | { kind: 'timeout' }
  | { kind: 'closed' };

/** An incoming request (id set) or notification (id undefined). */
export interface IncomingCall {
  id: JsonRpcId | undefined;
  method: string;
  params: unknown;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
