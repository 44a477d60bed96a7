/**
 * Usage per day × account × model: requests, errors and estimated tokens, updated as entries
 * finish. Kept in a small JSON file that outlives log retention (so history survives the request
 * log being trimmed) and written atomically (temp file + rename).
 *
 * The file remembers the finish time of the newest entry it counts (`through`). At start the store
 * replays the log files through `replay()`, which counts only what came later: entries finished
 * after the last save of a crashed run are not lost, and a missing file is rebuilt from the logs.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isErrorSummary } from './entry-builder';
import { dayBefore, localDay } from './log-files';
import type { LogEntry, UsageRow } from './types';

/** Where the totals live and how long rows are kept (default 400 days). */
export interface UsageOptions {
  /** The JSON file, e.g. `<dir>/usage.json`. */
  file: string;
  now: () => number;
  /** Rows older than this many days are dropped on save. */
  keepDays?: number;
  onError?: (err: unknown) => void;
}

interface UsageFile {
  version: 1;
  through: number | null;
  throughIds: string[];
  rows: UsageRow[];
}

/** Requests on `other` endpoints (model lists, health) are not model usage and not counted. */
export function countsAsUsage(e: Pick<LogEntry, 'protocol' | 'inProgress'>): boolean {
  return e.protocol !== 'other' && !e.inProgress;
}

/** The totals in memory, with load/save and the crash-safe replay. */
export class UsageAggregator {
  private rows = new Map<string, UsageRow>();
  private through = -Infinity;
  private throughIds = new Set<string>();
  private dirty = false;

  constructor(private readonly o: UsageOptions) {}

  get isDirty(): boolean {
    return this.dirty;
  }

  /** Reads the file; `missing` or `corrupt` means the replay will rebuild everything. */
  load(): 'loaded' | 'missing' | 'corrupt' {
    this.rows.clear();
    this.through = -Infinity;
    this.throughIds.clear();
    let text: string;
    try {
      text = readFileSync(this.o.file, 'utf8');
    } catch {
      return 'missing';
    }
    try {
      const data = JSON.parse(text) as Partial<UsageFile>;
      if (data.version !== 1 || !Array.isArray(data.rows)) return 'corrupt';
      for (const r of data.rows) this.rows.set(keyOf(r.day, r.account, r.model), { ...r });
      this.through = typeof data.through === 'number' ? data.through : -Infinity;
      this.throughIds = new Set(data.throughIds ?? []);
      return 'loaded';
    } catch {
      this.rows.clear();
      return 'corrupt';
    }
  }

  /** Counts a finished entry. */
  record(e: LogEntry): void {
    if (!countsAsUsage(e)) return;
    const account = e.accountName ?? e.accountId ?? '(none)';
    const model = e.resolvedModel ?? e.model ?? '(none)';
    const day = localDay(e.time);
    const key = keyOf(day, account, model);
    let row = this.rows.get(key);
    if (!row) {
      row = { day, account, model, requests: 0, errors: 0, tokensIn: 0, tokensOut: 0 };
      this.rows.set(key, row);
    }
    row.requests++;
    if (isErrorSummary({ status: e.status, error: e.error ? 'error' : undefined })) row.errors++;
    row.tokensIn += e.tokensIn ?? 0;
    row.tokensOut += e.tokensOut ?? 0;
    const at = e.finishedAt ?? e.time;
    if (at > this.through) {
      this.through = at;
      this.throughIds = new Set([e.id]);
    } else if (at === this.through) {
      this.throughIds.add(e.id);
    }
    this.dirty = true;
  }

  /** Counts an entry read back from the log files unless the saved totals already include it. */
  replay(e: LogEntry): void {
    const at = e.finishedAt ?? e.time;
    if (at < this.through || (at === this.through && this.throughIds.has(e.id))) return;
    this.record(e);
  }

  /** Rows of the last `days` local days (today included), oldest day first. */
  usage(q: { days: number }): UsageRow[] {
    const days = Number.isFinite(q.days) ? Math.max(1, Math.floor(q.days)) : 1;
    const since = dayBefore(this.o.now(), days - 1);
    return [...this.rows.values()]
      .filter((r) => r.day >= since)
      .sort(
        (a, b) =>
          a.day.localeCompare(b.day) ||
          a.account.localeCompare(b.account) ||
          a.model.localeCompare(b.model),
      )
      .map((r) => ({ ...r }));
  }

  /** Writes the file atomically when something changed. Never throws. */
  save(): void {
    if (!this.dirty) return;
    const oldest = dayBefore(this.o.now(), this.o.keepDays ?? 400);
    for (const [k, r] of this.rows) if (r.day < oldest) this.rows.delete(k);
    const data: UsageFile = {
      version: 1,
      through: Number.isFinite(this.through) ? this.through : null,
      throughIds: [...this.throughIds],
      rows: [...this.rows.values()],
    };
    const tmp = `${this.o.file}.tmp`;
    try {
      writeFileSync(tmp, JSON.stringify(data), { mode: 0o600 });
      renameSync(tmp, this.o.file);
      this.dirty = false;
    } catch (err) {
      this.o.onError?.(err);
    }
  }
}

function keyOf(day: string, account: string, model: string): string {
  return `${day}\u0000${account}\u0000${model}`;
}
