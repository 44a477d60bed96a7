/**
 * Finds the JSON value in a model's structured answer. Asked for "only JSON", models still wrap it
 * in a ```json fence or add a sentence around it; the client needs exactly the value. Tried in
 * order: the whole answer, the first fenced block, then the first balanced `{…}` / `[…]` span.
 */
import { parseLenientJson } from '../lenient-json';

export type Extracted =
  | {
      ok: true;
      value: unknown;
      /** The value as compact JSON text: what the client receives. */
      json: string;
    }
  | { ok: false; error: string };

const FENCE = /```[ \t]*(?:json|JSON|jsonc)?[ \t]*\r?\n([\s\S]*?)\r?\n?```/;

function attempt(text: string): Extracted | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const parsed = parseLenientJson(trimmed);
  if (!parsed.ok) return undefined;
  return { ok: true, value: parsed.value, json: JSON.stringify(parsed.value) };
}

/** The end (exclusive) of the balanced object or array that opens at `start`, or -1. */
function balancedEnd(s: string, start: number): number {
  const stack: string[] = [];
  let inString = false;
  let escape = false;
  for (let i = start; i < s.length; i += 1) {
    const c = s[i] as string;
    if (inString) {
      if (escape) escape = false;
      else if (c === '\\') escape = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') stack.push('}');
    else if (c === '[') stack.push(']');
    else if (c === '}' || c === ']') {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i + 1;
    }
  }
  return -1;
}

/** Start positions tried before giving up (bounds the work on pathological answers). */
const MAX_STARTS = 32;

/** The first balanced span that parses, starting from each `{` or `[` in turn. */
function firstSpan(text: string): Extracted | undefined {
  let starts = 0;
  for (let i = 0; i < text.length && starts < MAX_STARTS; i += 1) {
    const c = text[i];
    if (c !== '{' && c !== '[') continue;
    starts += 1;
    const end = balancedEnd(text, i);
    if (end < 0) continue;
    const found = attempt(text.slice(i, end));
    if (found) return found;
  }
  return undefined;
}

/** Extracts the JSON value of an answer. */
export function extractJson(answer: string): Extracted {
  const whole = attempt(answer);
  if (whole) return whole;
  const fenced = FENCE.exec(answer);
  if (fenced?.[1] !== undefined) {
    const inner = attempt(fenced[1]);
    if (inner) return inner;
  }
  const span = firstSpan(answer);
  if (span) return span;
  return {
    ok: false,
    error:
      answer.trim() === ''
        ? 'the reply was empty'
        : 'the reply contained no JSON value (it must be a single JSON object or array)',
  };
}
