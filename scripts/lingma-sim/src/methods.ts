import type { SimContext } from './context.js';
import { acpMethods } from './methods-acp.js';
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
const COSY: MethodTable = { ...coreMethods, ...authMethods, ...chatMethods };

/** The ACP binary: its own initialize and session/* methods, the shared auth and model ones. */
const ACP: MethodTable = {
  ping: coreMethods.ping as MethodHandler,
  'config/queryModels': coreMethods['config/queryModels'] as MethodHandler,
  ...authMethods,
  ...acpMethods,
};

export function createDispatcher(ctx: SimContext): CallDispatcher {
  const methods = ctx.config.strict.flavour === 'acp' ? ACP : COSY;
  return async (peer, call) => {
    const handler = Object.hasOwn(methods, call.method) ? methods[call.method] : undefined;
    if (!handler) {
      ctx.log.warn(`unknown method: ${call.method}`);
      throw new RpcError(METHOD_NOT_FOUND, 'method not found');
    }
    return handler(ctx, peer, isRecord(call.params) ? call.params : {}, call.id);
  };
}
