/**
 * `/internal/models/raw` passes Lingma's `config/queryModels` answer through for diagnostics, but
 * BYOK model entries carry `apiKey` and `url` (CLAW's customModel `parameters{api_key, base_url}`,
 * §8.1) and other answers may carry tokens: those values are replaced before they leave. Model
 * `key`s (model ids, not secrets) stay.
 */
const SECRET_NAME = /api_?key$|url$|endpoint$|token|secret|password|credential/i;

export const REDACTED = '[redacted]';

/** A deep copy of `value` with secret-looking fields replaced. */
export function redactRaw(value: unknown, depth = 0): unknown {
  if (depth > 32) return REDACTED;
  if (Array.isArray(value)) return value.map((v) => redactRaw(v, depth + 1));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_NAME.test(k) && v !== null && v !== '' ? REDACTED : redactRaw(v, depth + 1);
  }
  return out;
}
