import type { AccountDto, InstanceStateDto } from '../../shared/dto';
import type { AccountRecord, AccountStore } from '../accounts/account-store';
import { exportBundle, importBundle } from '../accounts/bundle';
import type { LoginStart } from '../core-api';
import type { InstanceSnapshot, PoolAccount } from '../pool/types';
import { nonceOfLoginUrl, portOfLoginUrl } from '../lingma/login-paste';
import type { LingmaClientApi } from '../lingma/types';
import { PendingLogins } from './pending-logins';

/** The parts of the pool the account service drives. */
export interface AccountPool {
  setAccounts(accounts: PoolAccount[]): Promise<void>;
  snapshot(): InstanceSnapshot[];
  clientFor(accountId: string): LingmaClientApi | null;
  waitForLogin(
    accountId: string,
    options: { timeoutMs: number; signal?: AbortSignal },
  ): Promise<void>;
  refreshAuth(accountId: string): Promise<void>;
  logout(accountId: string): Promise<void>;
}

const STATE_ORDER: InstanceStateDto[] = [
  'ready',
  'cooling-down',
  'starting',
  'logged-out',
  'crashed',
  'disabled',
];

/** The account as the UI shows it: the registry record joined with its instances' state. */
export function accountView(record: AccountRecord, instances: InstanceSnapshot[]): AccountDto {
  const mine = instances.filter((i) => i.accountId === record.id);
  const primary = mine.find((i) => i.workerIndex === 1) ?? mine[0];
  // The account is as good as its best instance (a crashed worker does not hide a ready primary).
  const state: InstanceStateDto = !record.enabled
    ? 'disabled'
    : mine.length === 0
      ? 'starting'
      : (STATE_ORDER.find((s) => mine.some((i) => i.state === s)) ?? 'starting');
  const cooldown = mine.map((i) => i.cooldownUntil ?? 0).reduce((a, b) => Math.max(a, b), 0);
  return {
    id: record.id,
    name: record.name,
    enabled: record.enabled,
    state,
    ...(primary?.user?.name ? { userName: primary.user.name } : {}),
    ...(primary?.user?.userType ? { userType: primary.user.userType } : {}),
    ...(primary?.lastError ? { lastError: primary.lastError } : {}),
    served: mine.reduce((s, i) => s + i.served, 0),
    errors: mine.reduce((s, i) => s + i.errors, 0),
    ...(cooldown > 0 ? { cooldownUntil: cooldown } : {}),
    workers: record.workers,
    ...(record.lastLoginAt ? { lastLoginAt: record.lastLoginAt } : {}),
  };
}

function notFound(id: string): Error {
  return Object.assign(new Error(`No account "${id}".`), { code: 'not_found' });
}

/**
 * Accounts end to end: the registry, their pool instances, login through the child, logout, and
 * session bundles. Every registry change is mirrored into the pool.
 */
export class AccountService {
  private readonly pendingLogins: PendingLogins;

  constructor(
    private readonly store: AccountStore,
    private readonly pool: AccountPool,
    private readonly now: () => number = Date.now,
    pendingLogins?: PendingLogins,
  ) {
    this.pendingLogins = pendingLogins ?? new PendingLogins({ now });
  }

  /** Mirrors the registry into the pool (call once at start; changes follow automatically). */
  async sync(): Promise<void> {
    await this.pool.setAccounts(this.poolAccounts());
  }

  watch(onError: (err: unknown) => void): () => void {
    return this.store.onChange(() => void this.sync().catch(onError));
  }

  list(): AccountDto[] {
    const snaps = this.pool.snapshot();
    return this.store.list().map((r) => accountView(r, snaps));
  }

  async add(name: string): Promise<AccountDto> {
    const record = await this.store.add({ name });
    return accountView(record, this.pool.snapshot());
  }

  async remove(id: string, deleteData: boolean): Promise<void> {
    if (!this.store.get(id)) throw notFound(id);
    await this.store.remove(id, { deleteWorkDir: deleteData });
  }

  async setEnabled(id: string, enabled: boolean): Promise<void> {
    if (!this.store.get(id)) throw notFound(id);
    await this.store.update(id, { enabled });
  }

  async logout(id: string): Promise<void> {
    const client = this.pool.clientFor(id);
    if (!client)
      throw Object.assign(new Error('The account is not running.'), { code: 'not_running' });
    await client.logout();
    await this.pool.refreshAuth(id);
  }

  /** Makes sure the child runs (enabling the account if needed) and asks it for a login URL. */
  async beginLogin(id: string, waitMs = 30_000): Promise<LoginStart> {
    const record = this.store.get(id);
    if (!record) throw notFound(id);
    if (!record.enabled) await this.store.update(id, { enabled: true });
    await this.sync();
    const deadline = this.now() + waitMs;
    let client = this.pool.clientFor(id);
    while (!client && this.now() < deadline) {
      const primary = this.pool.snapshot().find((i) => i.accountId === id && i.workerIndex === 1);
      if (primary?.state === 'crashed' && primary.restarts > 2) break;
      await new Promise((r) => setTimeout(r, 200));
      client = this.pool.clientFor(id);
    }
    if (!client) {
      const why = this.pool.snapshot().find((i) => i.accountId === id)?.lastError;
      throw Object.assign(
        new Error(`The Lingma process for "${record.name}" did not start${why ? `: ${why}` : '.'}`),
        {
          code: 'not_running',
        },
      );
    }
    const { loginUrl, nonce } = await client.generateLoginUrl();
    // The URL's `port` is the one the binary really bound (it may differ from the one we asked
    // for, §3.2; L); the supervisor's is the fallback.
    const port =
      portOfLoginUrl(loginUrl) ??
      this.pool.snapshot().find((i) => i.accountId === id && i.workerIndex === 1)?.httpPort;
    if (!loginUrl || !port) throw new Error('Lingma did not return a login URL.');
    const issued = nonce || nonceOfLoginUrl(loginUrl);
    if (issued) this.pendingLogins.issued(id, { nonce: issued, client, httpPort: port });
    return { url: loginUrl, callbackPort: port };
  }

  /**
   * Completes a login from the callback address the user pasted (a browser on another machine
   * could not open it): hands it to the child that issued the URL, then waits until that child
   * reports the login. Throws LoginPasteError (code + a message to show) when it cannot.
   */
  async completeLoginPaste(id: string, pasted: string, waitMs = 30_000): Promise<void> {
    if (!this.store.get(id)) throw notFound(id);
    await this.pendingLogins.complete(
      id,
      pasted,
      this.pool.clientFor(id),
      (other) => this.store.get(other)?.name,
    );
    await this.waitForLogin(id, { timeoutMs: waitMs });
  }

  async waitForLogin(
    id: string,
    options: { timeoutMs: number; signal?: AbortSignal },
  ): Promise<void> {
    await this.pool.waitForLogin(id, options);
    this.pendingLogins.forget(id);
    await this.store.update(id, { lastLoginAt: this.now() });
  }

  async exportBundle(id: string, passphrase: string): Promise<Buffer> {
    const record = this.store.get(id);
    if (!record) throw notFound(id);
    return exportBundle(this.store.workDirFor(id), passphrase, { accountName: record.name });
  }

  /** Imports into an account without an active login, then restarts its children to pick it up. */
  async importBundle(
    id: string,
    data: Buffer,
    passphrase: string,
  ): Promise<{ imported: boolean; message?: string }> {
    const record = this.store.get(id);
    if (!record) throw notFound(id);
    const result = await importBundle(this.store.workDirFor(id), data, passphrase);
    await this.pool.setAccounts(this.poolAccounts().filter((a) => a.id !== id));
    await this.sync();
    return {
      imported: true,
      ...(result.insecure
        ? { message: 'Imported from an unencrypted bundle: delete the source file.' }
        : {}),
    };
  }

  /**
   * Starts again every account whose Lingma process failed to start (e.g. while Lingma was still
   * missing): a failed first start is not retried by the supervisor.
   */
  async restartCrashed(): Promise<void> {
    const crashed = new Set(
      this.list()
        .filter((a) => a.enabled && a.state === 'crashed')
        .map((a) => a.id),
    );
    if (crashed.size === 0) return;
    await this.pool.setAccounts(this.poolAccounts().filter((a) => !crashed.has(a.id)));
    await this.sync();
  }

  private poolAccounts(): PoolAccount[] {
    return this.store.list().map((r) => ({
      id: r.id,
      name: r.name,
      enabled: r.enabled,
      workDir: this.store.workDirFor(r.id),
      workers: r.workers,
    }));
  }
}
