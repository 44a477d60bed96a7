/**
 * The simulator's own encoding of the callback's `auth` and `token` parameters (the real binary
 * uses a custom base64 variant; clients never decode either, so base64url of the same
 * newline-separated fields is enough).
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

export function encodeAuth(a: CallbackAuth): string {
  return Buffer.from([a.uid, a.aid, a.name].join('\n'), 'utf8').toString('base64url');
}

export function encodeToken(t: CallbackToken): string {
  const text = [t.accessToken, t.refreshToken, String(t.expireMs)].join('\n');
  return Buffer.from(text, 'utf8').toString('base64url');
}

function fields(encoded: string, count: number): string[] | undefined {
  const parts = Buffer.from(encoded, 'base64url').toString('utf8').split('\n');
  return parts.length === count && parts.every((p) => p !== '') ? parts : undefined;
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
