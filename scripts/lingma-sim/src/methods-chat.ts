import { randomUUID } from 'node:crypto';
import type { MethodTable } from './methods.js';
import { INVALID_PARAMS, RpcError } from './rpc-types.js';
import type { ChatSession } from './sessions.js';

function sessionIdOf(params: Record<string, unknown>): string {
  const id = params.sessionId ?? params.id;
  if (typeof id !== 'string' || id === '')
    throw new RpcError(INVALID_PARAMS, 'sessionId is required');
  return id;
}

function summary(s: ChatSession): Record<string, unknown> {
  return {
    sessionId: s.sessionId,
    sessionTitle: s.title,
    gmtCreate: s.createdAt,
    gmtModified: s.updatedAt,
    chatRecordCount: s.records.length,
  };
}

export const chatMethods: MethodTable = {
  /** Accepted at once ("accepted", not "done"); the turn is pushed afterwards. */
  'chat/ask': (ctx, peer, params, id) => {
    const requestId =
      typeof params.requestId === 'string' && params.requestId !== ''
        ? params.requestId
        : randomUUID().replaceAll('-', '');
    ctx.requests.append({
      method: 'chat/ask',
      connection: peer.connectionId,
      rpcId: id ?? null,
      params,
    });
    ctx.log.info(
      `doAsk params.SessionType: ${String(params.sessionType ?? '')}, ChatMode: ${String(params.mode ?? '')}`,
    );
    ctx.log.info(`Async chat, request id: ${requestId}`);
    ctx.turns.enqueue({
      requestId,
      sessionId: '',
      requestedSessionId: typeof params.sessionId === 'string' ? params.sessionId : '',
      peer,
      params,
      abort: new AbortController(),
    });
    return { requestId, isSuccess: true, success: true, status: 'ok', errorMessage: '' };
  },

  /** Ends matching turns (running or queued) with chat/finish statusCode 499, reason "stopped". */
  'chat/stop': (ctx, _peer, params) => {
    const requestId = typeof params.requestId === 'string' ? params.requestId : undefined;
    const sessionId = typeof params.sessionId === 'string' ? params.sessionId : undefined;
    const stopped = ctx.turns.stop({ requestId, sessionId });
    ctx.log.info(`chat/stop ${JSON.stringify(params)}: ${stopped} turn(s) stopped`);
    return { success: stopped > 0 };
  },

  'chat/listAllSessions': (ctx) => ctx.sessions.list().map(summary),

  'chat/getSessionById': (ctx, _peer, params) => {
    const session = ctx.sessions.get(sessionIdOf(params));
    if (!session) return null;
    return {
      ...summary(session),
      chatRecords: session.records.map((r) => ({
        requestId: r.requestId,
        question: r.question,
        answer: r.answer,
        modelKey: r.modelKey,
        gmtCreate: r.createdAt,
        chatTask: 'REPLY_TASK',
      })),
    };
  },

  'chat/deleteSessionById': (ctx, _peer, params) => ({
    success: ctx.sessions.delete(sessionIdOf(params)),
  }),
};
