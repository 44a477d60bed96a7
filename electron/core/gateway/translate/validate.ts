/**
 * Small schema guards for request bodies. Bodies arrive as `unknown` JSON, so every read goes
 * through one of these: a wrong type becomes a 400 `invalid_request` naming the exact `param` path
 * (what the SDKs surface as `error.param`), never a TypeError deep inside the translator.
 */
import { ApiError } from '../errors';

/** A parsed JSON object (not null, not an array). */
export type JsonObject = Record<string, unknown>;

/** True for plain JSON objects; arrays and null are not objects in the wire sense. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Throws the schema error every parser uses. */
export function invalid(message: string, param: string | null): never {
  throw new ApiError('invalid_request', message, { param });
}

/** A short, safe description of what was sent instead (for error messages). */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && !Number.isFinite(value)) return 'a non-finite number';
  return `a ${typeof value}`;
}

/** The request body itself must be a JSON object. */
export function expectBody(body: unknown): JsonObject {
  if (!isObject(body))
    invalid(`The request body must be a JSON object, got ${describe(body)}.`, null);
  return body;
}

/** A required JSON object. */
export function expectObject(value: unknown, param: string): JsonObject {
  if (!isObject(value)) invalid(`\`${param}\` must be an object, got ${describe(value)}.`, param);
  return value;
}

/** A required string (empty allowed). */
export function expectString(value: unknown, param: string): string {
  if (typeof value !== 'string')
    invalid(`\`${param}\` must be a string, got ${describe(value)}.`, param);
  return value;
}

/** A required array. */
export function expectArray(value: unknown, param: string): unknown[] {
  if (!Array.isArray(value))
    invalid(`\`${param}\` must be an array, got ${describe(value)}.`, param);
  return value;
}

/** A required, non-empty string (model names, tool names, ids). */
export function expectNonEmptyString(value: unknown, param: string): string {
  if (value === undefined || value === null) invalid(`\`${param}\` is required.`, param);
  const s = expectString(value, param);
  if (s.length === 0) invalid(`\`${param}\` must not be empty.`, param);
  return s;
}

/** Optional fields: absent and null both mean "not sent" (OpenAI documents `null` as default). */
export function isAbsent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

/** An optional string. */
export function optString(value: unknown, param: string): string | undefined {
  return isAbsent(value) ? undefined : expectString(value, param);
}

/** An optional boolean. */
export function optBoolean(value: unknown, param: string): boolean | undefined {
  if (isAbsent(value)) return undefined;
  if (typeof value !== 'boolean')
    invalid(`\`${param}\` must be a boolean, got ${describe(value)}.`, param);
  return value;
}

/** An optional finite number (JSON can carry 1e400 → Infinity). */
export function optNumber(value: unknown, param: string): number | undefined {
  if (isAbsent(value)) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value))
    invalid(`\`${param}\` must be a number, got ${describe(value)}.`, param);
  return value;
}

/** An optional safe integer. */
export function optInteger(value: unknown, param: string): number | undefined {
  const n = optNumber(value, param);
  if (n !== undefined && !Number.isSafeInteger(n))
    invalid(`\`${param}\` must be an integer, got ${n}.`, param);
  return n;
}

/** Token limits: a positive safe integer (a huge or fractional value is a client bug). */
export function optPositiveInteger(value: unknown, param: string): number | undefined {
  const n = optInteger(value, param);
  if (n !== undefined && n < 1) invalid(`\`${param}\` must be at least 1, got ${n}.`, param);
  return n;
}

/** An optional JSON object. */
export function optObject(value: unknown, param: string): JsonObject | undefined {
  return isAbsent(value) ? undefined : expectObject(value, param);
}

/** An optional array. */
export function optArray(value: unknown, param: string): unknown[] | undefined {
  return isAbsent(value) ? undefined : expectArray(value, param);
}

/** `stop`: a string or an array of strings. */
export function optStringOrStrings(value: unknown, param: string): void {
  if (isAbsent(value) || typeof value === 'string') return;
  const list = expectArray(value, param);
  list.forEach((s, i) => expectString(s, `${param}[${i}]`));
}

/**
 * Tool-call arguments as JSON text. History may carry them as an object (some clients do), which
 * is serialised; anything else that is not a string is a schema error.
 */
export function argumentsText(value: unknown, param: string): string {
  if (isAbsent(value)) return '{}';
  if (typeof value === 'string') return value;
  if (isObject(value)) return JSON.stringify(value);
  return invalid(`\`${param}\` must be a JSON string, got ${describe(value)}.`, param);
}
