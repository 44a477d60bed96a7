/**
 * Logins waiting for their callback, one per account, so a pasted callback address goes to the
 * very child that issued its URL: the nonce lives only in that process's memory, is single-use,
 * and dies with a restart or its timer (ZC; CPA assumes 10 min; §6.2, §13.17).
 */
import {
  deliverByHttp,
  LoginPasteError,
  parseCallbackPaste,
  type CallbackValues,
  type HttpDelivery,
} from '../lingma/login-paste';
import type { LingmaClientApi } from '../lingma/types';

/** A login URL that was handed out and not used yet. */
export interface PendingLogin {
  nonce: string;
  /** The child that issued it (its client object changes when the child restarts). */
  client: LingmaClientApi;
  httpPort: number;
  issuedAt: number;
}

export interface PendingLoginsOptions {
  now?: () => number;
  /** How long a link stays usable (default 10 min, CPA's TTL; the binary's own is unknown, L). */
  ttlMs?: number;
  deliverHttp?: (port: number, values: CallbackValues) => Promise<HttpDelivery>;
}

export class PendingLogins {
  private readonly pending = new Map<string, PendingLogin>();
  private readonly now: () => number;
  private readonly ttlMs: number;
  private readonly deliverHttp: (port: number, values: CallbackValues) => Promise<HttpDelivery>;

  constructor(o: PendingLoginsOptions = {}) {
    this.now = o.now ?? Date.now;
    this.ttlMs = o.ttlMs ?? 10 * 60_000;
    this.deliverHttp = o.deliverHttp ?? ((port, values) => deliverByHttp(port, values));
  }

  /** Remembers the newest login URL of an account (an older one of the same account is gone). */
  issued(accountId: string, login: Omit<PendingLogin, 'issuedAt'>): void {
    this.pending.set(accountId, { ...login, issuedAt: this.now() });
  }

  forget(accountId: string): void {
    this.pending.delete(accountId);
  }

  /**
   * Hands a pasted callback address to the child that issued it. `current` is the account's
   * child now; `nameOf` names another account whose link this is. Resolves once the child took
   * it (the caller then waits for `auth/status` to say so); throws LoginPasteError otherwise.
   */
  async complete(
    accountId: string,
    pasted: string,
    current: LingmaClientApi | null,
    nameOf: (accountId: string) => string | undefined,
  ): Promise<void> {
    const values = parseCallbackPaste(pasted);
    const login = this.pending.get(accountId);
    if (login?.nonce !== values.nonce) {
      const owner = [...this.pending].find(([, p]) => p.nonce === values.nonce)?.[0];
      if (owner !== undefined && owner !== accountId) {
        throw new LoginPasteError(
          'foreign_link',
          `This address belongs to the login of account "${nameOf(owner) ?? owner}", not this one.`,
        );
      }
      if (!login) {
        throw new LoginPasteError(
          'no_login',
          'No login is waiting for this account: start the login first, then paste the address.',
        );
      }
      throw new LoginPasteError(
        'foreign_link',
        'This address belongs to an older or another login: open the newest login link, sign in, and paste the address it leads to.',
      );
    }
    if (this.now() - login.issuedAt > this.ttlMs) {
      this.pending.delete(accountId);
      throw new LoginPasteError('expired', 'This login link has expired: start the login again.');
    }
    if (current !== login.client) {
      this.pending.delete(accountId);
      throw new LoginPasteError(
        current ? 'expired' : 'not_running',
        current
          ? 'The Lingma process that issued this link has restarted, and its link died with it: start the login again.'
          : 'The Lingma process that issued this link is not running: start the login again.',
      );
    }
    await this.deliver(accountId, login, values);
  }

  /** The HTTP callback first (the browser's own path, H); `login/auth_callback` if unreachable. */
  private async deliver(
    accountId: string,
    login: PendingLogin,
    values: CallbackValues,
  ): Promise<void> {
    const http = await this.deliverHttp(login.httpPort, values);
    if (http.status !== undefined) {
      // Whatever the answer, the nonce is spent now (single use, §6.2).
      this.pending.delete(accountId);
      if (http.status >= 200 && http.status < 300) return;
      throw new LoginPasteError(
        'rejected',
        'Lingma refused this address: the link has expired or was already used. Start the login again.',
      );
    }
    if (!login.client.authCallback) {
      throw new LoginPasteError(
        'not_running',
        `Could not reach the Lingma process's login callback (${http.error ?? 'no answer'}).`,
      );
    }
    try {
      await login.client.authCallback({
        nonce: values.nonce,
        auth: values.auth,
        tokenString: values.token,
      });
    } catch (err) {
      throw new LoginPasteError(
        'rejected',
        `Lingma refused this address: ${err instanceof Error ? err.message : String(err)}`,
      );
    } finally {
      this.pending.delete(accountId);
    }
  }
}
