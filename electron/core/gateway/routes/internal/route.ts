import { Router, type Request } from 'express';
import type { AccountDto, LogEntryDto, LogPageDto, LogQueryDto } from '../../../../shared/dto';
import { ApiError } from '../../errors';
import { requireToken } from '../../middleware/auth';
import { redactRaw } from './redact-raw';

/** What the admin API reaches into (implemented by create-core). */
export interface InternalDeps {
  adminToken(): string | undefined;
  stats(): unknown;
  accounts(): AccountDto[];
  /** Starts a login for the account; the caller opens the URL in any browser. */
  startLogin(accountId: string): Promise<{ url: string }>;
  /**
   * Completes that login from the callback address a browser elsewhere could not open. Rejects
   * with an error carrying `code` (see LoginFlow.paste in services/login-flow.ts).
   */
  completeLoginPaste(accountId: string, pastedUrl: string): Promise<void>;
  exportBundle(accountId: string, passphrase: string): Promise<Buffer>;
  modelsRaw(accountId?: string): Promise<unknown>;
  queryLogs(q: LogQueryDto): Promise<LogPageDto>;
  getLog(id: string): Promise<LogEntryDto | null>;
}

/** LoginPasteError codes: the caller's link or timing, not our fault. */
const PASTE_CODES = new Set([
  'bad_link',
  'no_login',
  'foreign_link',
  'expired',
  'rejected',
  'not_running',
]);

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function accountParam(req: Request, d: InternalDeps): string {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const id = str(body.account) ?? str(req.query.account);
  if (!id)
    throw new ApiError('invalid_request', 'Name the account: {"account": "<id>"}.', {
      param: 'account',
    });
  return knownAccount(id, d);
}

/**
 * Why a login could not start, in the API's words: replaced or cancelled by another call for the
 * same account (409), no Lingma binary (503, the fix is in the message); anything else as it is.
 */
export function loginStartError(err: unknown): unknown {
  const code = (err as { code?: unknown }).code;
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'replaced' || code === 'cancelled')
    return new ApiError('invalid_request', message, { status: 409, code: 'login_replaced' });
  if (code === 'not_found') return new ApiError('not_found', message, { param: 'account' });
  if (code === 'binary_missing') return new ApiError('unavailable', message, { code });
  return err;
}

/** An unknown account is the caller's mistake (404), never an internal error. */
function knownAccount(id: string, d: InternalDeps): string {
  if (!d.accounts().some((a) => a.id === id)) {
    throw new ApiError('not_found', `No account "${id}". See GET /internal/accounts.`, {
      param: 'account',
    });
  }
  return id;
}

/**
 * `/internal/*`: the predecessor's operator endpoints, behind the admin token (503 when none is
 * configured). Session export returns an ENCRYPTED bundle: the caller supplies the passphrase.
 */
export function internalRouter(d: InternalDeps): Router {
  const r = Router();
  r.use('/internal', requireToken('admin', d.adminToken));
  r.get('/internal/stats', (_req, res) => {
    res.json(d.stats());
  });
  r.get('/internal/accounts', (_req, res) => {
    res.json({ accounts: d.accounts() });
  });
  r.get('/internal/auto-login/status', (_req, res) => {
    res.json({
      accounts: d
        .accounts()
        .map((a) => ({ id: a.id, name: a.name, state: a.state, login: a.login ?? null })),
    });
  });
  const login = async (req: Request, res: import('express').Response) => {
    const id = accountParam(req, d);
    const { url } = await d.startLogin(id).catch((err: unknown) => {
      throw loginStartError(err);
    });
    res.json({
      url,
      message: 'Open this URL in a browser and log in; the account turns ready by itself.',
    });
  };
  r.post('/internal/login/start', login);
  r.post('/internal/auto-login/start', login);
  // Log in from another machine: the address the browser failed to open after the login (§6.2).
  r.post('/internal/login/paste', async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const url = str(body.url);
    if (!url) {
      throw new ApiError(
        'invalid_request',
        'Paste the callback address: {"account": "<id>", "url": "http://127.0.0.1:…/auth/callback?…"}.',
        { param: 'url' },
      );
    }
    try {
      await d.completeLoginPaste(accountParam(req, d), url);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (code === 'not_found') throw new ApiError('not_found', (err as Error).message);
      if (typeof code !== 'string' || !PASTE_CODES.has(code)) throw err;
      throw new ApiError(
        code === 'not_running' ? 'unavailable' : 'invalid_request',
        (err as Error).message,
        {
          code,
          param: 'url',
        },
      );
    }
    res.json({ loggedIn: true });
  });
  r.post('/internal/session/export', async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const passphrase = str(body.passphrase);
    if (!passphrase || passphrase.length < 8) {
      throw new ApiError('invalid_request', 'A passphrase of at least 8 characters is required.', {
        param: 'passphrase',
      });
    }
    const data = await d.exportBundle(accountParam(req, d), passphrase);
    res.json({ format: 'lingma-gateway-bundle', bundle: data.toString('base64') });
  });
  r.get('/internal/models/raw', async (req, res) => {
    const account = str(req.query.account);
    res.json(
      redactRaw(await d.modelsRaw(account === undefined ? undefined : knownAccount(account, d))),
    );
  });
  r.get('/internal/logs', async (req, res) => {
    const q = req.query;
    const limit = Number(str(q.limit) ?? 100);
    res.json(
      await d.queryLogs({
        text: str(q.text),
        status: q.status === 'ok' || q.status === 'error' ? q.status : undefined,
        protocol: str(q.protocol),
        model: str(q.model),
        account: str(q.account),
        hasToolCalls: q.hasToolCalls === 'true' ? true : undefined,
        limit: Number.isFinite(limit) ? Math.min(Math.max(limit, 1), 1000) : 100,
        cursor: str(q.cursor),
      }),
    );
  });
  r.get('/internal/logs/:id', async (req, res) => {
    const entry = await d.getLog(req.params.id);
    if (!entry) throw new ApiError('not_found', `No log entry ${req.params.id}.`);
    res.json(entry);
  });
  return r;
}
