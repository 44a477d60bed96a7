/**
 * Ids for emulated tool calls. OpenAI clients expect `call_…`, Anthropic clients `toolu_…`; the
 * same id goes into the response and the request log, so it is generated once per call by the
 * stream parser through an injected generator (tests pass a deterministic one).
 */
import { randomBytes } from 'node:crypto';
import type { Protocol } from '../chat/types';

/** Returns `n` random bytes. */
export type RandomBytes = (n: number) => Uint8Array;

/** Produces a fresh, unique tool-call id on every call. */
export type IdGenerator = () => string;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** Bytes at or above this value are rejected so `byte % 62` stays uniform (248 = 4 × 62). */
const UNBIASED_LIMIT = 248;

/** The default length of the random part: 62^24 ≈ 1.1e43, collisions are not a concern. */
export const TOOL_CALL_ID_LENGTH = 24;

const defaultRandom: RandomBytes = (n) => randomBytes(n);

/** The id prefix each protocol's clients expect (the Responses API uses OpenAI's `call_`). */
export function toolCallIdPrefix(protocol: Protocol): 'call_' | 'toolu_' {
  return protocol === 'anthropic' ? 'toolu_' : 'call_';
}

/** `length` uniformly random base62 characters. */
export function base62(length: number, random: RandomBytes = defaultRandom): string {
  let out = '';
  while (out.length < length) {
    // Draw a little extra so one round is almost always enough despite rejections.
    for (const byte of random(length - out.length + 8)) {
      if (byte >= UNBIASED_LIMIT) continue;
      out += BASE62[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

/** A generator of `call_…` / `toolu_…` ids with 24 random base62 characters. */
export function createIdGenerator(
  protocol: Protocol,
  random: RandomBytes = defaultRandom,
): IdGenerator {
  const prefix = toolCallIdPrefix(protocol);
  return () => prefix + base62(TOOL_CALL_ID_LENGTH, random);
}

/** A deterministic generator (`<prefix>1`, `<prefix>2`, …) for fixtures and tests. */
export function sequentialIdGenerator(prefix: string): IdGenerator {
  let n = 0;
  return () => {
    n += 1;
    return `${prefix}${n}`;
  };
}
