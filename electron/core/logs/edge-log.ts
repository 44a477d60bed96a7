/**
 * Requests the gateway answered itself, without running a turn (issue 16): refusals (no or wrong
 * key, foreign Host/Origin, bad JSON, invalid request, too large, unknown route, rate limit…) and
 * the small non-chat routes (model list, probes). They show in the Requests list like any entry,
 * but they live here, in memory only, never on disk and never in the main index, because anyone
 * can send them as fast as a socket allows: a flood of 401s must neither evict real history nor
 * grow memory without bound.
 *
 * The bound, per kind (`wrong_key`, `host`, `served`, …; unknown kinds share `other`): at most
 * `perKind` entries and `perKindBytes` of entries; past it the oldest of THAT kind goes (and the
 * bus tells the UI to drop it). An identical request (same kind, status, endpoint, client and key)
 * within `foldWindowMs` of the entry it matches is folded into it (`repeats`, `lastAt`) instead of
 * making a new one, so a tight loop of one misconfigured client is one row a minute, and folding
 * costs one Map lookup, no redaction. Counts per kind since start are kept besides.
 */
import { REFUSAL_KINDS } from '../../shared/dto';
import { prepareBody } from './body';
import { createEntry, finishEntry, type ShapeContext } from './entry-builder';
import { LogIndex } from './log-index';
import type { BeginEntry, EntrySummary, LogEntry, LogError, LogPage, LogQuery } from './types';

/** The bound; see the file comment. Defaults: 200 entries and 256 KiB per kind, 60 s folding. */
export interface EdgeLogOptions {
  perKind?: number;
  perKindBytes?: number;
  foldWindowMs?: number;
}

/** A request the gateway answered itself, as the HTTP edge reports it. */
export interface EdgeRecord extends BeginEntry {
  time: number;
  status: number;
  durationMs: number;
  error?: LogError;
}

/** Kinds with a bound of their own; anything else is bounded together as `other`. */
const BOUNDED_KINDS = new Set<string>([...REFUSAL_KINDS, 'served', 'error']);

/** A refused request's body is kept to show what was wrong, not whole. */
const ADOPTED_BODY_BYTES = 8 * 1024;

interface KindQueue {
  ids: string[];
  /** Index of the oldest live id in `ids` (a moving head keeps eviction O(1)). */
  head: number;
  bytes: number;
}

/** Which bound an entry counts against. */
export function edgeKind(e: Pick<LogEntry, 'refused' | 'status' | 'error'>): string {
  const kind = e.refused ?? ((e.status ?? 0) >= 400 || e.error ? 'error' : 'served');
  return BOUNDED_KINDS.has(kind) ? kind : 'other';
}

export class EdgeLog {
  private readonly index = new LogIndex(Number.MAX_SAFE_INTEGER);
  private readonly entries = new Map<string, { entry: LogEntry; bytes: number; sig?: string }>();
  private readonly queues = new Map<string, KindQueue>();
  private readonly bySig = new Map<string, string>();
  private readonly counts = new Map<string, number>();
  private readonly perKind: number;
  private readonly perKindBytes: number;
  private readonly foldWindowMs: number;

  constructor(
    private readonly ctx: ShapeContext,
    private readonly onUpsert: (summary: EntrySummary) => void,
    private readonly onRemove: (id: string) => void,
    o: EdgeLogOptions = {},
  ) {
    this.perKind = Math.max(1, o.perKind ?? 200);
    this.perKindBytes = Math.max(1024, o.perKindBytes ?? 256 * 1024);
    this.foldWindowMs = Math.max(0, o.foldWindowMs ?? 60_000);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Bytes held per kind (tests and stats). */
  bytesByKind(): Record<string, number> {
    return Object.fromEntries([...this.queues].map(([k, q]) => [k, q.bytes]));
  }

  /** Requests seen per kind since start, folded repeats included. */
  countsByKind(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  get(id: string): LogEntry | undefined {
    const slot = this.entries.get(id);
    return slot ? structuredClone(slot.entry) : undefined;
  }

  /** Newest first, like the main index (the store merges the two). */
  query(q: LogQuery, seq: number): LogPage {
    return this.index.query(q, seq);
  }

  /** Entries oldest first (exports, statistics). */
  all(): LogEntry[] {
    return this.index.all().flatMap((r) => this.entries.get(r.summary.id)?.entry ?? []);
  }

  /** Records a request the edge answered: folded into its twin, or a new entry. */
  record(r: EdgeRecord): void {
    const kind = edgeKind(r);
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    const sig = signature(kind, r);
    const twinId = this.bySig.get(sig);
    const twin = twinId === undefined ? undefined : this.entries.get(twinId);
    if (twin && r.time - twin.entry.time <= this.foldWindowMs && r.time >= twin.entry.time) {
      twin.entry.repeats = (twin.entry.repeats ?? 0) + 1;
      twin.entry.lastAt = r.time;
      this.onUpsert(this.index.upsert(twin.entry));
      return;
    }
    const entry = createEntry(this.ctx, r, r.time);
    finishEntry(
      this.ctx,
      entry,
      { status: r.status, error: r.error, durationMs: r.durationMs },
      r.time + r.durationMs,
    );
    this.add(entry, kind, sig);
  }

  /**
   * Takes over a route's finished entry that turned out to be a refusal (an invalid request body):
   * bounded here like the rest, its body cut to a size that suits a bounded ring.
   */
  adopt(entry: LogEntry): void {
    const kind = edgeKind(entry);
    if (entry.requestBody !== undefined) {
      const p = prepareBody(entry.requestBody, ADOPTED_BODY_BYTES, this.ctx.secrets);
      entry.requestBody = p.value;
      if (p.truncated) entry.requestBodyTruncated = p.truncated;
    }
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    this.add(entry, kind, undefined);
  }

  private add(entry: LogEntry, kind: string, sig: string | undefined): void {
    const bytes = JSON.stringify(entry).length;
    this.entries.set(entry.id, { entry, bytes, sig });
    if (sig !== undefined) this.bySig.set(sig, entry.id);
    let q = this.queues.get(kind);
    if (!q) this.queues.set(kind, (q = { ids: [], head: 0, bytes: 0 }));
    q.ids.push(entry.id);
    q.bytes += bytes;
    this.onUpsert(this.index.upsert(entry));
    // Keep the newest entry even when it alone is over the byte bound.
    while (
      q.ids.length - q.head > 1 &&
      (q.ids.length - q.head > this.perKind || q.bytes > this.perKindBytes)
    ) {
      this.evict(q);
    }
    if (q.head > 1024 && q.head * 2 > q.ids.length) {
      q.ids = q.ids.slice(q.head);
      q.head = 0;
    }
  }

  private evict(q: KindQueue): void {
    const id = q.ids[q.head++] as string;
    const slot = this.entries.get(id);
    if (!slot) return;
    this.entries.delete(id);
    q.bytes -= slot.bytes;
    if (slot.sig !== undefined && this.bySig.get(slot.sig) === id) this.bySig.delete(slot.sig);
    this.index.delete(id);
    this.onRemove(id);
  }
}

/** What makes two refusals "the same request again". Raw values: only a Map key, never shown. */
function signature(kind: string, r: EdgeRecord): string {
  return [
    kind,
    r.status,
    r.endpoint,
    r.client,
    r.clientVersion,
    r.keyId,
    r.keyHint,
    r.error?.message,
  ]
    .map((v) => (v === undefined ? '' : String(v).slice(0, 200)))
    .join('\u0000');
}
