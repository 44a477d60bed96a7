/**
 * The pool's membership: which instances exist for which accounts, in account order. `reconcile`
 * turns a new account list into starts and stops; `syncWorkers` hands a fresh login to workers.
 */
import type { Logger } from '../util/logger';
import { AccountCooldown } from './cooldown';
import { PoolInstance, type InstanceHost } from './pool-instance';
import type { BackoffOptions, PoolAccount, SupervisorFactory, SupervisorSpec } from './types';
import { instanceIdFor, workerWorkDir } from './worker-dirs';

/** One account and its instances (index 0 = the primary, or the disabled placeholder). */
export interface AccountEntry {
  account: PoolAccount;
  cooldown: AccountCooldown;
  instances: PoolInstance[];
  syncing?: Promise<void>;
}

export interface InstanceSetDeps {
  factory: SupervisorFactory;
  host: InstanceHost;
  logger: Logger;
  backoff: BackoffOptions;
  syncWorkerLogin: (primaryDir: string, workerDir: string) => Promise<boolean>;
  /** An instance is leaving the pool (account removed or disabled, fewer workers, shutdown). */
  onRemoved: (instance: PoolInstance) => void;
}

/** Accounts and their instances, kept in account order. */
export class InstanceSet {
  private readonly accounts = new Map<string, AccountEntry>();
  private ordered: PoolInstance[] = [];
  private readonly orderIndex = new Map<PoolInstance, number>();

  constructor(private readonly deps: InstanceSetDeps) {}

  /** Every instance (placeholders included), in account order then worker order. */
  all(): readonly PoolInstance[] {
    return this.ordered;
  }

  /** True while `instance` is a member (a retired one may still report late changes). */
  has(instance: PoolInstance): boolean {
    return this.orderIndex.has(instance);
  }

  orderOf(instance: PoolInstance): number {
    return this.orderIndex.get(instance) ?? -1;
  }

  account(accountId: string): AccountEntry | undefined {
    return this.accounts.get(accountId);
  }

  entries(): IterableIterator<AccountEntry> {
    return this.accounts.values();
  }

  /**
   * Applies a new account list: stops removed/disabled accounts and surplus workers, starts new
   * ones (workers after their login copy). Resolves when the stops are done and the starts issued.
   */
  async reconcile(next: readonly PoolAccount[]): Promise<void> {
    const wanted = new Map<string, PoolAccount>();
    for (const a of next) if (!wanted.has(a.id)) wanted.set(a.id, a);
    const leaving: PoolInstance[] = [];
    const starts: PoolInstance[] = [];
    for (const [id, entry] of this.accounts) {
      if (wanted.has(id)) continue;
      this.accounts.delete(id);
      leaving.push(...entry.instances);
    }
    for (const account of wanted.values()) {
      let entry = this.accounts.get(account.id);
      if (entry && entry.account.workDir !== account.workDir) {
        leaving.push(...entry.instances);
        entry.instances = [];
      }
      if (!entry) {
        entry = { account, cooldown: new AccountCooldown(this.deps.backoff), instances: [] };
        this.accounts.set(account.id, entry);
      }
      entry.account = { ...account };
      for (const i of entry.instances) i.accountName = account.name;
      leaving.push(...this.resize(entry, starts));
    }
    // Membership changes first, so late events from leaving children are recognised as such.
    this.reorder([...wanted.keys()]);
    await Promise.all(leaving.map((i) => this.retire(i)));
    await Promise.all(starts.map((i) => this.launch(i)));
  }

  /** Stops every child (concurrently: quitting should not wait N × the stop grace). */
  /** The health tick: re-checks auth everywhere and retries model lists that failed to load. */
  healthCheck(): void {
    for (const instance of this.ordered) {
      if (!instance.client()) continue;
      void instance.checkAuth();
      if (instance.state() === 'ready' && instance.snapshot().models === 0) {
        void instance.loadModels();
      }
    }
  }

  async stopAll(): Promise<void> {
    const all = [...this.ordered];
    this.accounts.clear();
    this.reorder([]);
    await Promise.all(all.map((i) => this.retire(i)));
  }

  /**
   * Gives the primary's login to workers that are not logged in, restarting those that got new
   * files (a running binary reads its login at start). Serialised per account.
   */
  syncWorkers(accountId: string): Promise<void> {
    const entry = this.accounts.get(accountId);
    const primary = entry?.instances[0];
    if (!entry || !primary?.enabled || primary.authKnowledge !== 'logged-in') {
      return Promise.resolve();
    }
    const run = async (): Promise<void> => {
      for (const worker of entry.instances.slice(1)) {
        if (worker.authKnowledge === 'logged-in' || !this.has(worker)) continue;
        const copied = await this.deps
          .syncWorkerLogin(primary.workDir, worker.workDir)
          .catch((err: unknown) => {
            this.deps.logger.warn('could not copy the login to a worker', { id: worker.id, err });
            return false;
          });
        if (!copied || !this.has(worker)) continue;
        this.deps.logger.info('worker got the account login; restarting it', { id: worker.id });
        await worker.restart().catch((err: unknown) => {
          this.deps.logger.warn('worker restart failed', { id: worker.id, err });
        });
      }
    };
    entry.syncing = (entry.syncing ?? Promise.resolve()).then(run);
    return entry.syncing;
  }

  /** Matches an entry's instances to its account; returns the instances that must go. */
  private resize(entry: AccountEntry, starts: PoolInstance[]): PoolInstance[] {
    const { account } = entry;
    const placeholder = entry.instances.length === 1 && !entry.instances[0]?.enabled;
    if (!account.enabled) {
      if (placeholder) return [];
      const leaving = entry.instances;
      entry.instances = [this.create(account, 1, false)];
      return leaving;
    }
    if (placeholder) entry.instances = [];
    const count = Math.max(1, Math.floor(account.workers) || 1);
    const leaving = entry.instances.splice(count);
    for (let n = entry.instances.length + 1; n <= count; n += 1) {
      const instance = this.create(account, n, true);
      entry.instances.push(instance);
      starts.push(instance);
    }
    return leaving;
  }

  private create(account: PoolAccount, workerIndex: number, enabled: boolean): PoolInstance {
    const spec: SupervisorSpec = {
      instanceId: instanceIdFor(account.id, workerIndex),
      accountId: account.id,
      workerIndex,
      workDir: workerWorkDir(account.workDir, workerIndex),
    };
    const supervisor = enabled ? this.deps.factory(spec) : null;
    return new PoolInstance(spec, account.name, supervisor, this.deps.host);
  }

  /** Workers start from a copy of the primary's login when it has one on disk. */
  private async launch(instance: PoolInstance): Promise<void> {
    if (instance.workerIndex > 1) {
      const primary = this.accounts.get(instance.accountId)?.instances[0];
      if (primary) {
        await this.deps.syncWorkerLogin(primary.workDir, instance.workDir).catch((err: unknown) => {
          this.deps.logger.warn('could not copy the login to a worker', { id: instance.id, err });
        });
      }
    }
    if (this.has(instance)) instance.start();
  }

  private async retire(instance: PoolInstance): Promise<void> {
    this.deps.onRemoved(instance);
    await instance.stop().catch((err: unknown) => {
      this.deps.logger.warn('instance stop failed', { id: instance.id, err });
    });
  }

  private reorder(accountIds: readonly string[]): void {
    this.ordered = accountIds.flatMap((id) => this.accounts.get(id)?.instances ?? []);
    this.orderIndex.clear();
    this.ordered.forEach((instance, index) => this.orderIndex.set(instance, index));
  }
}
