import type { AccountDto, InstanceStateDto } from '../../shared/dto';
import type { AccountRecord, AccountStore } from '../accounts/account-store';
import { exportBundle, importBundle } from '../accounts/bundle';
import type { InstanceSnapshot, PoolAccount } from '../pool/types';

/** The parts of the pool the account service drives (its lifecycle: pool/account-lifecycle.ts). */
export interface AccountPool {
  setAccounts(accounts: PoolAccount[]): Promise<void>;
  snapshot(): InstanceSnapshot[];
  logout(accountId: string): Promise<void>;
  restartAccounts(accountIds: readonly string[]): Promise<void>;
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

/**
 * The account registry and its mirror in the pool: the list the UI shows, add/remove/enable,
 * session bundles, and what a login or logout means for the record. What happens to the children
 * (log in, log out, worker copies, restarts) is the pool's (pool/account-lifecycle.ts); the login
 * sequence itself is services/login-flow.ts.
 */
export class AccountService {
  constructor(
    private readonly store: AccountStore,
    private readonly pool: AccountPool,
    private readonly now: () => number = Date.now,
  ) {}

  /** Mirrors the registry into the pool (call once at start; changes follow automatically). */
  async sync(): Promise<void> {
    await this.pool.setAccounts(this.poolAccounts());
  }

  watch(onError: (err: unknown) => void): () => void {
    return this.store.onChange(() => void this.sync().catch(onError));
  }

  get(id: string): AccountRecord | undefined {
    return this.store.get(id);
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
    this.require(id);
    await this.store.remove(id, { deleteWorkDir: deleteData });
  }

  async setEnabled(id: string, enabled: boolean): Promise<void> {
    this.require(id);
    await this.store.update(id, { enabled });
  }

  /** Logs the account out of every one of its children (the primary and each worker). */
  async logout(id: string): Promise<void> {
    this.require(id);
    await this.pool.logout(id);
  }

  /** Before a login: the account is enabled and its children are (being) started. */
  async prepareLogin(id: string): Promise<void> {
    if (!this.require(id).enabled) await this.store.update(id, { enabled: true });
    await this.sync();
  }

  /** A login completed: remember when. */
  async loggedIn(id: string): Promise<void> {
    if (this.store.get(id)) await this.store.update(id, { lastLoginAt: this.now() });
  }

  async exportBundle(id: string, passphrase: string): Promise<Buffer> {
    const record = this.require(id);
    return exportBundle(this.store.workDirFor(id), passphrase, { accountName: record.name });
  }

  /** Imports into an account without an active login, then restarts its children to pick it up. */
  async importBundle(
    id: string,
    data: Buffer,
    passphrase: string,
  ): Promise<{ imported: boolean; message?: string }> {
    this.require(id);
    const result = await importBundle(this.store.workDirFor(id), data, passphrase);
    await this.pool.restartAccounts([id]);
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
    const crashed = this.list()
      .filter((a) => a.enabled && a.state === 'crashed')
      .map((a) => a.id);
    if (crashed.length > 0) await this.pool.restartAccounts(crashed);
  }

  private require(id: string): AccountRecord {
    const record = this.store.get(id);
    if (!record) {
      throw Object.assign(new Error(`No account "${id}".`), { code: 'not_found' });
    }
    return record;
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
