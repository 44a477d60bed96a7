import { buildLoginUrl } from './login-flows.js';
import type { SimContext } from './context.js';
import type { MethodTable } from './methods.js';
import { completeLogin } from './login-callback.js';

/** Starts a browser login and returns the URL of the (simulated) login site. */
export function newLoginUrl(ctx: SimContext): {
  loginUrl: string;
  nonce: string;
  verifier: string;
  challenge: string;
} {
  const flow = ctx.logins.create();
  const loginUrl = buildLoginUrl(
    ctx.loginSiteOrigin,
    flow,
    ctx.config.httpPort,
    ctx.auth.machineId,
  );
  ctx.log.info(`generated login url, nonce: ${flow.nonce}`);
  return { loginUrl, nonce: flow.nonce, verifier: flow.verifier, challenge: flow.challenge };
}

export const authMethods: MethodTable = {
  'auth/status': (ctx) => ctx.auth.statusResult(),

  'auth/logout': (ctx) => {
    ctx.auth.logout();
    return { success: true };
  },

  'login/generateUrl': (ctx) => ({
    success: true,
    ...newLoginUrl(ctx),
    challengeMethod: 'S256',
    errorCode: '',
    errorMsg: '',
  }),

  /**
   * The callback over RPC: `{nonce, auth, tokenString}` → `{success, errorCode, errorMsg}` (L2A;
   * M). Same nonce rules as the HTTP route (single use, this process only).
   */
  'login/auth_callback': (ctx, _peer, params) => {
    const text = (v: unknown): string => (typeof v === 'string' ? v : '');
    const result = completeLogin(ctx, {
      nonce: text(params.nonce),
      auth: text(params.auth),
      token: text(params.tokenString),
    });
    return result.ok
      ? { success: true, errorCode: '', errorMsg: '' }
      : { success: false, errorCode: 'LOGIN_CALLBACK_FAILED', errorMsg: result.message };
  },

  /** Only the default OAuth flow is simulated; AK/SK and personal tokens are refused. */
  'auth/login': (ctx, _peer, params) => {
    const loginType = typeof params.loginType === 'string' ? params.loginType : '';
    if (loginType !== '') {
      ctx.log.warn(`auth/login: loginType ${loginType} is not simulated`);
      return { url: '', success: false };
    }
    return { url: newLoginUrl(ctx).loginUrl, success: true };
  },
};
