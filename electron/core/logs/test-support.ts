/**
 * Helpers shared by the logs tests only (never imported by product code): a seeded PRNG so
 * generated cases are reproducible, secret generators, a leak check and temp directories.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** mulberry32: tiny, seeded, good enough to spread cases. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(r: () => number, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)] as T;
}

export function int(r: () => number, min: number, max: number): number {
  return min + Math.floor(r() * (max - min + 1));
}

export function chars(r: () => number, alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(r() * alphabet.length)];
  return s;
}

/** Our API key format: `lgw-` + 32 or more base62 characters. */
export function apiKey(r: () => number): string {
  return 'lgw-' + chars(r, BASE62, int(r, 32, 48));
}

export function lingmaToken(r: () => number, prefix: 'pt' | 'rt'): string {
  return `${prefix}-${chars(r, BASE62 + '-_.', int(r, 24, 64))}`;
}

/** A value with no recognisable shape (only its field name or registration can catch it). */
export function opaque(r: () => number): string {
  return chars(r, BASE62, int(r, 16, 40));
}

/** A registered secret with characters that JSON and URLs escape. */
export function awkwardSecret(r: () => number): string {
  return chars(r, BASE62, 6) + chars(r, BASE62 + '"\\&=+/ %?#:,;{}é', int(r, 6, 24));
}

/**
 * True when `output` still holds any 8-character window of `secret` (raw, JSON-escaped or
 * URL-encoded): a fully or partly kept secret.
 */
export function leaks(output: string, secret: string): boolean {
  const forms = [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)];
  for (const f of forms) {
    for (let i = 0; i + 8 <= f.length; i++) if (output.includes(f.slice(i, i + 8))) return true;
  }
  return false;
}

/** A fresh temp dir and its cleanup. */
export function tempDir(name: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `lgw-${name}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
