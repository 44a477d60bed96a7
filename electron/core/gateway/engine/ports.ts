/**
 * What the chat engine needs from the rest of the core, as narrow interfaces. create-core.ts plugs
 * the real pool (which owns admission), reuse cache and request log in; tests plug fakes in.
 */
import type { LingmaClientApi, LingmaModel, UpstreamToolMessage } from '../../lingma/types';
import type { LeaseOutcome } from '../../pool/types';
import type { NeutralToolCall } from '../translate/neutral';

export type { LeaseOutcome, LeaseOutcomeKind } from '../../pool/types';

export interface EngineLease {
  instanceId: string;
  accountId: string;
  accountName: string;
  client: LingmaClientApi;
  /** False when a preferred (session-bound) instance could not be used. */
  affinityHonoured: boolean;
  queuedMs: number;
  release(outcome: LeaseOutcome): void;
}

export interface AcquireOptions {
  affinityKey?: string;
  preferInstanceId?: string;
  exclude?: string[];
  /** Children that died under this request (skipped until their instance restarts). */
  failedClients?: readonly LingmaClientApi[];
  signal?: AbortSignal;
}

export interface EnginePool {
  acquire(options: AcquireOptions): Promise<EngineLease>;
  models(): Promise<LingmaModel[]>;
  /** True once the pool is stopping (quit): failing turns then say so instead of "lost". */
  closing?(): boolean;
}

export interface ReuseBinding {
  sessionId: string;
  instanceId: string;
}

export interface EngineReuseCache {
  lookup(key: string): ReuseBinding | undefined;
  store(key: string, binding: ReuseBinding): void;
  recordHit(hit: boolean): void;
}

/** The engine's view of the request-log entry for this request. */
export interface RequestTrace {
  set(patch: TracePatch): void;
  upstreamTool(message: UpstreamToolMessage): void;
  clientToolCall(call: NeutralToolCall): void;
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
  tokensIn?: number;
  tokensOut?: number;
  questionChars?: number;
  note?: string;
  // ---- issue 16 (request inspector) ----
  /** new / reply / replay (see session-kind.ts). */
  sessionKind?: string;
  /** UTF-8 bytes of one question sent upstream; the request log adds them up. */
  upstreamAskBytes?: number;
}

export const noopTrace: RequestTrace = {
  set: () => undefined,
  upstreamTool: () => undefined,
  clientToolCall: () => undefined,
  event: () => undefined,
};
