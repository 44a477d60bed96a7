/**
 * When the `chat/ask` result goes out (§8.1, §13.4). ZC saw it at once on 2.11.1 (H); PRED's
 * Marketplace build held it ~30 s, so PRED stopped waiting and sent chat/ask as a notification
 * (M). The simulator offers the three readings — immediate, only after chat/finish, never — and by
 * default cycles through them request by request, so a client that waits for the result, or trips
 * over it arriving late or not at all, fails somewhere in every suite.
 */
import type { AskResultMode } from './strict-options.js';

export type AskResultTiming = Exclude<AskResultMode, 'mixed'>;

const CYCLE: AskResultTiming[] = ['immediate', 'after-finish', 'never'];

export class AskResultPicker {
  private next = 0;

  constructor(private readonly mode: AskResultMode) {}

  pick(): AskResultTiming {
    if (this.mode !== 'mixed') return this.mode;
    const timing = CYCLE[this.next % CYCLE.length] as AskResultTiming;
    this.next += 1;
    return timing;
  }
}

/** ChatAskResult: `{requestId, errorMessage, isSuccess, status}` (CLAW) plus ZC's `success`. */
export function askResult(requestId: string): Record<string, unknown> {
  return { requestId, isSuccess: true, success: true, status: 'ok', errorMessage: '' };
}
