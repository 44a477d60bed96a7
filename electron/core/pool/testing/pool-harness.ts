/**
 * A pool wired to fakes: fake supervisors on a fake disk, a manual clock, and a login copier that
 * copies the fake disk's logins. Tests drive it and read the derived states.
 */
import { AccountPool } from '../account-pool';
import type { InstanceState, PoolAccount, PoolOptions } from '../types';
import { FakeClock, flush } from './fake-clock';
import { FakeDisk, FakeSupervisor } from './fake-lingma';

export interface PoolHarness {
  pool: AccountPool;
  clock: FakeClock;
  disk: FakeDisk;
  /** Every supervisor ever built, newest last per instance id. */
  built: FakeSupervisor[];
  /** The newest supervisor of an instance (throws when there is none). */
  sup(instanceId: string): FakeSupervisor;
  /** (from, to) of each login copy the pool asked for. */
  copies: Array<[string, string]>;
  /** Worker dirs whose login copy the pool removed. */
  clears: string[];
  /** instance id → state, in pool order. */
  states(): Record<string, InstanceState>;
  flush(): Promise<void>;
}

/** An account whose workDir is `/fake/<id>` (logged in on the fake disk unless said otherwise). */
export function fakeAccount(id: string, over: Partial<PoolAccount> = {}): PoolAccount {
  return { id, name: id.toUpperCase(), enabled: true, workDir: `/fake/${id}`, workers: 1, ...over };
}

export function poolHarness(
  options: Partial<PoolOptions> & { manualStart?: boolean } = {},
): PoolHarness {
  const clock = new FakeClock();
  const disk = new FakeDisk();
  const built: FakeSupervisor[] = [];
  const copies: Array<[string, string]> = [];
  const clears: string[] = [];
  const { manualStart, ...rest } = options;
  const pool = new AccountPool({
    clock,
    // One slot per instance unless a test says otherwise: slot arithmetic stays easy to follow.
    maxConcurrentPerInstance: 1,
    supervisorFactory: (spec) => {
      const s = new FakeSupervisor(spec, disk, manualStart);
      built.push(s);
      return s;
    },
    syncWorkerLogin: (from, to) => {
      const src = disk.read(from);
      const dst = disk.read(to);
      if (!src.loggedIn || (dst.loggedIn && dst.name === src.name)) return Promise.resolve(false);
      disk.logins.set(to, { ...src });
      copies.push([from, to]);
      return Promise.resolve(true);
    },
    clearWorkerLogin: (dir) => {
      disk.logout(dir);
      clears.push(dir);
      return Promise.resolve();
    },
    ...rest,
  });
  return {
    pool,
    clock,
    disk,
    built,
    copies,
    clears,
    sup(instanceId) {
      const found = built.filter((s) => s.instanceId === instanceId).at(-1);
      if (!found) throw new Error(`no supervisor for ${instanceId}`);
      return found;
    },
    states: () => Object.fromEntries(pool.snapshot().map((s) => [s.id, s.state])),
    flush,
  };
}

/** Starts `accounts` (logged in on the fake disk unless listed in `loggedOut`) and settles. */
export async function startWith(
  h: PoolHarness,
  accounts: PoolAccount[],
  loggedOut: string[] = [],
): Promise<void> {
  for (const a of accounts) {
    if (!loggedOut.includes(a.id)) h.disk.login(a.workDir, `${a.id}@example.com`);
  }
  await h.pool.setAccounts(accounts);
  await flush();
  await flush();
}
