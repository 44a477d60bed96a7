/**
 * The ACP method set (`--sim-flavour=acp`) of the binary that ships with the Lingma desktop app
 * (§1, §5.2, §8.3; LTC, TCF, OPENCLI, WY). `chat/ask` and its pushes do not exist here: a client
 * must detect the flavour. Auth, login and `config/queryModels` are shared with the Cosy flavour
 * (LTC: model discovery works on both; the rest is the same binary's handler table, ZC; M).
 */
import { randomUUID } from 'node:crypto';
import { REQUEST_ID, runAcpTurn, type AcpSession } from './acp-turn.js';
import type { SimContext } from './context.js';
import type { MethodTable } from './methods.js';
import { INVALID_PARAMS, isRecord, NO_REPLY, RpcError } from './rpc-types.js';

const sessions = new WeakMap<SimContext, Map<string, AcpSession>>();
let created = 0;

function table(ctx: SimContext): Map<string, AcpSession> {
  let map = sessions.get(ctx);
  if (!map) sessions.set(ctx, (map = new Map()));
  return map;
}

function sessionOf(ctx: SimContext, params: Record<string, unknown>): AcpSession {
  const id = params.sessionId;
  const s = typeof id === 'string' ? table(ctx).get(id) : undefined;
  if (!s) throw new RpcError(INVALID_PARAMS, `session not found: ${String(id)}`);
  return s;
}

export const acpMethods: MethodTable = {
  /**
   * ACP initialize `{protocolVersion: 1, clientCapabilities, timestamp}` (§5.2). An LSP-style
   * initialize without protocolVersion is refused: whether the desktop binary accepts one is
   * untested (L), and refusing it makes a client prove it can detect the flavour.
   */
  initialize: (ctx, peer, params) => {
    if (params.protocolVersion !== 1) {
      ctx.log.warn('initialize without protocolVersion 1 refused (ACP flavour)');
      throw new RpcError(INVALID_PARAMS, 'unsupported protocolVersion');
    }
    peer.projectPath = '';
    return {
      protocolVersion: 1,
      agentCapabilities: { loadSession: false, promptCapabilities: { image: true } },
      authMethods: [],
    };
  },

  /** `{cwd, mcpServers, _meta, timestamp}` → `{sessionId}`, or `{id}` on some builds (§5.2). */
  'session/new': (ctx) => {
    const sessionId = randomUUID();
    const model = ctx.catalog.defaultKey(ctx.auth.current?.uid, 'chat');
    table(ctx).set(sessionId, { sessionId, model, turns: 0 });
    created += 1;
    ctx.log.info(`session/new ${sessionId}`);
    return created % 2 === 0 ? { id: sessionId } : { sessionId };
  },

  'session/set_model': (ctx, _peer, params) => {
    const s = sessionOf(ctx, params);
    const modelId = typeof params.modelId === 'string' ? params.modelId : '';
    if (ctx.catalog.find(ctx.auth.current?.uid, modelId)) s.model = modelId;
    else ctx.log.warn(`session/set_model: unknown model ${modelId}, keeping ${s.model}`);
    return {};
  },

  /**
   * Runs the prompt; its result `{stopReason}` comes at the end of the turn (OPENCLI awaits it)
   * or, following the chat/ask result timing, never (LTC never waits for it). One prompt per
   * session at a time: a second one is refused.
   */
  'session/prompt': (ctx, peer, params, id) => {
    const session = sessionOf(ctx, params);
    if (session.running) throw new RpcError(INVALID_PARAMS, 'session is busy');
    const meta = isRecord(params._meta) ? params._meta : {};
    const requestId =
      typeof meta[REQUEST_ID] === 'string' ? (meta[REQUEST_ID] as string) : randomUUID();
    const prompt = Array.isArray(params.prompt) ? params.prompt : [];
    const question = prompt
      .flatMap((p) =>
        isRecord(p) && p.type === 'text' && typeof p.text === 'string' ? [p.text] : [],
      )
      .join('\n');
    ctx.requests.append({
      method: 'session/prompt',
      connection: peer.connectionId,
      rpcId: id ?? null,
      params,
    });
    ctx.log.info(`Async chat, request id: ${requestId} (ACP, session ${session.sessionId})`);
    const abort = new AbortController();
    session.running = abort;
    const ended = runAcpTurn({
      ctx,
      peer,
      session,
      requestId,
      question,
      signal: abort.signal,
    }).finally(() => (session.running = undefined));
    if (id === undefined || ctx.askResults.pick() === 'never') return NO_REPLY;
    return ended.then((stopReason) => ({ stopReason }));
  },

  /** ACP's cancel is a notification `{sessionId}` (L: no Lingma capture). */
  'session/cancel': (ctx, _peer, params) => {
    const s = sessionOf(ctx, params);
    s.running?.abort('stopped');
    return {};
  },

  'chat/deleteSessionById': (ctx, _peer, params) => ({
    success: table(ctx).delete(String(params.sessionId ?? params.id ?? '')),
  }),
};
