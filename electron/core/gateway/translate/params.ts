/**
 * Parameters Lingma cannot honour (sampling, logprobs, caching hints, …). They are accepted so
 * that ordinary SDK calls work, type-checked so an obviously broken request still gets the 400 the
 * real API would give, and reported in `ignoredParams` so the request log can show what was
 * dropped. Ranges are deliberately not enforced: the values are never used.
 */
import {
  expectArray,
  expectObject,
  isAbsent,
  optBoolean,
  optInteger,
  optNumber,
  optString,
  optStringOrStrings,
  type JsonObject,
} from './validate';

/** How an ignored parameter is type-checked before being dropped. */
export type ParamCheck =
  'number' | 'integer' | 'boolean' | 'string' | 'object' | 'array' | 'string-or-strings' | 'any';

function check(kind: ParamCheck, value: unknown, param: string): void {
  switch (kind) {
    case 'number':
      optNumber(value, param);
      return;
    case 'integer':
      optInteger(value, param);
      return;
    case 'boolean':
      optBoolean(value, param);
      return;
    case 'string':
      optString(value, param);
      return;
    case 'object':
      expectObject(value, param);
      return;
    case 'array':
      expectArray(value, param);
      return;
    case 'string-or-strings':
      optStringOrStrings(value, param);
      return;
    case 'any':
      return;
  }
}

/**
 * Checks and lists every top-level key that is not `handled`. Keys in `checks` are validated;
 * unknown keys are listed unchecked (newer SDK fields must not break old gateways). Keys sent as
 * null count as not sent.
 */
export function collectIgnoredParams(
  body: JsonObject,
  handled: ReadonlySet<string>,
  checks: Readonly<Record<string, ParamCheck>>,
): string[] {
  const ignored: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (handled.has(key) || isAbsent(value)) continue;
    const kind = Object.hasOwn(checks, key) ? checks[key] : undefined;
    if (kind) check(kind, value, key);
    ignored.push(key);
  }
  return ignored;
}
