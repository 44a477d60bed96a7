import { randomUUID } from 'node:crypto';
import type { MethodTable } from './methods.js';
import { askResult } from './ask-result.js';
import { INVALID_PARAMS, NO_REPLY, RpcError } from './rpc-types.js';
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
  /**
   * Starts the turn at once (its first push leaves before the result, §13.5) and answers
   * according to the result timing (§13.4). As a notification it runs the same way (PRED; H).
   */
  'chat/ask': (ctx, peer, params, id) => {
    const requestId =
      typeof params.requestId === 'string' && params.requestId !== ''
        ? params.requestId
        : randomUUID().replaceAll('-', '');
    const timing = id === undefined ? 'notification' : ctx.askResults.pick();
    ctx.requests.append({
      method: 'chat/ask',
      connection: peer.connectionId,
      rpcId: id ?? null,
      resultTiming: timing,
      params,
    });
    ctx.log.info(
      `doAsk params.SessionType: ${String(params.sessionType ?? '')}, ChatMode: ${String(params.mode ?? '')}`,
    );
    ctx.log.info(`Async chat, request id: ${requestId} (result: ${timing})`);
    const ended = ctx.turns.start({
      requestId,
      sessionId: '',
      requestedSessionId: typeof params.sessionId === 'string' ? params.sessionId : '',
      peer,
      params,
      abort: new AbortController(),
    });
    if (timing === 'never') return NO_REPLY;
    if (timing === 'after-finish') return ended.then(() => askResult(requestId));
    return askResult(requestId);
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
