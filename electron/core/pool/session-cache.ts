/**
 * Session reuse: which upstream session (on which instance) holds a given conversation, so a
 * follow-up can send only what is new. LRU + TTL, pure apart from the injected clock.
 *
 * Keys are conversation-prefix keys (chat/conversation.ts). A session serves one follow-up at a
 * time — two turns on one sessionId at once mix their contexts (§8.1 "Concurrency", LTC; M) — and
 * once a follow-up ran, the session holds more than its key says: so a request *takes* the entry
 * it continues, and stores the new tip after its turn. Besides the entries, the last conversation
 * seen under a tag (the client's session, the conversation's first message) is recalled to explain
 * why a request could not continue a session (an edit, a branch, a compaction, a busy session).
 *
 * Counting: `take` does not count hits or misses, because a taken entry is only a hit when the
 * pool actually routes to its instance; the caller reports that with `recordHit`.
 */

export interface SessionBinding {
  sessionId: string;
  instanceId: string;
}

/** What a session holds, as the comparison needs it (chat/conversation.ts). */
export interface HeldConversation {
  /** Digest of the system prompt and the tool block the session was started with. */
  head: string;
  /** One digest per comparable message the session holds, in order. */
  items: readonly string[];
}

export interface SessionEntry extends SessionBinding, Partial<HeldConversation> {
  /** Conversation turns the session holds (the caller's count; 1 when not given). */
  turns: number;
  /** Estimated tokens the session holds (sent and answered); 0 when not given. */
  tokens: number;
  /** Epoch ms of the store; the TTL runs from here. */
  storedAt: number;
}

/** What a caller stores: the binding, plus what the session holds when it knows. */
export type SessionEntryInput = SessionBinding &
  Partial<HeldConversation> & { turns?: number; tokens?: number };

/** Why a key has no entry any more (for the request log). */
export type MissingReason =
  /** A request is continuing it right now. */
  | { kind: 'taken' }
  /** A later turn was sent from this point: the session holds more than this key says. */
  | { kind: 'continued' }
  /** A turn on it failed: what it holds is unknown. */
  | { kind: 'failed' }
  /** It holds as much as the context budget allows. */
  | { kind: 'outgrown' }
  | { kind: 'lost'; instanceId: string; cause: string }
  | { kind: 'expired' }
  | { kind: 'evicted' };

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

/** Conversation → upstream session binding, LRU + TTL. Implements the engine's reuse port. */
export class SessionCache {
  // Map iteration order is insertion order: re-inserting on use makes the first key the LRU one.
  private readonly entries = new Map<string, SessionEntry>();
  private readonly tags = new Map<string, HeldConversation>();
  private readonly gone = new Map<string, MissingReason>();
  /** Instance → the `clock` value of its last loss; `clock` counts takes and losses. */
  private readonly lostAt = new Map<string, number>();
  private clock = 0;
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
    const entry = this.live(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return { ...entry };
  }

  /**
   * Removes and returns the live entry for `key`: the caller now owns its session. `takenAt`
   * lets {@link restore} refuse a session whose instance was lost in the meantime.
   */
  take(key: string): (SessionEntry & { takenAt: number }) | undefined {
    const entry = this.live(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.forget(key, { kind: 'taken' });
    return { ...entry, takenAt: (this.clock += 1) };
  }

  /**
   * Gives back a taken entry whose session was not used (the request went elsewhere or never
   * ran), unless its instance was lost since it was taken or the key was stored again.
   */
  restore(key: string, entry: SessionEntry & { takenAt: number }): boolean {
    if (this.lostSince(entry) || this.entries.has(key) || this.maxEntries <= 0) return false;
    const { takenAt: _, ...kept } = entry;
    this.entries.set(key, kept);
    this.gone.delete(key);
    this.evictOverflow();
    return true;
  }

  /** Records what became of a taken entry's session (for {@link missing}). */
  retire(key: string, why: MissingReason): void {
    if (!this.entries.has(key)) this.forget(key, why);
  }

  /** Whether the instance of a taken entry was lost since it was taken (its session with it). */
  lostSince(entry: SessionEntry & { takenAt: number }): boolean {
    return (this.lostAt.get(entry.instanceId) ?? 0) > entry.takenAt;
  }

  /** Why `key` has no entry, when it had one recently. */
  missing(key: string): MissingReason | undefined {
    return this.entries.has(key) ? undefined : this.gone.get(key);
  }

  /**
   * Binds `key` to a session, replacing any older binding, and evicts beyond the size limit.
   * `tags` name the conversation for {@link recall} (they need the held conversation).
   */
  store(key: string, binding: SessionEntryInput, tags: readonly string[] = []): void {
    if (this.maxEntries <= 0) return;
    this.entries.delete(key);
    const entry: SessionEntry = {
      sessionId: binding.sessionId,
      instanceId: binding.instanceId,
      turns: binding.turns ?? 1,
      tokens: binding.tokens ?? 0,
      storedAt: this.now(),
    };
    if (binding.head !== undefined && binding.items !== undefined) {
      entry.head = binding.head;
      entry.items = binding.items;
      for (const tag of tags) this.tag(tag, { head: binding.head, items: binding.items });
    }
    this.entries.set(key, entry);
    this.gone.delete(key);
    this.evictOverflow();
  }

  /** The conversation last stored under `tag`, even if its session was taken since. */
  recall(tag: string): HeldConversation | undefined {
    return this.tags.get(tag);
  }

  /** Counts one reuse-eligible request: `hit` when the cached session was actually continued. */
  recordHit(hit: boolean): void {
    if (hit) this.counters.hits += 1;
    else this.counters.misses += 1;
  }

  /** Drops every binding to `instanceId` (its sessions are gone or unreachable). */
  invalidateInstance(instanceId: string, cause = 'lost'): number {
    this.lostAt.set(instanceId, (this.clock += 1));
    let dropped = 0;
    for (const [key, entry] of this.entries) {
      if (entry.instanceId !== instanceId) continue;
      this.entries.delete(key);
      this.forget(key, { kind: 'lost', instanceId, cause });
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
    this.tags.clear();
    this.gone.clear();
  }

  stats(): SessionCacheStats {
    return { size: this.entries.size, ...this.counters };
  }

  private live(key: string): SessionEntry | undefined {
    const entry = this.entries.get(key);
    if (!entry || !this.isExpired(entry)) return entry;
    this.entries.delete(key);
    this.forget(key, { kind: 'expired' });
    this.counters.expired += 1;
    return undefined;
  }

  /** Tags are bounded like the entries (twice as many: each entry has up to two). */
  private tag(tag: string, held: HeldConversation): void {
    bounded(this.tags, tag, held, this.maxEntries * 2);
  }

  private forget(key: string, why: MissingReason): void {
    bounded(this.gone, key, why, this.maxEntries * 2);
  }

  private isExpired(entry: SessionEntry): boolean {
    return this.now() - entry.storedAt >= this.ttlMs;
  }

  private evictOverflow(): void {
    const limit = Math.max(0, this.maxEntries);
    // The map's order is the order entries were stored in, which is their age: the oldest go
    // first, and the expired ones are among them. (A full scan for expired entries on every
    // store cost O(size) per request once the cache was full — 1.4 % of the gateway's CPU in the
    // throughput benchmark.)
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= limit) return;
      this.entries.delete(key);
      const expired = this.isExpired(entry);
      this.forget(key, { kind: expired ? 'expired' : 'evicted' });
      if (expired) this.counters.expired += 1;
      else this.counters.evictions += 1;
    }
  }
}

/** Sets `key` as the most recent entry of an LRU map of at most `max` entries. */
function bounded<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > Math.max(0, max)) {
    const oldest = map.keys().next().value;
    if (oldest === undefined) return;
    map.delete(oldest);
  }
}
