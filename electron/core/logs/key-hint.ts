/**
 * What the log may say about a key the gateway did NOT accept (issue 16): enough of its start to
 * tell which config holds it ("the key starts with lgw-3f…"), never enough to matter if it were
 * someone's real key. Our keys carry ~238 bits after `lgw-`; two characters give away 12 of them.
 * Anything else shows at most 3 characters and never more than a quarter of its length.
 */
const OURS = /^lgw-[0-9A-Za-z]{2}/;

export function keyHint(presented: string): string {
  const key = presented.trim();
  if (OURS.test(key) && key.length >= 16) return `${key.slice(0, 6)}…`;
  const n = Math.min(3, Math.floor(key.length / 4));
  return n > 0 ? `${key.slice(0, n)}…` : '…';
}
