import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { SimContext } from './context.js';
import { resultPage } from './html-pages.js';
import { redirect, sendHtml, sendText } from './http-util.js';
import { completeLogin } from './login-callback.js';
import { newLoginUrl } from './methods-auth.js';

const ALLOWED_HOSTS = new Set(['localhost', '127.0.0.1']);

/** Host header without the port; a DNS-rebinding page would show its own name here. */
function hostName(req: IncomingMessage): string {
  const host = req.headers.host ?? '';
  return host.replace(/:\d+$/, '').toLowerCase();
}

function handle(ctx: SimContext, req: IncomingMessage, res: ServerResponse): void {
  if (!ALLOWED_HOSTS.has(hostName(req))) {
    ctx.log.warn(`refused HTTP request for host ${JSON.stringify(req.headers.host ?? '')}`);
    return sendText(res, 403, 'only localhost and 127.0.0.1 are allowed');
  }
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (req.method !== 'GET') return sendText(res, 405, 'method not allowed');
  if (url.pathname === '/auth/callback') {
    const q = url.searchParams;
    const result = completeLogin(ctx, {
      nonce: q.get('state') ?? '',
      auth: q.get('auth') ?? '',
      token: q.get('token') ?? '',
    });
    return sendHtml(res, result.ok ? 200 : 400, resultPage(result.ok, result.message));
  }
  if (url.pathname === '/auth/start') return redirect(res, newLoginUrl(ctx).loginUrl);
  sendText(res, 404, 'not found');
}

/** The binary's HTTP port (37510 by default): login callback and /auth/start. */
export function createLocalHttp(ctx: SimContext): Server {
  return createServer((req, res) => {
    try {
      handle(ctx, req, res);
    } catch (err) {
      ctx.log.error(`HTTP ${req.url ?? ''} failed: ${(err as Error).message}`);
      sendText(res, 500, 'internal error');
    }
  });
}
