/**
 * JSON parsing for model-written call blocks. The only repair is the one that cannot change
 * meaning: a trailing comma before `}` or `]` (outside strings). Anything else stays an error, so a
 * garbled call is reported (and retried) instead of being guessed at.
 */

export type JsonParse =
  { ok: true; value: unknown; repaired: boolean } | { ok: false; error: string };

/** Removes commas that directly precede a closing brace or bracket, ignoring string contents. */
export function stripTrailingCommas(text: string): string {
  let out = '';
  let inString = false;
  let escape = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] as string;
    if (inString) {
      out += c;
      if (escape) escape = false;
      else if (c === '\\') escape = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    if (c === ',') {
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j] as string)) j += 1;
      if (text[j] === '}' || text[j] === ']') continue;
    }
    out += c;
  }
  return out;
}

/** `JSON.parse`, then once more after removing trailing commas. */
export function parseLenientJson(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) as unknown, repaired: false };
  } catch (err) {
    const repairedText = stripTrailingCommas(text);
    if (repairedText !== text) {
      try {
        return { ok: true, value: JSON.parse(repairedText) as unknown, repaired: true };
      } catch {
        // Fall through: report the original error, it points at what the model wrote.
      }
    }
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** A plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
