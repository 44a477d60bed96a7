/**
 * Renders a NeutralRequest into the single `questionText` Lingma receives. Lingma sees one user
 * message per turn, so a full request becomes a readable transcript: system instructions, the tool
 * block (when tools are offered), the conversation so far with calls and results written in the
 * ```tool_call / ```tool_result convention, and the current user message last. A lone user message
 * with no system and no tools renders as just its text, so simple chats look natural to the model.
 * Rendering is deterministic: the same request always gives the same text.
 */
import type { NeutralMessage, NeutralRequest } from '../chat/types';
import { formatToolCallBlock, formatToolResultBlock } from './convention';
import { renderToolBlock, toolsOffered } from './prompt-tools';
import { renderFormatBlock } from './structured-output/format-prompt';
import { fitHistory, UNIT_SEPARATOR, type HistoryUnit } from './prompt-truncate';

/** Default character budget of a rendered question (configurable per call). */
export const DEFAULT_MAX_PROMPT_CHARS = 120_000;

export interface RenderOptions {
  /** Beyond this many characters the oldest middle turns are dropped. */
  maxChars?: number;
}

export interface FollowUpOptions {
  /** The messages the upstream session has not seen; default: the trailing user messages. */
  newMessages?: readonly NeutralMessage[];
}

export interface RenderedPrompt {
  text: string;
  /** History messages dropped to fit the budget (0 when nothing was dropped). */
  omittedMessages: number;
  /** Still longer than the budget after dropping everything droppable. */
  overBudget: boolean;
}

const SECTION_SEPARATOR = '\n\n';
const HISTORY_HEADING = '# Conversation so far\n';

/** The messages that make up "the current request": user turns and instructions between them. */
function isCurrentRole(m: NeutralMessage | undefined): boolean {
  return m?.role === 'user' || m?.role === 'system';
}

/**
 * Splits off the trailing user (and mid-conversation system) messages: they are the current
 * request, the rest is history.
 */
export function splitCurrent(messages: readonly NeutralMessage[]): {
  history: NeutralMessage[];
  current: NeutralMessage[];
} {
  let start = messages.length;
  while (start > 0 && isCurrentRole(messages[start - 1])) start -= 1;
  return { history: messages.slice(0, start), current: messages.slice(start) };
}

/** Call id → tool name, for results whose protocol does not repeat the name (Anthropic). */
function callNames(messages: readonly NeutralMessage[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const m of messages) for (const c of m.toolCalls ?? []) names.set(c.id, c.name);
  return names;
}

function renderMessage(m: NeutralMessage, names: Map<string, string>): string | undefined {
  if (m.role === 'user') return `[User]\n${m.text}`;
  if (m.role === 'system') return m.text.trim() ? `[System]\n${m.text}` : undefined;
  if (m.role === 'assistant') {
    const parts = [m.text.trim(), ...(m.toolCalls ?? []).map(formatToolCallBlock)].filter(Boolean);
    // An empty assistant turn says nothing and would only confuse the transcript.
    return parts.length > 0 ? `[Assistant]\n${parts.join('\n')}` : undefined;
  }
  const r = m.toolResult ?? { callId: '', content: m.text };
  const name = r.name ?? names.get(r.callId);
  return `[Tool result]\n${formatToolResultBlock({ ...r, name })}`;
}

/** Groups history into droppable units: tool results stay with the assistant turn that called. */
function historyUnits(
  history: readonly NeutralMessage[],
  names: Map<string, string>,
): HistoryUnit[] {
  const units: HistoryUnit[] = [];
  for (const m of history) {
    const text = renderMessage(m, names);
    if (text === undefined) continue;
    const last = units[units.length - 1];
    if (m.role === 'tool' && last) {
      last.text += UNIT_SEPARATOR + text;
      last.messages += 1;
    } else {
      units.push({ text, messages: 1 });
    }
  }
  return units;
}

function nextStep(last: NeutralMessage | undefined): string | undefined {
  if (last?.role === 'tool') {
    return '# Next step\nThe tool results above answer your latest calls. Continue the task: use them in your reply, or call more tools if needed.';
  }
  if (last?.role === 'assistant') {
    return '# Next step\nContinue your last reply from exactly where it stopped.';
  }
  return undefined;
}

function joinUserTexts(messages: readonly NeutralMessage[]): string {
  return messages
    .filter((m) => m.role === 'user')
    .map((m) => m.text)
    .join('\n\n');
}

/**
 * The current request: runs of user text under "# User message" and instructions the client put
 * between or after them under "# System message", in their order.
 */
function renderCurrent(current: readonly NeutralMessage[]): string {
  const sections: { role: NeutralMessage['role']; texts: string[] }[] = [];
  for (const m of current) {
    if (m.role === 'system' && !m.text.trim()) continue;
    const last = sections[sections.length - 1];
    if (last?.role === m.role) last.texts.push(m.text);
    else sections.push({ role: m.role, texts: [m.text] });
  }
  return sections
    .map(
      (s) =>
        `${s.role === 'system' ? '# System message' : '# User message'}\n${s.texts.join('\n\n')}`,
    )
    .join(SECTION_SEPARATOR);
}

function onlyUser(messages: readonly NeutralMessage[]): boolean {
  return messages.every((m) => m.role === 'user');
}

/** The full question with truncation details (for the request log). */
export function renderPromptDetailed(
  req: NeutralRequest,
  opts: RenderOptions = {},
): RenderedPrompt {
  const budget = opts.maxChars ?? DEFAULT_MAX_PROMPT_CHARS;
  const offered = toolsOffered(req.tools, req.toolChoice);
  const system = req.system.trim();
  const { history, current } = splitCurrent(req.messages);
  const format = req.responseFormat ? renderFormatBlock(req.responseFormat) : undefined;
  if (!system && !offered && !format && history.length === 0 && onlyUser(current)) {
    const text = joinUserTexts(current);
    return { text, omittedMessages: 0, overBudget: text.length > budget };
  }

  const head: string[] = [];
  if (system) head.push(`# System instructions\n${system}`);
  if (offered) head.push(renderToolBlock(req.tools, req.toolChoice));
  const tail = current.length > 0 ? renderCurrent(current) : nextStep(history[history.length - 1]);
  const units = historyUnits(history, callNames(req.messages));
  // The format comes last: the instruction closest to the answer is the one models keep.
  const assemble = (parts: readonly string[] | undefined): string =>
    [
      ...head,
      ...(parts ? [HISTORY_HEADING + parts.join(UNIT_SEPARATOR)] : []),
      ...(tail ? [tail] : []),
      ...(format ? [format] : []),
    ].join(SECTION_SEPARATOR);

  if (units.length === 0) {
    const text = assemble(undefined);
    return { text, omittedMessages: 0, overBudget: text.length > budget };
  }
  const fixed = assemble([]).length;
  const pinFirst = history.find((m) => renderMessage(m, new Map()) !== undefined)?.role === 'user';
  const fitted = fitHistory(units, fixed, budget, pinFirst);
  const text = assemble(fitted.parts);
  return { text, omittedMessages: fitted.omittedMessages, overBudget: text.length > budget };
}

/** The full question Lingma receives for `req` (see renderPromptDetailed). */
export function renderPrompt(req: NeutralRequest, opts: RenderOptions = {}): string {
  return renderPromptDetailed(req, opts).text;
}

/**
 * The question for a reused upstream session, which already holds the earlier turns: only the new
 * user message(s), without history or system instructions.
 */
export function renderFollowUp(req: NeutralRequest, opts: FollowUpOptions = {}): string {
  const messages = opts.newMessages ?? splitCurrent(req.messages).current;
  return onlyUser(messages) ? joinUserTexts(messages) : renderCurrent(messages);
}

/**
 * Session reuse needs a stable upstream transcript; with tools the transcript (instructions, calls,
 * results) is rebuilt every turn, so reuse stays off whenever tools or tool history are present —
 * and for structured output, whose format block only the full question carries.
 */
export function sessionReuseAllowed(req: NeutralRequest): boolean {
  if (req.tools.length > 0 || req.responseFormat) return false;
  return !req.messages.some((m) => m.role === 'tool' || (m.toolCalls?.length ?? 0) > 0);
}
