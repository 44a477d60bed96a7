/**
 * THE login flow, for every host: make sure Lingma is on disk (joining or starting its download),
 * have the account's child issue a login URL, show it (the desktop's login window, the CLI's
 * printed URL, or nothing: `/internal` hands the URL back), wait until the child reports the login,
 * and take a pasted callback address instead when the browser was on another machine (§6.2).
 * Every phase is reported as `login:progress`.
 */
import type { BinaryStatusDto, LoginPhase, LoginProgressDto } from '../../shared/dto';
import type { LingmaClientApi } from '../lingma/types';
import { nonceOfLoginUrl, portOfLoginUrl } from '../lingma/login-paste';
import type { InstanceSnapshot } from '../pool/types';
import type { Logger } from '../util/logger';
import type { AccountService } from './account-service';
import { PendingLogins } from './pending-logins';

export type LoginWindowResult = 'closed-by-user' | 'closed-by-app';

/** The login page a host is asked to show. */
export interface LoginPage {
  accountId: string;
  accountName: string;
  url: string;
  /** The Lingma child's HTTP port: the browser's callback lands there and must be allowed. */
  callbackPort: number;
}

/** A shown login page (a window): `closed` resolves when it is gone. */
export interface LoginWindowHandle {
  closed: Promise<LoginWindowResult>;
  close(): void;
}

/** How a host shows a login page; returning nothing means "shown, nothing to close". */
export type LoginPresenter = (page: LoginPage) => LoginWindowHandle | void;

export interface LoginStarted {
  url: string;
  callbackPort: number;
  /** Settles when the login ends: resolves once logged in, rejects on failure, timeout, cancel. */
  done: Promise<void>;
}

/** The pool's side of a login (pool/account-lifecycle.ts). */
export interface LoginPool {
  loginClient(accountId: string, timeoutMs?: number): Promise<LingmaClientApi>;
  clientFor(accountId: string): LingmaClientApi | null;
  waitForLogin(accountId: string, o: { timeoutMs: number; signal?: AbortSignal }): Promise<void>;
  snapshot(): InstanceSnapshot[];
}

export interface LoginFlowDeps {
  accounts: AccountService;
  pool: LoginPool;
  binary: { status(): BinaryStatusDto; download(): Promise<BinaryStatusDto> };
  logger: Logger;
  pending?: PendingLogins;
  /** How long a login may take before it is abandoned (the user walked away). Default 10 min. */
  timeoutMs?: number;
  /** How long a pasted callback may take to show as a login. Default 30 s. */
  pasteWaitMs?: number;
}

interface ActiveLogin {
  abort: AbortController;
  window?: LoginWindowHandle | undefined;
  done?: Promise<void>;
  last: LoginProgressDto;
}

const coded = (message: string, code: string): Error => Object.assign(new Error(message), { code });
const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export class LoginFlow {
  private readonly active = new Map<string, ActiveLogin>();
  private readonly listeners = new Set<(p: LoginProgressDto) => void>();
  private readonly pending: PendingLogins;

  constructor(private readonly d: LoginFlowDeps) {
    this.pending = d.pending ?? new PendingLogins();
  }

  onProgress(listener: (p: LoginProgressDto) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The latest report of the account's login while one runs. */
  current(accountId: string): LoginProgressDto | undefined {
    return this.active.get(accountId)?.last;
  }

  /**
   * Starts the account's login (a running one is replaced) and resolves once its URL is out and
   * shown. Rejects (and reports `failed`) when Lingma or the child cannot give one; rejects with
   * code `cancelled` when cancelled before that.
   */
  async start(accountId: string, present?: LoginPresenter): Promise<LoginStarted> {
    this.cancel(accountId, { quiet: true });
    const record = this.d.accounts.get(accountId);
    if (!record) throw coded(`No account "${accountId}".`, 'not_found');
    const active = this.track(accountId, 'starting');
    let issued: { url: string; callbackPort: number };
    try {
      await this.ensureBinary();
      this.throwIfCancelled(active);
      issued = await this.issue(accountId);
      this.throwIfCancelled(active);
    } catch (err) {
      if (this.active.get(accountId) === active) {
        this.active.delete(accountId);
        this.report(active, accountId, 'failed', messageOf(err));
      }
      throw err;
    }
    active.window = present?.({ accountId, accountName: record.name, ...issued }) ?? undefined;
    this.report(active, accountId, 'waiting', undefined, issued.url);
    void active.window?.closed.then((how) => {
      if (how !== 'closed-by-user' || this.active.get(accountId) !== active) return;
      this.active.delete(accountId);
      active.abort.abort(coded('The login window was closed.', 'cancelled'));
      this.report(active, accountId, 'cancelled', 'The login window was closed.');
    });
    const done = this.wait(accountId, active, this.d.timeoutMs ?? 10 * 60_000);
    return { ...issued, done };
  }

  /**
   * Completes the account's login from the callback address a browser on another machine could
   * not open: hands it to the child that issued the URL, then waits until that child reports the
   * login. Rejects with LoginPasteError (`bad_link`, `no_login`, `foreign_link`, `expired`,
   * `rejected`, `not_running`) and a message to show.
   */
  async paste(accountId: string, pasted: string): Promise<void> {
    if (!this.d.accounts.get(accountId)) throw coded(`No account "${accountId}".`, 'not_found');
    await this.pending.complete(
      accountId,
      pasted,
      this.d.pool.clientFor(accountId),
      (other) => this.d.accounts.get(other)?.name,
    );
    const waitMs = this.d.pasteWaitMs ?? 30_000;
    // The running login (its window, its CLI prompt) sees the login too and ends with it.
    const active = this.active.get(accountId) ?? this.track(accountId, 'waiting');
    active.done ??= this.wait(accountId, active, waitMs);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(coded('Lingma took the address but did not report a login.', 'timeout')),
        waitMs,
      );
    });
    try {
      await Promise.race([active.done, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops the account's login (its window closes); reported as `cancelled` unless `quiet`. */
  cancel(accountId: string, o: { quiet?: boolean } = {}): void {
    const active = this.active.get(accountId);
    if (!active) return;
    this.active.delete(accountId);
    active.abort.abort(coded('The login was cancelled.', 'cancelled'));
    active.window?.close();
    if (!o.quiet) this.report(active, accountId, 'cancelled');
  }

  isActive(accountId: string): boolean {
    return this.active.has(accountId);
  }

  dispose(): void {
    for (const id of [...this.active.keys()]) this.cancel(id, { quiet: true });
  }

  private track(accountId: string, phase: LoginPhase): ActiveLogin {
    const active: ActiveLogin = { abort: new AbortController(), last: { accountId, phase } };
    this.active.set(accountId, active);
    this.report(active, accountId, phase);
    return active;
  }

  private report(
    active: ActiveLogin,
    accountId: string,
    phase: LoginPhase,
    message?: string,
    url?: string,
  ): void {
    const p: LoginProgressDto = { accountId, phase };
    if (message !== undefined) p.message = message;
    if (url !== undefined) p.url = url;
    active.last = p;
    for (const l of this.listeners) l(p);
  }

  private throwIfCancelled(active: ActiveLogin): void {
    if (active.abort.signal.aborted) throw coded('The login was cancelled.', 'cancelled');
  }

  /** Lingma must be on disk before a child can start: wait for (or start) its download. */
  private async ensureBinary(): Promise<void> {
    if (this.d.binary.status().path) return;
    const status = await this.d.binary.download();
    if (!status.path) {
      const why = status.failure?.message ?? status.error ?? 'Lingma is not installed.';
      throw coded(why, 'binary_missing');
    }
  }

  /** Starts the account's child (enabling the account) and has it issue a login URL. */
  private async issue(accountId: string): Promise<{ url: string; callbackPort: number }> {
    await this.d.accounts.prepareLogin(accountId);
    const client = await this.d.pool.loginClient(accountId);
    const { loginUrl, nonce } = await client.generateLoginUrl();
    // The URL's `port` is the one the binary really bound (it may differ from the one we asked
    // for, §3.2; L); the supervisor's is the fallback.
    const port =
      portOfLoginUrl(loginUrl) ??
      this.d.pool.snapshot().find((i) => i.accountId === accountId && i.workerIndex === 1)
        ?.httpPort;
    if (!loginUrl || !port) throw new Error('Lingma did not return a login URL.');
    const issued = nonce || nonceOfLoginUrl(loginUrl);
    if (issued) this.pending.issued(accountId, { nonce: issued, client, httpPort: port });
    return { url: loginUrl, callbackPort: port };
  }

  private wait(accountId: string, active: ActiveLogin, timeoutMs: number): Promise<void> {
    const signal = active.abort.signal;
    const done = this.d.pool.waitForLogin(accountId, { timeoutMs, signal }).then(
      async () => {
        this.pending.forget(accountId);
        await this.d.accounts.loggedIn(accountId);
        if (this.active.get(accountId) !== active) return;
        this.active.delete(accountId);
        active.window?.close();
        this.report(active, accountId, 'succeeded');
      },
      (err: unknown) => {
        if (this.active.get(accountId) === active) {
          this.active.delete(accountId);
          active.window?.close();
          const timeout = (err as { code?: unknown }).code === 'timeout';
          this.report(active, accountId, timeout ? 'timeout' : 'failed', messageOf(err));
          this.d.logger.warn('login did not complete', { accountId, err });
        }
        throw err;
      },
    );
    // Hosts that do not wait (the login window, /internal) must not leave a rejection unhandled.
    done.catch(() => undefined);
    active.done = done;
    return done;
  }
}
