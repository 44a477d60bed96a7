/**
 * What the chat engine reads from the settings on every request (create-core.ts maps the app's
 * settings onto it; tests use testing/fakes.ts `chatSettings`).
 */
import type { ModelResolverOptions } from './model-resolver';

export interface ChatSettings {
  models: ModelResolverOptions;
  sessionReuse: boolean;
  /** The largest question sent upstream, in estimated tokens (a session's whole content too). */
  contextBudgetTokens: number;
  /** Accounts tried before giving up when failures happen before the first byte. */
  maxFailovers: number;
  /**
   * Replays after the child running the turn died (nothing reached the client), counted apart
   * from `maxFailovers`: a crash is the child's fault, not the request's, and a child running
   * several turns takes them all down. Bounded so a question that crashes every child it reaches
   * stops after this many.
   */
  maxCrashReplays: number;
  /** A turn without a first answer event this long is stopped (504); 0 = never. */
  firstEventTimeoutMs: number;
  /** A turn silent this long mid-answer is stopped (504); 0 = never. */
  idleTimeoutMs: number;
  /** Replay a timed-out turn on another account (off: a hang would likely repeat there). */
  failoverOnTimeout: boolean;
  correctiveRetries: number;
  /** Emulate client tools in the prompt; off → client tools are ignored (listed as such). */
  toolEmulation: boolean;
  upstreamApproval: 'deny' | 'auto-approve';
}
