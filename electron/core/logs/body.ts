/**
 * Turns raw request/response bodies and other free-form values into what an entry may hold:
 * redacted first, then size-capped. The order matters: cutting first could keep half a key that
 * the redactor would then no longer recognise.
 */
import { redactJson, redactText, type SecretRegistry } from './redact';
import type { TruncationMark } from './types';

/** A value ready to store, with a mark when it had to be cut. */
export interface PreparedValue {
  value: unknown;
  truncated?: TruncationMark;
}

/** Cuts `s` to at most `maxBytes` UTF-8 bytes without splitting a character. */
export function truncateUtf8(s: string, maxBytes: number): string {
  if (s.length <= maxBytes / 3) return s; // even all-3-byte text fits (surrogate pairs are 4/2)
  const buf = Buffer.from(s, 'utf8');
  if (buf.length <= maxBytes) return s;
  let end = Math.max(0, maxBytes);
  while (end > 0 && ((buf[end] ?? 0) & 0xc0) === 0x80) end--; // step back off continuation bytes
  return buf.toString('utf8', 0, end);
}

function bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** Redacts and caps a short text (error messages, ids, names). */
export function prepareText(s: string, maxBytes: number, secrets?: SecretRegistry): string {
  const red = redactText(s, secrets);
  const cut = truncateUtf8(red, maxBytes);
  return cut === red ? red : `${cut}…[truncated]`;
}

/**
 * Redacts a body and caps it at `maxBytes` of JSON text. An oversized JSON value first has its
 * long strings shortened (keeps the structure browsable); if that is not enough, the JSON text
 * itself is cut and stored as a string ending in a visible marker.
 */
export function prepareBody(
  raw: unknown,
  maxBytes: number,
  secrets?: SecretRegistry,
): PreparedValue {
  if (raw === undefined) return { value: undefined };
  const red = typeof raw === 'string' ? redactText(raw, secrets) : redactJson(raw, secrets);
  const text = typeof red === 'string' ? red : (JSON.stringify(red) ?? 'null');
  const originalBytes = bytes(text);
  if (originalBytes <= maxBytes) return { value: red };

  if (typeof red === 'object' && red !== null) {
    const shortened = shortenStrings(red, Math.max(64, Math.floor(maxBytes / 8)));
    const shortText = JSON.stringify(shortened);
    const keptBytes = bytes(shortText);
    if (keptBytes <= maxBytes) {
      return { value: shortened, truncated: { originalBytes, keptBytes, mode: 'fields' } };
    }
  }
  const cut = truncateUtf8(text, maxBytes);
  const keptBytes = bytes(cut);
  return {
    value: `${cut}…[truncated ${originalBytes - keptBytes} bytes]`,
    truncated: { originalBytes, keptBytes, mode: 'text' },
  };
}

function shortenStrings(v: unknown, maxStringBytes: number): unknown {
  if (typeof v === 'string') {
    const cut = truncateUtf8(v, maxStringBytes);
    return cut === v ? v : `${cut}…[truncated ${bytes(v) - bytes(cut)} bytes]`;
  }
  if (Array.isArray(v)) return v.map((x) => shortenStrings(x, maxStringBytes));
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = shortenStrings(x, maxStringBytes);
    return out;
  }
  return v;
}
