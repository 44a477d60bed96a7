import type { SimContext } from './context.js';
import { authMethods } from './methods-auth.js';
import { chatMethods } from './methods-chat.js';
import { coreMethods } from './methods-core.js';
import type { CallDispatcher, RpcPeer } from './rpc-peer.js';
import { isRecord, METHOD_NOT_FOUND, RpcError, type JsonRpcId } from './rpc-types.js';

export type MethodHandler = (
  ctx: SimContext,
  peer: RpcPeer,
  params: Record<string, unknown>,
  id: JsonRpcId | undefined,
) => unknown;

export type MethodTable = Record<string, MethodHandler>;

/**
 * Everything not listed here is unknown, like `initialized` on 2.11.1 and `session/new` on a
 * VS Code-style runtime without ACP: logged, and answered -32601 when it carries an id.
 */
const METHODS: MethodTable = { ...coreMethods, ...authMethods, ...chatMethods };

export function createDispatcher(ctx: SimContext): CallDispatcher {
  return async (peer, call) => {
    const handler = Object.hasOwn(METHODS, call.method) ? METHODS[call.method] : undefined;
    if (!handler) {
      ctx.log.warn(`unknown method: ${call.method}`);
      throw new RpcError(METHOD_NOT_FOUND, 'method not found');
    }
    return handler(ctx, peer, isRecord(call.params) ? call.params : {}, call.id);
  };
}
