/**
 * An account's life in the pool after its children are started: the child a login talks to,
 * logging in (wait, fresh cooldown, the login handed to the workers), logging out (every child of
 * the account, not only the primary: workers run on copies of the login) and restarting the
 * account's children. The only place that decides what "this account logged in / out" does to
 * its instances.
 */
import type { LingmaClientApi } from '../lingma/types';
import type { Logger } from '../util/logger';
import type { PoolClock } from './clock';
import { AccountNotRunningError } from './errors';
import type { InstanceSet } from './instance-set';
import { pollUntilLoggedIn } from './login-wait';
import type { InstanceChange, PoolInstance } from './pool-instance';
import type { PoolAccount } from './types';

export interface LifecycleHost {
  set: InstanceSet;
  clock: PoolClock;
  logger: Logger;
  /** `waitForLogin` poll interval. */
  loginPollMs: number;
  /** Removes a worker's login copy from its workDir (worker-dirs.ts). */
  clearWorkerLogin(workerDir: string): Promise<void>;
  setAccounts(accounts: readonly PoolAccount[]): Promise<void>;
  /** Re-derives every instance's state and re-dispatches waiters. */
  refreshAll(): void;
}

/** A crashed primary with more failed starts than this will not come up for a login. */
const LOGIN_START_GIVE_UP_RESTARTS = 2;

export class AccountLifecycle {
  /**
   * Accounts the user logged out, until their primary reports a login again: a worker that comes
   * back logged in meanwhile (it was restarting during the logout) is logged out too.
   */
  private readonly loggedOut = new Set<string>();

  constructor(private readonly h: LifecycleHost) {}

  /** The account's primary child client while it runs, logged in or not. */
  clientFor(accountId: string): LingmaClientApi | null {
    return this.h.set.account(accountId)?.instances[0]?.client() ?? null;
  }

  /**
   * The primary's client for a login, waiting (up to `timeoutMs`) while the child starts. Rejects
   * with AccountNotRunningError, with the child's last error, when it does not come up.
   */
  async loginClient(accountId: string, timeoutMs: number): Promise<LingmaClientApi> {
    const deadline = this.h.clock.now() + timeoutMs;
    let client = this.clientFor(accountId);
    while (!client && this.h.clock.now() < deadline) {
      const primary = this.h.set.account(accountId)?.instances[0];
      const givenUp =
        primary?.state() === 'crashed' &&
        primary.snapshot().restarts > LOGIN_START_GIVE_UP_RESTARTS;
      if (!primary || givenUp) break;
      await new Promise<void>((r) => this.h.clock.setTimeout(r, 200));
      client = this.clientFor(accountId);
    }
    if (client) return client;
    const entry = this.h.set.account(accountId);
    const why = entry?.instances.find((i) => i.snapshot().lastError)?.snapshot().lastError;
    throw new AccountNotRunningError(
      `The Lingma process for "${entry?.account.name ?? accountId}" did not start${why ? `: ${why}` : '.'}`,
    );
  }

  /** Re-checks every instance of the account now, then hands a fresh login to its workers. */
  async refreshAuth(accountId: string): Promise<void> {
    const entry = this.h.set.account(accountId);
    if (!entry) return;
    await Promise.all(entry.instances.map((i) => i.checkAuth()));
    await this.h.set.syncWorkers(accountId);
  }

  /**
   * Logs the account out of every child. The primary goes first (its failure rejects and changes
   * nothing); then each running worker is logged out, and a worker that is not running loses its
   * login copy so it starts logged out.
   */
  async logout(accountId: string): Promise<void> {
    const entry = this.h.set.account(accountId);
    const primary = entry?.instances[0]?.client();
    if (!entry || !primary) throw new AccountNotRunningError('The account is not running.');
    await primary.logout();
    this.loggedOut.add(accountId);
    await Promise.all(entry.instances.slice(1).map((worker) => this.logoutWorker(worker)));
    await this.refreshAuth(accountId);
  }

  /**
   * Polls the primary until it reports a login (LoginTimeoutError after `timeoutMs`), then clears
   * the account's cooldown (a new login starts fresh) and refreshes state and worker copies.
   */
  async waitForLogin(
    accountId: string,
    options: { timeoutMs: number; signal?: AbortSignal },
  ): Promise<void> {
    if (!this.h.set.account(accountId)) throw new Error(`Unknown account ${accountId}.`);
    await pollUntilLoggedIn(accountId, () => this.clientFor(accountId), {
      clock: this.h.clock,
      intervalMs: this.h.loginPollMs,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
    });
    this.loggedOut.delete(accountId);
    this.h.set.account(accountId)?.cooldown.reset();
    await this.refreshAuth(accountId);
    this.h.refreshAll();
  }

  /** Stops and starts the accounts' children afresh (a new login on disk, a failed first start). */
  async restartAccounts(accountIds: readonly string[]): Promise<void> {
    const ids = new Set(accountIds);
    const all = [...this.h.set.entries()].map((e) => e.account);
    if (!all.some((a) => ids.has(a.id))) return;
    await this.h.setAccounts(all.filter((a) => !ids.has(a.id)));
    await this.h.setAccounts(all);
  }

  /** Called for every instance change: the login side of it. */
  observed(instance: PoolInstance, cause: InstanceChange): void {
    if (cause !== 'auth' || instance.authKnowledge !== 'logged-in') return;
    if (instance.workerIndex === 1) {
      // A login on the primary (the login flow, a health check, an imported bundle): the workers
      // get it, and a logout in force is over.
      this.loggedOut.delete(instance.accountId);
      void this.h.set.syncWorkers(instance.accountId);
    } else if (this.loggedOut.has(instance.accountId)) {
      this.h.logger.info('worker came back logged in after its account logged out', {
        id: instance.id,
      });
      void this.logoutWorker(instance);
    }
  }

  private async logoutWorker(worker: PoolInstance): Promise<void> {
    const client = worker.client();
    try {
      if (client) {
        await client.logout();
        // Known now, without waiting for an auth check that may already be under way.
        worker.markLoggedOut();
      } else {
        await this.h.clearWorkerLogin(worker.workDir);
      }
    } catch (err) {
      this.h.logger.warn('worker logout failed', { id: worker.id, err });
    }
  }
}
