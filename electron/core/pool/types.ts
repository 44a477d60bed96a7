/**
 * The pool's public contract: accounts in, leases out. The chat engine uses these very types
 * (chat/ports.ts); the composition root builds the pool with a supervisor factory.
 */
import type { LingmaClientApi, SupervisorApi } from '../lingma/types';
import type { Logger } from '../util/logger';
import type { PoolClock } from './clock';
import type { SessionCacheStats } from './session-cache';

/** One account as the pool needs it (a subset of the account registry's record). */
export interface PoolAccount {
  id: string;
  name: string;
  enabled: boolean;
  /** The primary instance's `--workDir`; workers use `<workDir>-w2`, `<workDir>-w3`, … */
  workDir: string;
  /** Lingma children for this account (at least 1). */
  workers: number;
}

/** Derived from the supervisor state, the last auth check and the account's cooldown. */
export type InstanceState =
  'starting' | 'ready' | 'logged-out' | 'cooling-down' | 'crashed' | 'disabled';

/** How the pool picks an instance when affinity does not decide. */
export type RoutingStrategy = 'least-busy' | 'round-robin' | 'fill-first';

/** What the pool asks the composition root to build for each instance. */
export interface SupervisorSpec {
  /** `<accountId>` for the primary, `<accountId>#<n>` for worker n. */
  instanceId: string;
  accountId: string;
  workerIndex: number;
  workDir: string;
}

/**
 * Builds one supervisor. The real factory should give the supervisor `spec.instanceId` as its own
 * id: the pid registry keys orphans on it, and two workers of one account must not reap each other.
 */
export type SupervisorFactory = (spec: SupervisorSpec) => SupervisorApi;

/** Read-only view of one instance, for the tray, `/healthz` and metrics. No tokens. */
export interface InstanceSnapshot {
  id: string;
  accountId: string;
  accountName: string;
  workerIndex: number;
  state: InstanceState;
  inFlight: number;
  served: number;
  errors: number;
  lastError?: string;
  /** Epoch ms; set while the account cools down. */
  cooldownUntil?: number;
  user?: { name?: string; userType?: string };
  pid?: number;
  socketPort?: number;
  httpPort?: number;
  /** Models this instance listed (0 until loaded). */
  models: number;
  /** Consecutive failed starts/crashes, from the supervisor. */
  restarts: number;
}

export type LeaseOutcomeKind =
  | 'ok'
  | 'error'
  | 'quota_exhausted'
  | 'rate_limited'
  | 'logged_out'
  | 'connection_lost'
  /** The turn gave no first event or went silent past its timeout: the child may be stuck. */
  | 'timeout';

/** How a leased turn ended; drives cooldown, re-login checks and counters. */
export interface LeaseOutcome {
  kind: LeaseOutcomeKind;
  /** Epoch ms when a quota/rate limit lifts, when upstream said so. */
  resetAt?: number;
  message?: string;
}

export interface AcquireOptions {
  /** Sticky routing key (user id or system prompt); hashed before it is kept. */
  affinityKey?: string;
  /** The instance holding a reused session; honoured only while it is ready with a free slot. */
  preferInstanceId?: string;
  /** Instances that already failed this request (failover). */
  exclude?: string[];
  /**
   * Children that already failed this request by dying: their instances are skipped only until
   * they run a new child, so a request can wait for a restart instead of running out of accounts.
   */
  failedClients?: readonly LingmaClientApi[];
  /** Aborting rejects a queued acquire with the signal's reason. */
  signal?: AbortSignal;
}

/** One slot on one instance. Release exactly once (further calls are ignored). */
export interface Lease {
  instanceId: string;
  accountId: string;
  accountName: string;
  client: LingmaClientApi;
  /** False when `preferInstanceId` was given but another instance was chosen: a reuse miss. */
  affinityHonoured: boolean;
  /** Time spent in the admission queue. */
  queuedMs: number;
  release(outcome: LeaseOutcome): void;
}

/** Cooldown schedule used when upstream gives no reset time. */
export interface BackoffOptions {
  /** First cooldown (default 60 s). */
  initialMs: number;
  /** Cap (default 30 min). */
  maxMs: number;
}

/** Settings that may change while the pool runs. */
export interface PoolTuning {
  strategy: RoutingStrategy;
  /**
   * Turns one Lingma child runs at once. The binary runs turns in parallel on distinct sessions
   * (PRED ran up to 4 per instance in production, LTC 4 by default; §8.1, M), so one stuck turn
   * leaves the child's other slots serving.
   */
  maxConcurrentPerInstance: number;
  /** Requests served at once across the gateway; 0 = no limit (the predecessor's backpressure). */
  maxInFlight: number;
  /** The one bound on a request's wait for a slot, whatever it waits for. */
  queueTimeoutMs: number;
}

/** The admission queue's counters (`/metrics`, the tray's in-flight count). */
export interface AdmissionStats {
  /** Leases out across the gateway. */
  inFlight: number;
  queued: number;
  /** Requests refused with 429 (queue timeout or full queue) since start. */
  rejectedTotal: number;
  /** The current gateway-wide limit (0 = none). */
  maxInFlight: number;
}

export interface PoolOptions extends Partial<PoolTuning> {
  supervisorFactory: SupervisorFactory;
  logger?: Logger;
  clock?: PoolClock;
  /** Auth re-check interval (default 30 s). */
  healthIntervalMs?: number;
  /** `waitForLogin` poll interval (default 1 s). */
  loginPollMs?: number;
  backoff?: Partial<BackoffOptions>;
  /** Copies login files into worker dirs; injectable so tests can observe it. */
  syncWorkerLogin?: (primaryDir: string, workerDir: string) => Promise<boolean>;
  /** Removes a stopped worker's login copy when its account logs out; injectable for tests. */
  clearWorkerLogin?: (workerDir: string) => Promise<void>;
  /** When given, its bindings to an instance are dropped as the instance restarts or goes. */
  sessionCache?: {
    invalidateInstance(instanceId: string, cause?: string): number;
    stats(): SessionCacheStats;
  };
  /** How a stuck child is checked after a turn timeout (defaults in stuck-check.ts). */
  stuck?: { probeTimeoutMs?: number };
}

/** Why an instance's upstream sessions can no longer be continued. */
export type InstanceLossReason = 'restarted' | 'logged-out' | 'removed';

/** Counters for `/metrics` and `/internal/stats`. */
export interface PoolStats {
  instances: Array<
    Pick<InstanceSnapshot, 'id' | 'accountId' | 'state' | 'inFlight' | 'served' | 'errors'>
  >;
  ready: number;
  /** Requests waiting for a slot on an instance. */
  queued: number;
  /** `acquire` rejections by NoCapacityError reason. */
  rejected: Record<string, number>;
  admission: AdmissionStats;
  reuse?: SessionCacheStats;
}
