import { randomBytes } from 'node:crypto';
import type { CachedUser } from './cache-files.js';
import { decodeAuth, decodeToken } from './callback-codec.js';
import type { SimContext } from './context.js';

export interface PageResult {
  ok: boolean;
  message: string;
}

/** What a callback carries: the HTTP route's `state`/`auth`/`token`, or the RPC's fields. */
export interface CallbackValues {
  nonce: string;
  auth: string;
  token: string;
}

/**
 * `/auth/callback?state=<nonce>&auth=…&token=…` and `login/auth_callback {nonce, auth,
 * tokenString}` build the same record and share this handler (ZC IDA; M): a nonce this process
 * generated is accepted once, within its lifetime (§13.17). On success it writes the cache files
 * and tells every connected client, as the binary does.
 */
export function completeLogin(ctx: SimContext, values: CallbackValues): PageResult {
  const nonce = values.nonce;
  if (!ctx.logins.consume(nonce)) {
    ctx.log.warn(`Invalid login nonce or consumed, ignore: ${nonce}`);
    return { ok: false, message: 'This login link has expired or was already used.' };
  }
  const auth = decodeAuth(values.auth);
  const token = decodeToken(values.token);
  if (!auth || !token) {
    ctx.log.warn('login callback with undecodable auth or token, ignore');
    return { ok: false, message: 'The login response could not be read.' };
  }
  const user: CachedUser = {
    name: auth.name,
    aid: auth.aid,
    uid: auth.uid,
    organization_id: '',
    user_type: 'personal_standard',
    key: randomBytes(16).toString('hex'),
    encrypt_user_info: randomBytes(48).toString('base64'),
    security_oauth_token: token.accessToken,
    refresh_token: token.refreshToken,
    expire_time: token.expireMs,
  };
  ctx.auth.login(user);
  const report = { success: true, status: 2, name: user.name, id: user.uid, accountId: user.aid };
  for (const peer of ctx.peers) {
    void peer.request('auth/report', report);
    void peer.request('config/refreshModels', {});
  }
  return { ok: true, message: `Signed in as ${user.name}. You can close this window.` };
}
