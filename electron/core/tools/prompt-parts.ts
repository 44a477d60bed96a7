/**
 * The pieces a rendered question is made of, shared by the full transcript (prompt.ts) and the
 * follow-up on a continued session (prompt-follow-up.ts): history turns in the ```tool_call /
 * ```tool_result convention, and the "current" sections (user text, instructions, tool results).
 */
import type { NeutralMessage } from '../chat/types';
import { formatToolCallBlock, formatToolResultBlock } from './convention';

export const SECTION_SEPARATOR = '\n\n';

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
export function callNames(messages: readonly NeutralMessage[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const m of messages) for (const c of m.toolCalls ?? []) names.set(c.id, c.name);
  return names;
}

/** One tool result in the convention, named when the call is known. */
export function resultBlock(m: NeutralMessage, names: Map<string, string>): string {
  const r = m.toolResult ?? { callId: '', content: m.text };
  return formatToolResultBlock({ ...r, name: r.name ?? names.get(r.callId) });
}

/** A history turn, labelled by its role; undefined for a turn that says nothing. */
export function renderMessage(m: NeutralMessage, names: Map<string, string>): string | undefined {
  if (m.role === 'user') return `[User]\n${m.text}`;
  if (m.role === 'system') return m.text.trim() ? `[System]\n${m.text}` : undefined;
  if (m.role === 'assistant') {
    const parts = [m.text.trim(), ...(m.toolCalls ?? []).map(formatToolCallBlock)].filter(Boolean);
    // An empty assistant turn says nothing and would only confuse the transcript.
    return parts.length > 0 ? `[Assistant]\n${parts.join('\n')}` : undefined;
  }
  return `[Tool result]\n${resultBlock(m, names)}`;
}

/** What to do after a history that ends with tool results or with an assistant turn. */
export function nextStep(last: NeutralMessage | undefined): string | undefined {
  if (last?.role === 'tool') {
    return '# Next step\nThe tool results above answer your latest calls. Continue the task: use them in your reply, or call more tools if needed.';
  }
  if (last?.role === 'assistant') {
    return '# Next step\nContinue your last reply from exactly where it stopped.';
  }
  return undefined;
}

export function joinUserTexts(messages: readonly NeutralMessage[]): string {
  return messages
    .filter((m) => m.role === 'user')
    .map((m) => m.text)
    .join('\n\n');
}

export function onlyUser(messages: readonly NeutralMessage[]): boolean {
  return messages.every((m) => m.role === 'user');
}

const HEADINGS: Record<NeutralMessage['role'], string> = {
  user: '# User message',
  system: '# System message',
  tool: '# Tool results',
  assistant: '# Assistant',
};

/**
 * New messages as sections, in their order: runs of user text under "# User message",
 * instructions under "# System message" and tool results under "# Tool results".
 */
export function renderSections(
  messages: readonly NeutralMessage[],
  names: Map<string, string>,
): string {
  const sections: { role: NeutralMessage['role']; texts: string[] }[] = [];
  for (const m of messages) {
    if (m.role === 'system' && !m.text.trim()) continue;
    const text = m.role === 'tool' ? resultBlock(m, names) : m.text;
    const last = sections[sections.length - 1];
    if (last?.role === m.role) last.texts.push(text);
    else sections.push({ role: m.role, texts: [text] });
  }
  return sections
    .map((s) => `${HEADINGS[s.role]}\n${s.texts.join('\n\n')}`)
    .join(SECTION_SEPARATOR);
}
