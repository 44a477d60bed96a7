/**
 * Builds `chat/ask` params exactly as the protocol notes list the ChatAskParam POJO (§8.1). All 17
 * fields are always present because the binary is a Go program decoding into a struct: a missing
 * field is a zero value there, but an explicit "" / null keeps us identical to what ZC sent live.
 */
import { randomUUID } from 'node:crypto';
import type { ChatRequest } from './types';

/** A fresh 32-hex request id (a dash-less UUID in the binary's own traffic). */
export function newRequestId(): string {
  // randomUUID draws from a cached pool of random bytes: no system call per turn.
  return randomUUID().replace(/-/g, '');
}

/** The two SessionTypeEnum values that carry agent mode (§8.1). */
export type AgentSessionType = 'assistant' | 'developer';

export interface ChatAskOptions {
  /**
   * `sessionType` of agent turns. `assistant` is what PAA ran live (on QoderCN); `developer` is
   * the JetBrains AI-developer panel (CLAW) and PRED's first version. Neither effect is proven on
   * Lingma (L), so it is a setting; `agent` is not an enum value and is never sent.
   */
  agentSessionType?: AgentSessionType;
}

/** The `sessionType` (= model scene, §7) a request runs in. */
export function sessionTypeFor(
  mode: ChatRequest['mode'],
  options: ChatAskOptions = {},
): 'chat' | AgentSessionType {
  return mode === 'agent' ? (options.agentSessionType ?? 'assistant') : 'chat';
}

/** The params object for `chat/ask`. */
export function buildChatAskParams(
  request: ChatRequest,
  requestId: string,
  options: ChatAskOptions = {},
): Record<string, unknown> {
  const mode = request.mode ?? 'chat';
  // A follow-up is FREE_INPUT + isReply + the sessionId a chat/finish returned: the only form a
  // client ever ran against the binary (PRED, production; M). REPLY_TASK is never sent (L).
  const isReply = Boolean(request.isReply && request.sessionId);
  // Agent mode is `mode: "agent"` with an agent sessionType (PAA, CLAW; M for the values).
  const sessionType = sessionTypeFor(mode, {
    agentSessionType: request.agentSessionType ?? options.agentSessionType,
  });
  return {
    requestId,
    chatTask: 'FREE_INPUT',
    chatContext: null,
    // "" for a new session (ZC); the id to reuse is always the one chat/finish returned.
    sessionId: isReply ? request.sessionId : '',
    codeLanguage: '',
    isReply,
    source: 1,
    questionText: request.questionText,
    stream: true,
    taskDefinitionType: '',
    extra: {
      modelConfig: { key: request.modelKey ?? '' },
      context: [],
      sessionType,
    },
    sessionType,
    targetAgent: '',
    pluginPayloadConfig: { isEnableAutoMemory: false },
    mode,
    shellType: '',
    customModel: null,
  };
}
