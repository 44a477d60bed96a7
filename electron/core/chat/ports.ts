/**
 * What the chat engine needs from the rest of the core, in the providers' own types: the account
 * pool (its Lease and AcquireOptions, from pool/types.ts — no second lease contract), the session
 * cache, the request log's trace and the tools seams (tool-seams.ts). create-core.ts plugs the
 * real ones in; tests plug fakes in (testing/fakes.ts).
 */
import type { LingmaModel, UpstreamToolMessage } from '../lingma/types';
import type {
  HeldConversation,
  MissingReason,
  SessionEntry,
  SessionEntryInput,
} from '../pool/session-cache';
import type { AcquireOptions, Lease } from '../pool/types';
import type { SessionKind } from './session-kind';

export type { AcquireOptions, Lease, LeaseOutcome } from '../pool/types';
export type {
  HeldConversation,
  MissingReason,
  SessionBinding,
  SessionEntry,
  SessionEntryInput,
} from '../pool/session-cache';

/** The slice of the account pool the engine uses; AccountPool satisfies it as it is. */
export interface ChatPool {
  /** A slot on an instance; rejects with the pool's NoCapacityError / PoolStoppedError. */
  acquire(options: AcquireOptions): Promise<Lease>;
  models(): Promise<LingmaModel[]>;
  /** True once the pool is stopping (quit): failing turns then say so instead of "lost". */
  readonly closing: boolean;
}

/** A session taken out of the store by the request that continues it. */
export type TakenSession = SessionEntry & { takenAt: number };

/** The slice of the session cache the engine uses (pool/session-cache.ts). */
export interface SessionStore {
  /** The session holding exactly the conversation `key` names, now owned by the caller. */
  take(key: string): TakenSession | undefined;
  /** Gives back a taken session that was not used. */
  restore(key: string, taken: TakenSession): boolean;
  /** Whether a taken session's instance was lost (restarted, logged out) since it was taken. */
  lostSince(taken: TakenSession): boolean;
  /** What became of a taken session that was used (continued, or failed). */
  retire(key: string, why: MissingReason): void;
  /** The session now holding the conversation `key` names; `tags` name it for `recall`. */
  store(key: string, entry: SessionEntryInput, tags: readonly string[]): void;
  /** The conversation last stored under `tag`. */
  recall(tag: string): HeldConversation | undefined;
  /** Why `key` has no session any more, when it had one recently. */
  missing(key: string): MissingReason | undefined;
  recordHit(hit: boolean): void;
}

export type { SessionKind };

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
  /**
   * How the request reached Lingma: `new` (a fresh conversation, new session), `reply` (only
   * what is new, on the session holding the rest), `replay` (the whole history into a new
   * session; the log's note says why).
   */
  sessionKind?: SessionKind;
  queueWaitMs?: number;
  upstreamRequestId?: string;
  upstreamSessionId?: string;
  attempts?: number;
  questionChars?: number;
  note?: string;
  /** UTF-8 bytes of one question sent upstream; the request log adds them up. */
  upstreamAskBytes?: number;
}

export const noopTrace: RequestTrace = {
  set: () => undefined,
  upstreamTool: () => undefined,
  event: () => undefined,
};
