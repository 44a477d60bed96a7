/**
 * Session reuse: which upstream session (on which instance) already holds a given conversation,
 * so a follow-up can send only the new user message. LRU + TTL, pure apart from the injected clock.
 *
 * Counting: `lookup` does not count hits or misses, because a found binding is only a hit when the
 * pool actually routes to its instance; the caller reports that with `recordHit`.
 */
import { createHash } from 'node:crypto';

export interface SessionBinding {
  sessionId: string;
  instanceId: string;
}

export interface SessionEntry extends SessionBinding {
  /** Conversation turns the session holds (the caller's count; 1 when not given). */
  turns: number;
  /** Epoch ms of the store; the TTL runs from here. */
  storedAt: number;
}

export interface SessionCacheOptions {
  /** Default 256. */
  maxEntries?: number;
  /** Default 1800 s. */
  ttlMs?: number;
  now?: () => number;
}

export interface SessionCacheStats {
  size: number;
  hits: number;
  misses: number;
  /** Entries pushed out by the size limit. */
  evictions: number;
  /** Entries dropped because their TTL ran out. */
  expired: number;
  /** Entries dropped because their instance went away. */
  invalidated: number;
}

/**
 * The cache key for a conversation: sha256 over the API-key scope, each transcript part
 * (length-prefixed, so part boundaries cannot be forged by content) and the tool fingerprint.
 */
export function conversationKey(
  scope: string,
  transcriptParts: string[],
  toolFingerprint: string,
): string {
  const h = createHash('sha256');
  const add = (s: string): void => {
    h.update(`${Buffer.byteLength(s)}:`).update(s);
  };
  add(scope);
  add(toolFingerprint);
  h.update(`${transcriptParts.length}|`);
  for (const part of transcriptParts) add(part);
  return h.digest('hex');
}

/** Conversation → upstream session binding, LRU + TTL. Implements the engine's reuse port. */
export class SessionCache {
  // Map iteration order is insertion order: re-inserting on use makes the first key the LRU one.
  private readonly entries = new Map<string, SessionEntry>();
  private maxEntries: number;
  private ttlMs: number;
  private readonly now: () => number;
  private counters = { hits: 0, misses: 0, evictions: 0, expired: 0, invalidated: 0 };

  constructor(options: SessionCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 256;
    this.ttlMs = options.ttlMs ?? 1_800_000;
    this.now = options.now ?? Date.now;
  }

  /** The live entry for `key` (marked recently used), or undefined. Does not count. */
  lookup(key: string): SessionEntry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.isExpired(entry)) {
      this.entries.delete(key);
      this.counters.expired += 1;
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return { ...entry };
  }

  /** Binds `key` to a session, replacing any older binding, and evicts beyond the size limit. */
  store(key: string, binding: SessionBinding & { turns?: number }): void {
    if (this.maxEntries <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, {
      sessionId: binding.sessionId,
      instanceId: binding.instanceId,
      turns: binding.turns ?? 1,
      storedAt: this.now(),
    });
    this.evictOverflow();
  }

  /** Counts one reuse-eligible request: `hit` when the cached session was actually continued. */
  recordHit(hit: boolean): void {
    if (hit) this.counters.hits += 1;
    else this.counters.misses += 1;
  }

  /** Drops every binding to `instanceId` (its sessions are gone or unreachable). */
  invalidateInstance(instanceId: string): number {
    let dropped = 0;
    for (const [key, entry] of this.entries) {
      if (entry.instanceId !== instanceId) continue;
      this.entries.delete(key);
      dropped += 1;
    }
    this.counters.invalidated += dropped;
    return dropped;
  }

  /** Applies new settings; a smaller size evicts at once. */
  configure(options: { maxEntries?: number; ttlMs?: number }): void {
    if (options.maxEntries !== undefined) this.maxEntries = options.maxEntries;
    if (options.ttlMs !== undefined) this.ttlMs = options.ttlMs;
    this.evictOverflow();
  }

  clear(): void {
    this.entries.clear();
  }

  stats(): SessionCacheStats {
    return { size: this.entries.size, ...this.counters };
  }

  private isExpired(entry: SessionEntry): boolean {
    return this.now() - entry.storedAt >= this.ttlMs;
  }

  private evictOverflow(): void {
    const limit = Math.max(0, this.maxEntries);
    // Expired entries go first: dropping them is free, evicting a live one costs a reuse.
    if (this.entries.size > limit) {
      for (const [key, entry] of this.entries) {
        if (!this.isExpired(entry)) continue;
        this.entries.delete(key);
        this.counters.expired += 1;
      }
    }
    while (this.entries.size > limit) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) return;
      this.entries.delete(oldest);
      this.counters.evictions += 1;
    }
  }
}
