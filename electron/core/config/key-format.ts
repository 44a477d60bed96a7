/**
 * What API keys look like, and the primitives verification relies on. Keys are `lgw-` + 40
 * base62 characters from the OS CSPRNG (~238 bits): recognisable in configs and logs (the log
 * redactor can match the prefix), URL- and header-safe, and far beyond guessing.
 */
import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'lgw-';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `length` base62 characters from the CSPRNG, without modulo bias (rejection sampling). */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 4 × 62: accepting bytes above it would favour the first characters.
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

/** A fresh API key: `lgw-` + 40 base62 characters. */
export function generateApiKey(): string {
  return KEY_PREFIX + randomBase62(40);
}

/** True for strings shaped like keys this app generates. */
export function isGeneratedKeyFormat(s: string): boolean {
  return /^lgw-[0-9A-Za-z]{40}$/.test(s);
}

/**
 * SHA-256 of a key. Verification compares digests, not keys: equal-length inputs for
 * timingSafeEqual whatever the candidate's length, and no plaintext comparison at all.
 */
export function keyDigest(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** First 8 characters + an ellipsis; short keys (env keys can be anything) show at most half. */
export function keyPrefix(key: string): string {
  return key.slice(0, Math.min(8, Math.floor(key.length / 2))) + '…';
}
