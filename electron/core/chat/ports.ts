/**
 * What the chat engine needs from the rest of the core, in the providers' own types: the account
 * pool (its Lease and AcquireOptions, from pool/types.ts — no second lease contract), the session
 * cache, the request log's trace and the tools seams (tool-seams.ts). create-core.ts plugs the
 * real ones in; tests plug fakes in (testing/fakes.ts).
 */
import type { LingmaModel, UpstreamToolMessage } from '../lingma/types';
import type { SessionBinding } from '../pool/session-cache';
import type { AcquireOptions, Lease } from '../pool/types';

export type { AcquireOptions, Lease, LeaseOutcome } from '../pool/types';
export type { SessionBinding } from '../pool/session-cache';

/** The slice of the account pool the engine uses; AccountPool satisfies it as it is. */
export interface ChatPool {
  /** A slot on an instance; rejects with the pool's NoCapacityError / PoolStoppedError. */
  acquire(options: AcquireOptions): Promise<Lease>;
  models(): Promise<LingmaModel[]>;
  /** True once the pool is stopping (quit): failing turns then say so instead of "lost". */
  readonly closing: boolean;
}

/** The slice of the session cache the engine uses (pool/session-cache.ts). */
export interface SessionStore {
  lookup(key: string): SessionBinding | undefined;
  store(key: string, binding: SessionBinding): void;
  recordHit(hit: boolean): void;
}

/** The engine's view of the request-log entry for this request (live details only). */
export interface RequestTrace {
  set(patch: TracePatch): void;
  upstreamTool(message: UpstreamToolMessage): void;
  event(kind: string): void;
}

export interface TracePatch {
  resolvedModel?: string;
  accountId?: string;
  accountName?: string;
  instanceId?: string;
  reuseHit?: boolean;
  queueWaitMs?: number;
  upstreamRequestId?: string;
  upstreamSessionId?: string;
  attempts?: number;
  questionChars?: number;
  note?: string;
  /** new / reply / replay (session-kind.ts); the request log shows it. */
  sessionKind?: string;
  /** UTF-8 bytes of one question sent upstream; the request log adds them up. */
  upstreamAskBytes?: number;
}

export const noopTrace: RequestTrace = {
  set: () => undefined,
  upstreamTool: () => undefined,
  event: () => undefined,
};
