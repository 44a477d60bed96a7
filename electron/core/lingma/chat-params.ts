/**
 * Builds `chat/ask` params exactly as the protocol notes list the ChatAskParam POJO (§8.1). All 17
 * fields are always present because the binary is a Go program decoding into a struct: a missing
 * field is a zero value there, but an explicit "" / null keeps us identical to what ZC sent live.
 */
import { randomBytes } from 'node:crypto';
import type { ChatRequest } from './types';

/** A fresh 32-hex request id (a dash-less UUID in the binary's own traffic). */
export function newRequestId(): string {
  return randomBytes(16).toString('hex');
}

export interface ChatAskOptions {
  /**
   * `chatTask` for follow-up turns. The plugin stores follow-ups as REPLY_TASK records (CLAW);
   * ZC only ever sent FREE_INPUT. Configurable because the real binary was never tested here.
   */
  replyChatTask?: 'REPLY_TASK' | 'FREE_INPUT';
}

/** The params object for `chat/ask`. */
export function buildChatAskParams(
  request: ChatRequest,
  requestId: string,
  options: ChatAskOptions = {},
): Record<string, unknown> {
  const mode = request.mode ?? 'chat';
  const isReply = Boolean(request.isReply && request.sessionId);
  const sessionType = mode === 'agent' ? 'agent' : 'chat';
  return {
    requestId,
    chatTask: isReply ? (options.replyChatTask ?? 'REPLY_TASK') : 'FREE_INPUT',
    chatContext: null,
    sessionId: request.sessionId ?? '',
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
