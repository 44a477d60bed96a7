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

  'config/queryModels': (ctx) => ctx.catalog.sceneMap(ctx.auth.current?.uid),

  /**
   * ToolCallApproveRequest `{sessionId, requestId, toolCallId, approval}` (CLAW; M). Decoded the
   * way a Go struct would be (§13.13; inference, M): `approval` must be a JSON boolean — a string
   * is a decode error and approves nothing — and a missing one is the zero value, false. Extra
   * fields (PRED's `type`) are ignored; an id that is not waiting for approval changes nothing.
   */
  'tool/call/approve': (ctx, peer, params, id) => {
    const form = id === undefined ? 'notification' : 'request';
    const toolCallId = typeof params.toolCallId === 'string' ? params.toolCallId : '';
    ctx.events.append({ event: 'tool/call/approve', connection: peer.connectionId, form, params });
    if (params.approval !== undefined && typeof params.approval !== 'boolean') {
      ctx.log.warn(`tool/call/approve ${toolCallId}: approval is not a boolean, ignore`);
      throw new RpcError(INVALID_PARAMS, 'json: cannot unmarshal approval into a bool');
    }
    const approval = params.approval === true;
    if (params.approval === undefined) {
      ctx.log.warn(`tool/call/approve ${toolCallId}: no approval field, read as false`);
    }
    const extra = Object.keys(params).filter(
      (k) => !['sessionId', 'requestId', 'toolCallId', 'approval'].includes(k),
    );
    if (extra.length > 0) ctx.log.info(`tool/call/approve: ignored fields ${extra.join(', ')}`);
    if (form === 'notification') {
      // Only the request form is proven (CLAW); PRED's notifications are not (L). Recorded above.
      ctx.log.warn(`tool/call/approve ${toolCallId} came as a notification (unproven form)`);
    }
    const delivered = ctx.approvals.deliver(toolCallId, approval);
    ctx.log.info(
      delivered
        ? `tool/call/approve ${toolCallId}: ${String(approval)}`
        : `tool/call/approve for unknown or settled toolCallId ${JSON.stringify(toolCallId)}, ignore`,
    );
    return {};
  },

  /**
   * Answered with OperateCommonResult `{errorCode, errorMessage}` (CLAW; M): null/null when taken,
   * a non-null errorCode when refused — one without a toolCallId is refused (CLAW strict mode; L).
   */
  'tool/invokeResult': (ctx, peer, params) => {
    ctx.events.append({ event: 'tool/invokeResult', connection: peer.connectionId, params });
    if (typeof params.toolCallId !== 'string' || params.toolCallId === '') {
      ctx.log.warn('tool/invokeResult without toolCallId, refused');
      return { errorCode: 'INVALID_PARAM', errorMessage: 'toolCallId is required' };
    }
    ctx.log.info(`tool/invokeResult ${params.toolCallId}: ${JSON.stringify(params)}`);
    if (!ctx.invokeResults.deliver(params.toolCallId, params)) {
      ctx.log.warn(`tool/invokeResult for unknown or settled toolCallId ${params.toolCallId}`);
    }
    return { errorCode: null, errorMessage: null };
  },
};
