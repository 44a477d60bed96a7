/**
 * The in-memory index over every entry the store knows (on disk or in progress): one compact
 * record per entry (its summary, lower-cased search text and where its line sits on disk),
 * kept in an array sorted by (time, id) plus a Map by id.
 *
 * Why an array: queries are "newest first, filtered" over ≤ maxEntries rows; a single backwards
 * pass with plain comparisons does 100k rows in a few milliseconds, needs no secondary indexes to
 * keep consistent, and gives a stable cursor (time + id) that survives restarts. New entries
 * almost always belong at the end, so inserting is O(1) in practice (binary search otherwise).
 * Memory is bounded by `maxEntries`: past it the oldest records are forgotten (their lines stay
 * on disk until retention removes them).
 */
import { isErrorSummary, toSummary } from './entry-builder';
import type { EntryLocation } from './jsonl-writer';
import type { LogFile } from './log-files';
import type { EntrySummary, LogEntry, LogPage, LogQuery } from './types';

/** One entry as the index keeps it. */
export interface IndexRecord {
  summary: EntrySummary;
  accountId?: string;
  accountName?: string;
  /**
   * What the `text` filter searches, lower-cased: the entry's own id (the id string itself when it
   * has no capitals), and `context` — endpoint, models, account and instance — which is the same
   * string for every entry of that combination.
   */
  idLower: string;
  context: string;
  /** Absent while the entry is in progress (not written yet). */
  loc?: EntryLocation;
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/** The page size a query asks for, clamped to 1…1000 (default 100). */
export function pageLimit(q: Pick<LogQuery, 'limit'>): number {
  const asked = Number.isFinite(q.limit) ? Math.floor(q.limit as number) : DEFAULT_LIMIT;
  return Math.min(MAX_LIMIT, Math.max(1, asked));
}

/**
 * Shares equal strings between records. A day of traffic has a handful of endpoints, models and
 * accounts but 100k entries; without sharing every record carries its own copies (values read
 * back from disk are fresh strings). Bounded: past the limit new values are just not shared.
 */
class StringPool {
  private readonly values = new Map<string, string>();
  constructor(private readonly limit = 4096) {}

  get(v: string): string;
  get(v: string | undefined): string | undefined;
  get(v: string | undefined): string | undefined {
    if (v === undefined) return undefined;
    const known = this.values.get(v);
    if (known !== undefined) return known;
    if (this.values.size < this.limit) this.values.set(v, v);
    return v;
  }
}

const shared = new StringPool();

/** The index record of an entry (built per line at reload, so full entries are never all held). */
export function makeRecord(e: LogEntry, loc?: EntryLocation): IndexRecord {
  const summary = toSummary(e);
  summary.protocol = shared.get(summary.protocol) as EntrySummary['protocol'];
  summary.endpoint = shared.get(summary.endpoint);
  if (summary.model !== undefined) summary.model = shared.get(summary.model);
  if (summary.resolvedModel !== undefined)
    summary.resolvedModel = shared.get(summary.resolvedModel);
  if (summary.account !== undefined) summary.account = shared.get(summary.account);
  if (summary.client !== undefined) summary.client = shared.get(summary.client);
  if (summary.clientVersion !== undefined)
    summary.clientVersion = shared.get(summary.clientVersion);
  if (summary.keyName !== undefined) summary.keyName = shared.get(summary.keyName);
  if (summary.sessionKind !== undefined) summary.sessionKind = shared.get(summary.sessionKind);
  const context = shared.get(
    [
      e.endpoint,
      e.model,
      e.resolvedModel,
      e.accountId,
      e.accountName,
      e.instanceId,
      e.client,
      e.keyName,
      e.keyHint,
    ]
      .filter((x) => x !== undefined)
      .join(' ')
      .toLowerCase(),
  );
  const lower = e.id.toLowerCase();
  const r: IndexRecord = { summary, idLower: lower === e.id ? summary.id : lower, context };
  if (e.accountId !== undefined) r.accountId = shared.get(e.accountId);
  if (e.accountName !== undefined) r.accountName = shared.get(e.accountName);
  if (loc) r.loc = loc;
  return r;
}

/** The text filter: any of the searched fields contains `text` (already lower-cased). */
function matchesText(r: IndexRecord, text: string): boolean {
  const s = r.summary;
  return (
    r.idLower.includes(text) ||
    r.context.includes(text) ||
    (s.error !== undefined && s.error.toLowerCase().includes(text)) ||
    (s.status !== undefined && String(s.status).includes(text))
  );
}

function before(a: EntrySummary, time: number, id: string): boolean {
  return a.time < time || (a.time === time && a.id < id);
}

/** The cursor after `s`: its sort key, stable across restarts. */
export function encodeCursor(s: Pick<EntrySummary, 'time' | 'id'>): string {
  return `${s.time}:${s.id}`;
}

/** Undefined for a malformed cursor (the query then starts from the newest). */
export function decodeCursor(c: string): { time: number; id: string } | undefined {
  const i = c.indexOf(':');
  const time = Number(c.slice(0, i));
  return i > 0 && Number.isFinite(time) ? { time, id: c.slice(i + 1) } : undefined;
}

/** Sorted records plus a Map by id; see the file comment for why. */
export class LogIndex {
  private records: IndexRecord[] = [];
  private readonly byId = new Map<string, IndexRecord>();

  /** Entries were forgotten (the bound or retention): older history is only in usage totals. */
  forgotten = false;

  constructor(private readonly maxEntries = 100_000) {}

  get size(): number {
    return this.records.length;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string): IndexRecord | undefined {
    return this.byId.get(id);
  }

  /** Adds or replaces the record of an entry; returns its summary. */
  upsert(e: LogEntry, loc?: EntryLocation): EntrySummary {
    const rec = makeRecord(e, loc);
    const old = this.byId.get(e.id);
    if (old && old.summary.time === e.time) {
      Object.assign(old, rec); // same sort key: update in place
      if (!loc) delete old.loc;
      return old.summary;
    }
    if (old) this.remove(old);
    this.insert(rec);
    this.trim();
    return rec.summary;
  }

  /** Replaces everything with records read from disk (any order; duplicate ids: last wins). */
  load(records: readonly IndexRecord[]): void {
    this.byId.clear();
    for (const r of records) this.byId.set(r.summary.id, r);
    this.records = [...this.byId.values()].sort((a, b) =>
      before(a.summary, b.summary.time, b.summary.id) ? -1 : 1,
    );
    this.trim();
  }

  /** Forgets one entry (it moved elsewhere, or its bound let it go). */
  delete(id: string): void {
    const rec = this.byId.get(id);
    if (rec) this.remove(rec);
  }

  /** Forgets entries whose file retention deleted. */
  dropFiles(files: ReadonlySet<LogFile>): void {
    if (files.size === 0) return;
    this.records = this.records.filter((r) => {
      const gone = r.loc !== undefined && files.has(r.loc.file);
      if (gone) {
        this.byId.delete(r.summary.id);
        this.forgotten = true;
      }
      return !gone;
    });
  }

  /** Records oldest first (exports). */
  all(): readonly IndexRecord[] {
    return this.records;
  }

  /** Newest first, filtered, paginated by cursor; `total` counts every match. */
  query(q: LogQuery, seq: number): LogPage {
    const limit = pageLimit(q);
    const cursor = q.cursor ? decodeCursor(q.cursor) : undefined;
    const text = q.text?.trim().toLowerCase() || undefined;
    const entries: EntrySummary[] = [];
    let total = 0;
    let more = false;
    for (let i = this.records.length - 1; i >= 0; i--) {
      const r = this.records[i] as IndexRecord;
      const s = r.summary;
      if (q.since !== undefined && s.time < q.since) break; // sorted: nothing older matches
      if (q.until !== undefined && s.time >= q.until) continue;
      if (!matches(r, q, text)) continue;
      total++;
      if (cursor && !before(s, cursor.time, cursor.id)) continue;
      if (entries.length < limit) entries.push(s);
      else more = true;
    }
    const last = entries[entries.length - 1];
    const page: LogPage = { entries, total, seq };
    if (more && last) page.nextCursor = encodeCursor(last);
    return page;
  }

  private insert(rec: IndexRecord): void {
    const { time, id } = rec.summary;
    const last = this.records[this.records.length - 1];
    if (!last || before(last.summary, time, id)) this.records.push(rec);
    else {
      let lo = 0;
      let hi = this.records.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (before((this.records[mid] as IndexRecord).summary, time, id)) lo = mid + 1;
        else hi = mid;
      }
      this.records.splice(lo, 0, rec);
    }
    this.byId.set(id, rec);
  }

  private remove(rec: IndexRecord): void {
    const i = this.records.lastIndexOf(rec);
    if (i >= 0) this.records.splice(i, 1);
    this.byId.delete(rec.summary.id);
  }

  private trim(): void {
    if (this.records.length <= this.maxEntries) return;
    // Drop a tenth more than needed so trimming is rare (each trim shifts the whole array).
    const n = this.records.length - this.maxEntries + Math.ceil(this.maxEntries / 10);
    for (const r of this.records.splice(0, Math.min(n, this.records.length))) {
      this.byId.delete(r.summary.id);
    }
    this.forgotten = true;
  }
}

function matches(r: IndexRecord, q: LogQuery, text: string | undefined): boolean {
  const s = r.summary;
  if (q.status !== undefined) {
    if (q.status === 'ok' ? isErrorSummary(s) : q.status === 'error' ? !isErrorSummary(s) : false) {
      return false;
    }
    if (typeof q.status === 'number' && s.status !== q.status) return false;
  }
  if (q.protocol && s.protocol !== q.protocol) return false;
  if (q.model && s.model !== q.model && s.resolvedModel !== q.model) return false;
  if (q.account && r.accountId !== q.account && r.accountName !== q.account) return false;
  if (q.hasToolCalls !== undefined && s.toolCalls > 0 !== q.hasToolCalls) return false;
  if (q.client && s.client !== q.client) return false;
  if (q.key && s.keyName !== q.key && s.keyHint !== q.key) return false;
  if (q.origin && (s.refused !== undefined) !== (q.origin === 'refused')) return false;
  if (text && !matchesText(r, text)) return false;
  return true;
}
