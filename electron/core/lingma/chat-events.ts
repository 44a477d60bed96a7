/**
 * Pure mapping from the binary's streamed chat pushes (§8.2, §9) to ChatEvents. The runner owns
 * routing and timing; these functions only read params and the turn's running answer.
 */
import { asRecord, num, str } from './client-parsers';
import { classifyFinish, parseResetAt } from './finish';
import { LingmaError, type ChatEvent, type UpstreamToolMessage } from './types';

export type FinishEvent = Extract<ChatEvent, { type: 'finish' }>;

/** Pushes that belong to a chat turn and are routed to it. */
export const TURN_METHODS = [
  'chat/answer',
  'chat/think',
  'chat/process_step_callback',
  'session/title/update',
  'tool/call/sync',
  'tool/invoke',
  'chat/finish',
] as const;

/** What the turn knows while it streams. */
export interface TurnView {
  sessionId: string;
  answer: string;
}

/** A tool message as the tools layer wants it (§9), in either direction. */
export function toolMessage(
  method: string,
  params: Record<string, unknown>,
  direction: 'in' | 'out',
  at: number,
): ChatEvent {
  const message: UpstreamToolMessage = { method, params, direction, at };
  return { type: 'tool', message };
}

export function thinkEvent(p: Record<string, unknown>): ChatEvent | undefined {
  const text = str(p.text) ?? '';
  const step = str(p.step);
  if (text === '' && !step) return undefined;
  return step ? { type: 'think', text, step } : { type: 'think', text };
}

export function stepEvent(p: Record<string, unknown>): ChatEvent {
  const description = str(p.description) || str(p.message);
  const ev: ChatEvent = { type: 'step', step: str(p.step) ?? '', status: str(p.status) ?? '' };
  return description ? { ...ev, description } : ev;
}

export function titleEvent(p: Record<string, unknown>, view: TurnView): ChatEvent {
  return {
    type: 'title',
    sessionId: str(p.sessionId) || view.sessionId,
    title: str(p.sessionTitle) ?? str(p.title) ?? '',
  };
}

/** A real `chat/finish`. A missing statusCode counts as success: the turn did end normally. */
export function finishEvent(p: Record<string, unknown>, view: TurnView, now: number): FinishEvent {
  const extra = asRecord(p.extra);
  const statusCode = num(p.statusCode) ?? 200;
  const ev: FinishEvent = {
    type: 'finish',
    sessionId: str(p.sessionId) || view.sessionId,
    statusCode,
    reason: str(p.reason) ?? '',
    fullAnswer: str(p.fullAnswer) || view.answer,
    synthetic: false,
  };
  if (Object.keys(extra).length > 0) ev.extra = extra;
  const resetAt = statusCode === 200 ? undefined : parseResetAt(extra, now);
  if (resetAt !== undefined) ev.resetAt = resetAt;
  return ev;
}

/** The end inferred from `step_end` + silence (§8.2: the binary may never send chat/finish). */
export function syntheticFinish(view: TurnView, stepEnd: Record<string, unknown>): FinishEvent {
  const failed = str(stepEnd.status) === 'error';
  return {
    type: 'finish',
    sessionId: view.sessionId,
    statusCode: failed ? 500 : 200,
    reason: failed
      ? str(stepEnd.message) || str(stepEnd.description) || 'step_end error'
      : 'step_end',
    fullAnswer: view.answer,
    synthetic: true,
  };
}

/**
 * The `chat/ask` ack only means "accepted". A refusal (`success`/`isSuccess` false — the notes
 * accept either name, §8.1) becomes the turn's error, classified like a finish reason.
 */
export function ackFailure(ack: unknown): LingmaError | undefined {
  const r = asRecord(ack);
  if (r.success !== false && r.isSuccess !== false) return undefined;
  const message = str(r.errorMessage) || str(r.errorMsg) || 'chat/ask was refused';
  const statusCode = num(r.status) ?? 0;
  const kind = classifyFinish(statusCode, message).kind;
  // The status travels along so the chat core judges a refusal by the same rules as a finish.
  return new LingmaError(`chat/ask refused: ${message}`, kind === 'ok' ? 'upstream_error' : kind, {
    ack: r,
    statusCode,
  });
}
