/**
 * Where a turn's reasoning goes (§8.2, §13.11). Besides `chat/think`, the plugin renders two
 * in-band forms inside `chat/answer` (CLAW; M) and the QoderCN binary really streams one of them
 * (PAA; H on QoderCN): a four-backtick fence whose info string is `think::` plus the thinking time
 * in ms or the unsubstituted `{THINK_TIME}`, and `<think>…</think>`. Which one Lingma uses is
 * unknown (L), so the default cycles through all of them. The text is streamed in small deltas, so
 * every marker ends up split across deltas somewhere.
 */
import type { ReasoningForm, ReasoningMode } from './strict-options.js';

const FENCE = '````';
/** The forms `mixed` cycles through. `unclosed` only on request: it leaves no visible answer. */
const CYCLE: ReasoningForm[] = ['think', 'fence', 'tags', 'fence-ms'];

export class ReasoningPicker {
  private next = 0;

  constructor(private readonly mode: ReasoningMode) {}

  /** The form for the next reasoning turn (a scenario rule may name one). */
  pick(ruleForm: ReasoningForm | undefined): ReasoningForm {
    if (ruleForm) return ruleForm;
    if (this.mode !== 'mixed') return this.mode;
    const form = CYCLE[this.next % CYCLE.length] as ReasoningForm;
    this.next += 1;
    return form;
  }
}

/**
 * The answer-text prefix carrying `thinking` for an in-band form, or undefined for `think` (which
 * uses chat/think). PAA's markers: newline + fence + `think::{THINK_TIME}` + newline to open,
 * newline + fence + newline to close. `unclosed` never closes: the turn finishes inside the fence.
 */
export function inBandReasoning(form: ReasoningForm, thinking: string): string | undefined {
  switch (form) {
    case 'think':
      return undefined;
    case 'fence':
      return `\n${FENCE}think::{THINK_TIME}\n${thinking}\n${FENCE}\n`;
    case 'fence-ms':
      return `\n${FENCE}think::${1200 + thinking.length}\n${thinking}\n${FENCE}\n`;
    case 'tags':
      return `<think>${thinking}</think>\n\n`;
    case 'unclosed':
      return `\n${FENCE}think::{THINK_TIME}\n${thinking}`;
  }
}
