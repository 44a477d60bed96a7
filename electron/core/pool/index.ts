/**
 * The account pool's public surface. `createPool` is what the composition root calls; the rest is
 * re-exported for adapters and tests.
 */
import { AccountPool } from './account-pool';
import type { PoolOptions } from './types';

/** Builds an idle pool; call `setAccounts` to start children. */
export function createPool(options: PoolOptions): AccountPool {
  return new AccountPool(options);
}

export { AccountPool } from './account-pool';
export {
  AccountNotRunningError,
  LoginTimeoutError,
  NoCapacityError,
  PoolStoppedError,
  type NoCapacityReason,
} from './errors';
export {
  SessionCache,
  type HeldConversation,
  type SessionCacheStats,
  type SessionEntry,
  type SessionEntryInput,
} from './session-cache';
export { systemPoolClock, type PoolClock } from './clock';
export { clearWorkerLogin, instanceIdFor, syncWorkerLogin, workerWorkDir } from './worker-dirs';
export type * from './types';
