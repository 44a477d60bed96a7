/**
 * The encoding of the login callback's `auth` and `token` values. The real binary uses a custom
 * base64 alphabet that includes `# & % ^ ( ) ! $ @ * , .`, three reordered blocks and `$` padding
 * (ZC; M). Clients never decode these, but they must carry them back intact — which is where they
 * break: a browser may show some of those characters unescaped, and a standard URL parser then
 * cuts the query at `#` (§6.2, §13.17). This codec is the simulator's own, with the same traps: an
 * alphabet with `#`, `&` and `%` and no `=`.
 */
export interface CallbackAuth {
  uid: string;
  aid: string;
  name: string;
}

export interface CallbackToken {
  accessToken: string;
  refreshToken: string;
  expireMs: number;
}

const STANDARD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const CUSTOM = 'ZYXWVUTSRQPONMLKJIHGFEDCBAzyxwvutsrqponmlkjihgfedcba#&%^()!@*,.-';
const PAD = '$';

/** Block sizes for a text of `length`: the last block takes the remainder. */
function blocks(length: number): [number, number, number] {
  const n = Math.floor(length / 3);
  return [n, n, length - 2 * n];
}

export function encodeValue(text: string): string {
  const b64 = Buffer.from(text, 'utf8').toString('base64');
  const mapped = [...b64].map((c) => (c === '=' ? PAD : (CUSTOM[STANDARD.indexOf(c)] ?? c)));
  const s = mapped.join('');
  const [a, b] = blocks(s.length);
  // Blocks 1,2,3 travel as 3,1,2.
  return s.slice(a + b) + s.slice(0, a) + s.slice(a, a + b);
}

export function decodeValue(encoded: string): string | undefined {
  const [a, b, c] = blocks(encoded.length);
  const s = encoded.slice(c, c + a) + encoded.slice(c + a, c + a + b) + encoded.slice(0, c);
  let b64 = '';
  for (const ch of s) {
    if (ch === PAD) b64 += '=';
    else {
      const i = CUSTOM.indexOf(ch);
      if (i < 0) return undefined;
      b64 += STANDARD[i];
    }
  }
  const text = Buffer.from(b64, 'base64').toString('utf8');
  return encodeValue(text) === encoded ? text : undefined;
}

export function encodeAuth(a: CallbackAuth): string {
  return encodeValue([a.uid, a.aid, a.name].join('\n'));
}

export function encodeToken(t: CallbackToken): string {
  return encodeValue([t.accessToken, t.refreshToken, String(t.expireMs)].join('\n'));
}

function fields(encoded: string, count: number): string[] | undefined {
  const parts = decodeValue(encoded)?.split('\n');
  return parts && parts.length === count && parts.every((p) => p !== '') ? parts : undefined;
}

export function decodeAuth(encoded: string): CallbackAuth | undefined {
  const f = fields(encoded, 3);
  return f ? { uid: f[0] ?? '', aid: f[1] ?? '', name: f[2] ?? '' } : undefined;
}

export function decodeToken(encoded: string): CallbackToken | undefined {
  const f = fields(encoded, 3);
  const expireMs = Number(f?.[2]);
  if (!f || !Number.isFinite(expireMs)) return undefined;
  const [accessToken = '', refreshToken = ''] = f;
  if (!accessToken.startsWith('pt-') || !refreshToken.startsWith('rt-')) return undefined;
  return { accessToken, refreshToken, expireMs };
}
