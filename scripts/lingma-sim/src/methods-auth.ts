import { buildLoginUrl } from './login-flows.js';
import type { SimContext } from './context.js';
import type { MethodTable } from './methods.js';

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
