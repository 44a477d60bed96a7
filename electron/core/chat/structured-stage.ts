/**
 * Emulated structured output inside a turn. The answer text is held (a client stream cannot take
 * back text that turns out not to be the required JSON), then checked when the attempt ends:
 *
 * - valid → the extracted JSON value goes out as the message text;
 * - invalid with the one corrective retry left → nothing goes out; the engine re-asks with the
 *   validator's errors;
 * - still invalid after it → the best candidate goes out (the extracted JSON value when there is
 *   one, else the answer text) and the problems are noted in the request log, so the client's own
 *   validation reports the mismatch with the model's actual output in hand.
 *
 * An attempt that called tools is not the final answer: its text passes unchecked.
 */
import type { OutEvent } from './types';
import type { FormatChecker } from './tool-seams';

export interface StructuredOutcome {
  /** What to send now (empty when a retry follows). */
  events: OutEvent[];
  /** The corrective follow-up when a retry should run. */
  correction: string | null;
  /** Problems of an answer sent although invalid (for the request log); empty otherwise. */
  problems: string[];
}

export class StructuredStage {
  private held = '';

  constructor(private readonly checker: FormatChecker) {}

  /** Holds text events; everything else passes through in order. */
  push(events: readonly OutEvent[]): OutEvent[] {
    const out: OutEvent[] = [];
    for (const e of events) {
      if (e.type === 'text') this.held += e.text;
      else out.push(e);
    }
    return out;
  }

  /** Settles the attempt's text. */
  finish(calledTools: boolean, canRetry: boolean): StructuredOutcome {
    const text = this.held;
    this.held = '';
    if (calledTools) return { events: textEvents(text), correction: null, problems: [] };
    const verdict = this.checker.check(text);
    if (verdict.ok)
      return { events: textEvents(verdict.json ?? text), correction: null, problems: [] };
    if (canRetry)
      return { events: [], correction: this.checker.correction(verdict.problems), problems: [] };
    return {
      events: textEvents(verdict.json ?? text.trim()),
      correction: null,
      problems: verdict.problems,
    };
  }
}

function textEvents(text: string): OutEvent[] {
  return text ? [{ type: 'text', text }] : [];
}
