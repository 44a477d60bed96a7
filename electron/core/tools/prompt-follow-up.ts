/**
 * The question for a continued Lingma session. The session already holds the system
 * instructions, the tool block and every earlier turn (Lingma keeps the conversation per session,
 * PRED; §8.1 "Follow-up turns", M), so only what is new goes up: the results of the calls the
 * model just made, in the same ```tool_result convention the tool block announced, any new user
 * message or instruction, and what to do next. A plain new user message stays just its text.
 */
import type { NeutralMessage, NeutralRequest, ToolChoice } from '../chat/types';
import {
  callNames,
  joinUserTexts,
  nextStep,
  onlyUser,
  renderSections,
  SECTION_SEPARATOR,
  splitCurrent,
} from './prompt-parts';
import { renderFormatBlock } from './structured-output/format-prompt';

export interface FollowUpOptions {
  /** The messages the upstream session has not seen; default: the trailing user messages. */
  newMessages?: readonly NeutralMessage[];
}

/**
 * `tool_choice` for this reply when it is not the default. The session's tool block stated the
 * first request's choice "for this reply", so a later request only needs a line when it demands
 * something (or forbids calls).
 */
function choiceLine(tools: number, choice: ToolChoice): string | undefined {
  if (tools === 0) return undefined;
  switch (choice.type) {
    case 'required':
      return '# Tool use\nIn this reply you MUST call at least one tool.';
    case 'tool':
      return `# Tool use\nIn this reply you MUST call the tool "${choice.name}".`;
    case 'none':
      return '# Tool use\nIn this reply, do not call any tool.';
    default:
      return undefined;
  }
}

/** Only the new messages, plus what this reply must do (tool choice, response format). */
export function renderFollowUp(req: NeutralRequest, opts: FollowUpOptions = {}): string {
  const messages = opts.newMessages ?? splitCurrent(req.messages).current;
  const extra = [
    choiceLine(req.tools.length, req.toolChoice),
    req.responseFormat ? renderFormatBlock(req.responseFormat) : undefined,
  ].filter((s): s is string => s !== undefined);
  if (onlyUser(messages) && extra.length === 0) return joinUserTexts(messages);
  const parts = [renderSections(messages, callNames(req.messages))];
  const last = messages[messages.length - 1];
  if (last?.role === 'tool') parts.push(nextStep(last) as string);
  return [...parts.filter(Boolean), ...extra].join(SECTION_SEPARATOR);
}
