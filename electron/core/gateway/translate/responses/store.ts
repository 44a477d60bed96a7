/**
 * In-memory store of recent responses for `previous_response_id`, `GET /v1/responses/{id}` and
 * `DELETE /v1/responses/{id}`. Bounded three ways (entry count, approximate size, age) because a
 * long Codex session stores every turn; least recently used entries go first. Nothing persists:
 * a gateway restart forgets conversations, and clients then get the documented 404.
 */
import { itemsToHistory } from './input-items';
import type { PreviousLookup, ResponseObject, ResponsesRequest, StoredResponse } from './types';

export interface ResponsesStoreOptions {
  /** At most this many responses (default 500). */
  maxEntries?: number;
  /** Approximate budget: the JSON length of all entries, in characters (default 64 Mi). */
  maxBytes?: number;
  /** Entries expire this long after they were stored (default one hour). */
  ttlMs?: number;
  /** Milliseconds clock (injectable for tests). */
  now?: () => number;
}

interface Entry {
  value: StoredResponse;
  size: number;
  expiresAt: number;
}

const DEFAULTS = { maxEntries: 500, maxBytes: 64 * 1024 * 1024, ttlMs: 60 * 60 * 1000 };

/** The entry for a finished response: its object, and the conversation including its output. */
export function toStoredResponse(
  request: ResponsesRequest,
  response: ResponseObject,
): StoredResponse {
  return {
    id: response.id,
    response,
    history: itemsToHistory(request.messages, response.output),
  };
}

/** A bounded LRU keyed by response id. Values are copied in; treat returned values as read-only. */
export class ResponsesStore implements PreviousLookup {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: ResponsesStoreOptions = {}) {
    this.maxEntries = options.maxEntries ?? DEFAULTS.maxEntries;
    this.maxBytes = options.maxBytes ?? DEFAULTS.maxBytes;
    this.ttlMs = options.ttlMs ?? DEFAULTS.ttlMs;
    this.now = options.now ?? Date.now;
  }

  /** Responses held right now (expired ones may linger until the next access). */
  get size(): number {
    return this.entries.size;
  }

  /** The approximate size of everything held, in JSON characters. */
  get totalBytes(): number {
    return this.bytes;
  }

  /**
   * Stores a finished response unless the request said `store: false`. Returns whether it was
   * stored (an entry larger than the whole budget is not).
   */
  save(request: ResponsesRequest, response: ResponseObject): boolean {
    if (!request.store) return false;
    return this.put(toStoredResponse(request, response));
  }

  /** Stores (or replaces) an entry, then evicts expired and least recently used entries. */
  put(value: StoredResponse): boolean {
    this.delete(value.id);
    const copy = structuredClone(value);
    const size = JSON.stringify(copy).length;
    if (size > this.maxBytes) return false;
    this.entries.set(copy.id, { value: copy, size, expiresAt: this.now() + this.ttlMs });
    this.bytes += size;
    this.evict();
    return true;
  }

  /** The entry for `id`, refreshed as most recently used; undefined when unknown or expired. */
  get(id: string): StoredResponse | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.delete(id);
      return undefined;
    }
    // Map iteration order is insertion order: re-inserting marks it most recently used.
    this.entries.delete(id);
    this.entries.set(id, entry);
    return entry.value;
  }

  /** The parser's dependency: the same as {@link get}. */
  lookupPrevious(id: string): StoredResponse | undefined {
    return this.get(id);
  }

  /** Removes an entry; false when there was none. */
  delete(id: string): boolean {
    const entry = this.entries.get(id);
    if (!entry) return false;
    this.entries.delete(id);
    this.bytes -= entry.size;
    return true;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  private evict(): void {
    const now = this.now();
    for (const [id, entry] of this.entries) if (entry.expiresAt <= now) this.delete(id);
    for (const id of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.delete(id);
    }
  }
}
