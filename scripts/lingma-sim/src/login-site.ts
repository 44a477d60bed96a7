import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeAuth, encodeToken } from './callback-codec.js';
import { loginPage, resultPage } from './html-pages.js';
import { readBody, redirect, sendHtml } from './http-util.js';

const FLOW_FIELDS = ['nonce', 'state', 'port', 'challenge', 'challenge_method', 'machine_id'];
const AUTHORIZE_PATH = '/lingma/login/authorize';
const SIXTY_DAYS = 60 * 24 * 60 * 60 * 1000;

/** Stable per account name, so two logins as "alice" are recognisably the same account. */
function accountNumber(salt: string, username: string): string {
  const hex = createHash('sha256').update(`${salt}:${username}`).digest('hex').slice(0, 13);
  return String(parseInt(hex, 16));
}

function flowFields(source: URLSearchParams): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const f of FLOW_FIELDS) out[f] = source.get(f) ?? '';
  const port = Number(out.port);
  const ok =
    /^[0-9a-f]{32}$/.test(out.state ?? '') &&
    Number.isInteger(port) &&
    port > 0 &&
    port < 65536 &&
    out.challenge !== '' &&
    out.challenge_method === 'S256';
  return ok ? out : undefined;
}

/** Where the browser goes after "Authorize": the binary's callback on 127.0.0.1:<port>. */
function callbackLocation(flow: Record<string, string>, username: string): string {
  const url = new URL(`http://127.0.0.1:${flow.port ?? ''}/auth/callback`);
  url.searchParams.set('state', flow.state ?? '');
  url.searchParams.set(
    'auth',
    encodeAuth({
      uid: accountNumber('uid', username),
      aid: accountNumber('aid', username),
      name: username,
    }),
  );
  url.searchParams.set(
    'token',
    encodeToken({
      accessToken: `pt-${randomBytes(24).toString('hex')}`,
      refreshToken: `rt-${randomBytes(24).toString('hex')}`,
      expireMs: Date.now() + SIXTY_DAYS,
    }),
  );
  return url.toString();
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://login.invalid');
  if (req.method === 'GET' && url.pathname === '/lingma/login') {
    const flow = flowFields(url.searchParams);
    if (!flow) return sendHtml(res, 400, resultPage(false, 'This login link is invalid.'));
    return sendHtml(res, 200, loginPage(flow, AUTHORIZE_PATH));
  }
  if (req.method === 'POST' && url.pathname === AUTHORIZE_PATH) {
    const form = new URLSearchParams(await readBody(req));
    const flow = flowFields(form);
    if (!flow) return sendHtml(res, 400, resultPage(false, 'This login request is invalid.'));
    const username = (form.get('username') ?? '').trim();
    if (username === '' || (form.get('password') ?? '') === '') {
      return sendHtml(
        res,
        400,
        loginPage(flow, AUTHORIZE_PATH, 'Enter an account and a password.'),
      );
    }
    return redirect(res, callbackLocation(flow, username));
  }
  sendHtml(res, 404, resultPage(false, 'Not found.'));
}

/**
 * Serves the stand-in for the Alibaba login site on its own port (ephemeral unless
 * LINGMA_SIM_LOGIN_PORT pins it), so it is a different origin from the binary's HTTP port, just
 * as devops.aliyun.com is in real life.
 */
export async function startLoginSite(
  host: string,
  port: number,
): Promise<{ origin: string; server: Server }> {
  const server = createServer((req, res) => {
    handle(req, res).catch(() => sendHtml(res, 400, resultPage(false, 'Bad request.')));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return { origin: `http://${host}:${address.port}`, server };
}
