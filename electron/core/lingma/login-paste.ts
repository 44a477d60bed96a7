/**
 * Logging in from another machine (§6.2 "Login finished in a browser on another machine"; L2A,
 * L2A-Z, ZC; M). After the Aliyun login the browser is sent to
 * `http://127.0.0.1:<port>/auth/callback?state=…&auth=…&token=…`, which only loads on the machine
 * running Lingma. The user pastes that address; this module reads it and hands it to the child
 * that issued the login URL — by the same HTTP GET the browser would have made (the Host check
 * passes; the pasted URL's own host and port do not matter), or over `login/auth_callback`.
 */
import { request } from 'node:http';

/** Why a pasted address cannot complete a login; `message` is safe to show. */
export type LoginPasteCode =
  'bad_link' | 'no_login' | 'foreign_link' | 'expired' | 'rejected' | 'not_running';

export class LoginPasteError extends Error {
  constructor(
    readonly code: LoginPasteCode,
    message: string,
  ) {
    super(message);
    this.name = 'LoginPasteError';
  }
}

/** The three values of a callback: `state` is the login's nonce. */
export interface CallbackValues {
  nonce: string;
  auth: string;
  token: string;
}

const KEYS = ['state', 'auth', 'token'] as const;

/** `%XX` escapes undone one by one; a `%` that starts no escape is a character of the value. */
function unescape(value: string): string {
  return value.replace(/%[0-9A-Fa-f]{2}(?:%[0-9A-Fa-f]{2})*/g, (seq) => {
    try {
      return decodeURIComponent(seq);
    } catch {
      return seq;
    }
  });
}

/**
 * Reads a pasted callback address. The values use the binary's custom alphabet, which contains
 * `# & % ^ ( ) ! $ @ * , .`; browsers may show some of them unescaped, so a standard URL parser
 * would cut the query at `#` (L2A re-attaches the fragment) or split a value at `&`. So the raw
 * text after `?` is taken whole and cut only where `&state=`, `&auth=` or `&token=` starts: `=`
 * is not in the alphabet, so a value can never contain one of those.
 */
export function parseCallbackPaste(text: string): CallbackValues {
  const raw = text.trim();
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  if (q < 0 || !/(^|\/)auth\/callback$/.test(path.replace(/^[a-z]+:\/\/[^/]*/i, ''))) {
    throw new LoginPasteError(
      'bad_link',
      'That is not a Lingma login address: paste the whole address your browser could not open, starting with http://127.0.0.1:…/auth/callback?',
    );
  }
  const query = raw.slice(q + 1);
  const starts: Array<{ key: (typeof KEYS)[number]; at: number; value: number }> = [];
  const re = /(?:^|&)(state|auth|token)=/g;
  for (let m = re.exec(query); m; m = re.exec(query)) {
    starts.push({ key: m[1] as (typeof KEYS)[number], at: m.index, value: m.index + m[0].length });
  }
  const values: Partial<Record<(typeof KEYS)[number], string>> = {};
  starts.forEach((s, i) => {
    const end = i + 1 < starts.length ? (starts[i + 1] as { at: number }).at : query.length;
    values[s.key] ??= unescape(query.slice(s.value, end));
  });
  const missing = KEYS.filter((k) => !values[k]);
  if (missing.length > 0) {
    throw new LoginPasteError(
      'bad_link',
      `The address is incomplete (no ${missing.join(', ')}): copy it again from the browser's address bar.`,
    );
  }
  return { nonce: values.state ?? '', auth: values.auth ?? '', token: values.token ?? '' };
}

/** The nonce of a login URL the binary issued (`state`, also sent as `nonce`; §6.2). */
export function nonceOfLoginUrl(loginUrl: string): string | undefined {
  try {
    const q = new URL(loginUrl).searchParams;
    return q.get('state') || q.get('nonce') || undefined;
  } catch {
    return undefined;
  }
}

/** The binary's HTTP port as its login URL names it (`port`), when it does. */
export function portOfLoginUrl(loginUrl: string): number | undefined {
  try {
    const port = Number(new URL(loginUrl).searchParams.get('port'));
    return Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
  } catch {
    return undefined;
  }
}

/** What the child's HTTP server said; `undefined` status = it could not be reached. */
export interface HttpDelivery {
  status?: number;
  error?: string;
}

/** `GET /auth/callback` on the child's own HTTP port, exactly as the browser would have sent it. */
export function deliverByHttp(
  httpPort: number,
  values: CallbackValues,
  timeoutMs = 10_000,
): Promise<HttpDelivery> {
  const qs = `state=${encodeURIComponent(values.nonce)}&auth=${encodeURIComponent(values.auth)}&token=${encodeURIComponent(values.token)}`;
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: httpPort,
        path: `/auth/callback?${qs}`,
        method: 'GET',
        // The binary answers only for localhost / 127.0.0.1 (§3.2a; M).
        headers: { host: `127.0.0.1:${httpPort}` },
        timeout: timeoutMs,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode }));
        res.on('error', (err) => resolve({ status: res.statusCode, error: err.message }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (err) => resolve({ error: err.message }));
    req.end();
  });
}
