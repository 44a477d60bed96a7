/**
 * How the simulator reads a `chat/ask` (§8.1, §13.8, §13.9). The enum values are the ones the
 * decompiled plugin declares (CLAW) plus `normal`, which ZC saw live. Anything else is answered as
 * plain chat and logged: what the real binary does with it is unknown (L), so the simulator takes
 * the stricter reading — an unknown value never unlocks agent behaviour.
 */
import type { SimLog } from './sim-log.js';

/** SessionTypeEnum (CLAW); also the scene names of config/queryModels (§7). */
export const SESSION_TYPES = new Set(['chat', 'developer', 'assistant', 'inline']);
/** ModeService values (CLAW) plus `normal` (ZC log `ChatMode: normal`). */
export const MODES = new Set(['chat', 'normal', 'edit', 'agent']);
/** ChatTaskEnum (CLAW). There is no `chat` value. */
export const CHAT_TASKS = new Set([
  'FREE_INPUT',
  'EXPLAIN_CODE',
  'CODE_GENERATE_COMMENT',
  'OPTIMIZE_CODE',
  'GENERATE_TESTCASE',
  'TERMINAL_COMMAND_GENERATION',
  'TERMINAL_EXPLAIN_FIX',
  'DESCRIPTION_GENERATE_CODE',
  'CODE_PROBLEM_SOLVE',
  'DOCUMENT_TRANSLATE',
  'SEARCH_TITLE_ASK',
  'ERROR_INFO_ASK',
  'INLINE_CHAT',
  'INLINE_EDIT',
  'AI_DEVELOPER_TASK',
  'AI_ASSISTANT_AGENT_TASK',
  'REPLY_TASK',
]);

export interface AskShape {
  /** The scene the turn's model comes from ('chat' when the value is unknown). */
  sessionType: string;
  mode: string;
  chatTask: string;
  /** Tool steps run only here: mode agent + sessionType assistant|developer (PAA, CLAW; M/L). */
  agentic: boolean;
  /** isReply true: the turn may continue the session it names (PRED; M). */
  isReply: boolean;
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export function readAsk(params: Record<string, unknown>, log: SimLog): AskShape {
  const rawType = text(params.sessionType);
  const rawMode = text(params.mode);
  const chatTask = text(params.chatTask);
  let known = true;
  if (!SESSION_TYPES.has(rawType)) {
    log.warn(`unknown sessionType: ${JSON.stringify(rawType)}, answering as plain chat`);
    known = false;
  }
  if (!MODES.has(rawMode)) {
    log.warn(`unknown mode: ${JSON.stringify(rawMode)}, answering as plain chat`);
    known = false;
  }
  if (!CHAT_TASKS.has(chatTask)) {
    log.warn(`unknown chatTask: ${JSON.stringify(chatTask)}, answering as plain chat`);
    known = false;
  } else if (chatTask === 'REPLY_TASK') {
    // Only ever seen as a history-record label (CLAW); it is not what continues a session (L).
    log.warn('chatTask REPLY_TASK is unverified on a live turn; treated like any other task');
  }
  const extra = params.extra;
  const extraType =
    typeof extra === 'object' && extra !== null
      ? (extra as Record<string, unknown>).sessionType
      : '';
  if (typeof extraType === 'string' && extraType !== '' && extraType !== rawType) {
    log.warn(
      `extra.sessionType ${extraType} differs from sessionType ${rawType}; using the latter`,
    );
  }
  const sessionType = known && SESSION_TYPES.has(rawType) ? rawType : 'chat';
  const agentic =
    known && rawMode === 'agent' && (rawType === 'assistant' || rawType === 'developer');
  return {
    sessionType,
    mode: known ? rawMode : 'chat',
    chatTask,
    agentic,
    isReply: params.isReply === true,
  };
}
