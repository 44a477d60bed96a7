import { fileURLToPath } from 'node:url';
import { SIM_VERSION } from './cli.js';
import type { MethodTable } from './methods.js';
import { INVALID_PARAMS, isRecord, RpcError } from './rpc-types.js';

function workspacePath(params: Record<string, unknown>): string {
  const folders = Array.isArray(params.workspaceFolders) ? params.workspaceFolders : [];
  const first: unknown = folders[0];
  const uri =
    typeof params.rootUri === 'string'
      ? params.rootUri
      : isRecord(first) && typeof first.uri === 'string'
        ? first.uri
        : '';
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  } catch {
    return uri;
  }
}

/** Handshake, models and the client→server tool answers. */
export const coreMethods: MethodTable = {
  initialize: (ctx, peer, params) => {
    peer.projectPath = workspacePath(params);
    if (peer.projectPath === '') ctx.log.warn('get mtree failed: workspacePath is empty');
    const client = isRecord(params.clientInfo) ? params.clientInfo : {};
    ctx.log.info(
      `initialize from ${String(client.name ?? 'unknown client')} ${String(client.version ?? '')}`,
    );
    return { serverInfo: { name: 'lingma', version: SIM_VERSION }, capabilities: {} };
  },

  ping: () => ({ success: true }),

  'config/queryModels': (ctx) => (ctx.auth.current ? ctx.catalog.sceneMap() : {}),

  'tool/call/approve': (ctx, peer, params) => {
    if (typeof params.toolCallId !== 'string' || typeof params.approval !== 'boolean') {
      throw new RpcError(INVALID_PARAMS, 'toolCallId and approval are required');
    }
    ctx.events.append({ event: 'tool/call/approve', connection: peer.connectionId, params });
    ctx.log.info(`tool/call/approve ${params.toolCallId}: ${String(params.approval)}`);
    ctx.approvals.deliver(params.toolCallId, params.approval);
    return {};
  },

  'tool/invokeResult': (ctx, peer, params) => {
    if (typeof params.toolCallId !== 'string') {
      throw new RpcError(INVALID_PARAMS, 'toolCallId is required');
    }
    ctx.events.append({ event: 'tool/invokeResult', connection: peer.connectionId, params });
    ctx.log.info(`tool/invokeResult ${params.toolCallId}: ${JSON.stringify(params)}`);
    ctx.invokeResults.deliver(params.toolCallId, params);
    return {};
  },
};
