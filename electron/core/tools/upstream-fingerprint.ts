/**
 * A canonical text of a message's params, used to recognise repeated upstream tool messages. Key
 * order and per-send timestamps are ignored: the binary re-sends the same sync with a new
 * `timestamp`, and that is still the same news.
 */
import { isJsonObject } from './lenient-json';

const VOLATILE_KEYS = new Set(['timestamp']);

function canonical(value: unknown, depth: number): unknown {
  if (Array.isArray(value)) return value.map((v) => canonical(v, depth + 1));
  if (!isJsonObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    if (depth === 0 && VOLATILE_KEYS.has(key)) continue;
    out[key] = canonical(value[key], depth + 1);
  }
  return out;
}

/** Sorted-key JSON of `params` without top-level volatile keys. */
export function stableFingerprint(params: Record<string, unknown>): string {
  return JSON.stringify(canonical(params, 0)) ?? '';
}
