/**
 * Where the embedded login window may go. It shows a third-party site, so it gets no preload, its
 * own session partition per account, and this allowlist: the login site's hosts (Alibaba Cloud's
 * account pages and the identity providers they hand off to) plus the Lingma child's loopback
 * callback port. Anything else opens in the system browser (http/https only) or is refused.
 */

/** Registrable domains Alibaba's login flow is known to move through. */
export const LOGIN_DOMAINS = [
  'aliyun.com',
  'alibabacloud.com',
  'alibaba.com',
  'alicdn.com',
  'aliyuncs.com',
  'taobao.com',
  'alipay.com',
  'dingtalk.com',
] as const;

export type NavigationVerdict = 'allow' | 'external' | 'deny';

export interface LoginPolicyInput {
  /** The URL the Lingma child gave us (its origin is always allowed). */
  loginUrl: string;
  /** The child's HTTP port, where the browser lands with the callback. */
  callbackPort: number;
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

function isLoopback(hostname: string): boolean {
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

function underDomain(hostname: string, domain: string): boolean {
  return hostname === domain || hostname.endsWith('.' + domain);
}

export function loginNavigationVerdict(
  target: string,
  policy: LoginPolicyInput,
): NavigationVerdict {
  const url = parse(target);
  if (!url) return 'deny';
  const start = parse(policy.loginUrl);
  if (url.protocol === 'http:' && isLoopback(url.hostname)) {
    // Loopback is only the child's callback port, or the login page's own origin (simulator).
    if (Number(url.port) === policy.callbackPort) return 'allow';
    if (start && url.origin === start.origin) return 'allow';
    return 'deny';
  }
  if (url.protocol !== 'https:') return url.protocol === 'http:' ? 'external' : 'deny';
  if (start && url.origin === start.origin) return 'allow';
  if (LOGIN_DOMAINS.some((d) => underDomain(url.hostname, d))) return 'allow';
  return 'external';
}

/** One session partition per account, so logins never share cookies. */
export function loginPartition(accountId: string): string {
  return `persist:lingma-login-${accountId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}
