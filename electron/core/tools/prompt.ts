/**
 * Renders a NeutralRequest into the single `questionText` Lingma receives. Lingma sees one user
 * message per turn, so a full request becomes a readable transcript: system instructions, the tool
 * block (when tools are offered), the conversation so far with calls and results written in the
 * ```tool_call / ```tool_result convention, and the current user message last. A lone user message
 * with no system and no tools renders as just its text, so simple chats look natural to the model.
 * Rendering is deterministic: the same request always gives the same text.
 *
 * A continued session gets only what is new (prompt-follow-up.ts).
 */
import type { NeutralMessage, NeutralRequest } from '../chat/types';
import { renderToolBlock, toolsOffered } from './prompt-tools';
import {
  callNames,
  joinUserTexts,
  nextStep,
  onlyUser,
  renderMessage,
  renderSections,
  SECTION_SEPARATOR,
  splitCurrent,
} from './prompt-parts';
import { renderFormatBlock } from './structured-output/format-prompt';
import { fitHistory, UNIT_SEPARATOR, type HistoryUnit } from './prompt-truncate';

export { renderFollowUp, type FollowUpOptions } from './prompt-follow-up';
export { splitCurrent } from './prompt-parts';

/** Default character budget of a rendered question (configurable per call). */
export const DEFAULT_MAX_PROMPT_CHARS = 120_000;

export interface RenderOptions {
  /**
   * Beyond this size the oldest middle turns are dropped; the size is characters unless
   * `measure` says otherwise.
   */
  maxChars?: number;
  /** How the budget is counted (e.g. estimated tokens); never more than the character count. */
  measure?: (text: string) => number;
}

export interface RenderedPrompt {
  text: string;
  /** History messages dropped to fit the budget (0 when nothing was dropped). */
  omittedMessages: number;
  /** Still longer than the budget after dropping everything droppable. */
  overBudget: boolean;
  /** The text's size by `measure`, when it had to be measured (the text was near the budget). */
  size?: number;
}

const HISTORY_HEADING = '# Conversation so far\n';

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

/** The full question with truncation details (for the request log and the context budget). */
export function renderPromptDetailed(
  req: NeutralRequest,
  opts: RenderOptions = {},
): RenderedPrompt {
  const budget = opts.maxChars ?? DEFAULT_MAX_PROMPT_CHARS;
  const measure = opts.measure ?? ((t: string) => t.length);
  // A size never exceeds the character count, so a text within the budget in characters fits
  // without being measured (the common case costs nothing).
  const sized = (text: string, omittedMessages = 0): RenderedPrompt => {
    if (text.length <= budget) return { text, omittedMessages, overBudget: false };
    const size = measure(text);
    return { text, omittedMessages, overBudget: size > budget, size };
  };
  const offered = toolsOffered(req.tools, req.toolChoice);
  const system = req.system.trim();
  const { history, current } = splitCurrent(req.messages);
  const format = req.responseFormat ? renderFormatBlock(req.responseFormat) : undefined;
  if (!system && !offered && !format && history.length === 0 && onlyUser(current)) {
    return sized(joinUserTexts(current));
  }

  const head: string[] = [];
  if (system) head.push(`# System instructions\n${system}`);
  if (offered) head.push(renderToolBlock(req.tools, req.toolChoice));
  const names = callNames(req.messages);
  const tail =
    current.length > 0 ? renderSections(current, names) : nextStep(history[history.length - 1]);
  const units = historyUnits(history, names);
  // The format comes last: the instruction closest to the answer is the one models keep.
  const assemble = (parts: readonly string[] | undefined): string =>
    [
      ...head,
      ...(parts ? [HISTORY_HEADING + parts.join(UNIT_SEPARATOR)] : []),
      ...(tail ? [tail] : []),
      ...(format ? [format] : []),
    ].join(SECTION_SEPARATOR);

  if (units.length === 0) return sized(assemble(undefined));
  const whole = sized(assemble(units.map((u) => u.text)));
  if (!whole.overBudget) return whole;
  const fixed = measure(assemble([]));
  const pinFirst = history.find((m) => renderMessage(m, new Map()) !== undefined)?.role === 'user';
  const fitted = fitHistory(units, fixed, budget, pinFirst, measure);
  // A cut question is always measured: what a session holds after it is its size, not the
  // request's.
  const text = assemble(fitted.parts);
  const size = measure(text);
  return { text, omittedMessages: fitted.omittedMessages, overBudget: size > budget, size };
}

/** The full question Lingma receives for `req` (see renderPromptDetailed). */
export function renderPrompt(req: NeutralRequest, opts: RenderOptions = {}): string {
  return renderPromptDetailed(req, opts).text;
}
