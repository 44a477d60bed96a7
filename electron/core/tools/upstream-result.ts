/**
 * Status ordering and result text for upstream (Lingma agent) tool calls. Kept apart from the
 * merger so the rules — which status wins, what a client sees as the tool's result — read in one
 * place.
 */
import type { ToolCallStatus } from '../logs/types';
import { isJsonObject } from './lenient-json';

const TERMINAL = new Set(['FINISHED', 'ERROR', 'CANCELLED', 'REQUEST_FINISHED']);
const RANK: Record<string, number> = { INIT: 0, PENDING: 1, RUNNING: 2 };

/** A status after which the tool does nothing more. */
export function isTerminalStatus(status: ToolCallStatus | undefined): boolean {
  return status !== undefined && TERMINAL.has(status);
}

/**
 * Whether `next` may replace `current`. Statuses only move forward (a late PENDING sync must not
 * reopen a finished call) and the first terminal status sticks. Unknown statuses from a newer
 * binary rank with RUNNING.
 */
export function statusAdvances(current: ToolCallStatus | undefined, next: ToolCallStatus): boolean {
  if (current === undefined) return true;
  if (isTerminalStatus(current)) return false;
  if (isTerminalStatus(next)) return true;
  return (RANK[next] ?? 2) >= (RANK[current] ?? 2);
}

/** What the tool call produced, as far as the merger knows it. */
export interface ResultInputs {
  status?: ToolCallStatus;
  results?: unknown;
  error?: string;
  approval?: boolean;
  invokeResult?: { success: boolean; errorMessage?: string; result?: unknown };
}

function hasValue(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isJsonObject(v)) return Object.keys(v).length > 0;
  return v !== '';
}

/** Text of a `results` array (`[{content}]` items are joined) or of any other value. */
export function resultText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const texts = value.map((item) =>
      typeof item === 'string'
        ? item
        : isJsonObject(item) && typeof item.content === 'string' && Object.keys(item).length === 1
          ? item.content
          : undefined,
    );
    if (texts.every((t): t is string => t !== undefined)) return texts.join('\n');
  }
  return JSON.stringify(value);
}

/**
 * The result a client sees, or undefined while the call has none yet. Failure wins (ERROR or
 * CANCELLED status, a rejected approval, an invoke result with `success:false`); then the binary's
 * own `results`; then an invoke result's value; a FINISHED call without any output has empty text.
 */
export function bridgedResult(s: ResultInputs): { content: string; isError: boolean } | undefined {
  const failed =
    s.status === 'ERROR' ||
    s.status === 'CANCELLED' ||
    s.approval === false ||
    (s.invokeResult?.success === false && !hasValue(s.results));
  if (failed) {
    const cancelled = s.status === 'CANCELLED' || s.approval === false;
    const fallback = cancelled ? 'the tool call was cancelled' : 'the tool call failed';
    const content =
      s.error ||
      s.invokeResult?.errorMessage ||
      (hasValue(s.results) ? resultText(s.results) : '') ||
      (hasValue(s.invokeResult?.result) ? resultText(s.invokeResult?.result) : '') ||
      fallback;
    return { content, isError: true };
  }
  if (hasValue(s.results)) return { content: resultText(s.results), isError: false };
  if (s.invokeResult) return { content: resultText(s.invokeResult.result), isError: false };
  if (isTerminalStatus(s.status)) return { content: '', isError: false };
  return undefined;
}
