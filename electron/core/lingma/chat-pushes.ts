/**
 * One streamed push of a live turn → the events it produces (§8.2, §9), with reasoning split out
 * of answers, tool states normalised to the upper-case enum, and the end of the turn flagged.
 */
import { finishEvent, stepEvent, thinkEvent, titleEvent, toolMessage } from './chat-events';
import type { TurnState } from './chat-turn-state';
import { str } from './client-parsers';
import { InlineReasoningSplitter } from './inline-reasoning';
import type { ChatEvent } from './types';

export interface PushOutcome {
  events: ChatEvent[];
  /** A tool call this turn now owns (routing of later messages without requestId). */
  toolCallId?: string;
  /** A tool waiting for confirmation (`tool/call/sync` PENDING). */
  approve?: { toolCallId: string; sessionId: string };
  /** chat/finish: the turn is over. */
  finished?: boolean;
}

/**
 * ToolCallStatusEnum names are upper case (CLAW; M); PRED's notes say `pending|processing` (a
 * plan, not a capture; L). Compared case-insensitively and passed on upper-cased.
 */
export function toolCallState(p: Record<string, unknown>): string {
  return (str(p.toolCallStatus) ?? '').toUpperCase();
}

export function pushEvents(
  method: string,
  p: Record<string, unknown>,
  t: TurnState,
  now: number,
): PushOutcome {
  switch (method) {
    case 'chat/answer':
      t.learnSession(p);
      return { events: t.answerEvents(str(p.text) ?? '', p.overwrite === true) };
    case 'chat/think': {
      t.learnSession(p);
      const ev = thinkEvent(p);
      return { events: ev ? [ev] : [] };
    }
    case 'chat/process_step_callback':
      t.learnSession(p);
      if (str(p.step) === 'step_end') t.stepEnd = p;
      return { events: [stepEvent(p)] };
    case 'session/title/update':
      t.learnSession(p);
      return { events: [titleEvent(p, t)] };
    case 'tool/call/sync':
      return toolSync(p, t, now);
    case 'chat/finish':
      return { events: finishEvents(p, t, now), finished: true };
    default:
      return { events: [] };
  }
}

function toolSync(p: Record<string, unknown>, t: TurnState, now: number): PushOutcome {
  const state = toolCallState(p);
  if (state === 'REQUEST_FINISHED') {
    // Closes every card of the request (CLAW; M for the value): not a tool call of its own.
    t.requestFinished = true;
    return { events: [] };
  }
  const params = state ? { ...p, toolCallStatus: state } : p;
  const toolCallId = t.noteToolCall(p);
  const out: PushOutcome = { events: [toolMessage('tool/call/sync', params, 'in', now)] };
  if (toolCallId) out.toolCallId = toolCallId;
  if (toolCallId && state === 'PENDING') {
    out.approve = { toolCallId, sessionId: str(p.sessionId) ?? '' };
  }
  return out;
}

/**
 * The end of the answer, then the finish. Reasoning is stripped from `fullAnswer` (it may hold the
 * fence, §8.2); when nothing was streamed, the finish's answer is played out as events first.
 */
function finishEvents(p: Record<string, unknown>, t: TurnState, now: number): ChatEvent[] {
  t.learnSession(p);
  const events = t.flushAnswer();
  const full = InlineReasoningSplitter.split(str(p.fullAnswer) ?? '');
  if (t.answer === '' && t.thinkSent === '' && (full.text || full.think)) {
    if (full.think) events.push({ type: 'think', text: full.think });
    if (full.text) events.push({ type: 'text', text: full.text, overwrite: false });
    t.answer = full.text;
  }
  events.push(finishEvent({ ...p, fullAnswer: full.text }, t, now));
  return events;
}
