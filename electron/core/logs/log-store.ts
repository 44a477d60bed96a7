/**
 * The request log: live in-progress entries, JSON Lines persistence, the query index, the live
 * bus and usage totals, behind one service with `start()`/`stop()`.
 *
 * Lifecycle of an entry: `begin()` makes it visible at once (index + bus) but writes nothing;
 * `finish()` serialises it once, complete, into the write buffer, which reaches disk on the next
 * flush tick (≤ `flushIntervalMs`, at most 1 s). In-progress entries are deliberately not
 * checkpointed: a crash loses only the requests that were running (their clients saw the
 * connection drop anyway), and every line on disk stays one final entry. `stop()` finishes what
 * is still running with an `interrupted` error, so a clean shutdown loses nothing.
 *
 * Requests the gateway answers itself (refusals, model lists, probes) go to the bounded, in-memory
 * edge log instead (edge-log.ts); queries, `get()` and exports see both.
 *
 * Logging never breaks a request: handle methods swallow (and report) their own failures.
 */
import { ClientIdAliases } from './client-id-alias';
import { join } from 'node:path';
import { silentLogger, type Logger } from '../util/logger';
import { DEFAULT_LIMITS, finishEntry, type ShapeContext } from './entry-builder';
import { createEntryHandle, detachedHandle, settleEntry } from './entry-handle';
import { EdgeLog, type EdgeRecord } from './edge-log';
import { EntryRing } from './entry-ring';
import { JsonlWriter } from './jsonl-writer';
import { LogBus, type LogSubscription } from './log-bus';
import type { LogFile } from './log-files';
import { LogIndex, pageLimit } from './log-index';
import { logStats } from './log-stats';
import { mergePages } from './merged-query';
import { reindexFiles } from './reindex';
import { exportWhere, getEntry } from './store-reads';
import type { LogService, LogServiceOptions, LogStoreStats } from './log-service';
import { DEFAULT_RETENTION, selectExpired, type RetentionPolicy } from './retention';
import type {
  BeginEntry,
  EntryHandle,
  LogEntry,
  LogError,
  LogExport,
  LogPage,
  LogPush,
  LogQuery,
  LogStats,
  LogStatsQuery,
  UsageRow,
} from './types';
import { UsageAggregator } from './usage';

/** Creates the request-log service (call `start()` before use). */
export function createLogService(options: LogServiceOptions): LogService {
  return new LogStore(options);
}

const USAGE_SAVE_MS = 5_000;

class LogStore implements LogService {
  private readonly now: () => number;
  private readonly ctx: ShapeContext;
  private readonly retention: RetentionPolicy;
  readonly writer: JsonlWriter;
  readonly index: LogIndex;
  private readonly bus: LogBus;
  private readonly usageAgg: UsageAggregator;
  private readonly logger: Logger;
  readonly live = new Map<string, LogEntry>();
  readonly aliases = new ClientIdAliases();
  readonly ring: EntryRing;
  readonly edge: EdgeLog;
  private timer: ReturnType<typeof setInterval> | undefined;
  private started = false;
  private skippedLines = 0;
  private lastUsageSave = 0;
  private lastWarn = 0;

  constructor(private readonly o: LogServiceOptions) {
    this.now = o.now ?? Date.now;
    this.logger = o.logger ?? silentLogger;
    const limits = { ...DEFAULT_LIMITS, ...o.limits };
    if (o.maxBodyBytes !== undefined) limits.maxBodyBytes = o.maxBodyBytes;
    this.ctx = { limits, secrets: o.secrets };
    this.retention = { ...DEFAULT_RETENTION, ...o.retention };
    const maxFileBytes =
      o.maxFileBytes ??
      Math.max(64 * 1024, Math.min(16 * 1024 * 1024, this.retention.maxTotalBytes / 8));
    const onError = (err: unknown) => this.warn('request log write failed', err);
    this.writer = new JsonlWriter({ dir: o.dir, now: this.now, maxFileBytes, onError });
    this.index = new LogIndex(o.maxIndexEntries ?? 100_000);
    this.ring = new EntryRing(o.ringSize ?? 200, o.ringBytes ?? 16 * 1024 * 1024);
    this.bus = new LogBus({ onError, ...o.bus });
    const bus = this.bus;
    this.edge = new EdgeLog(
      this.ctx,
      (s) => bus.publish(s),
      (id) => bus.remove(id),
      o.edge,
    );
    this.usageAgg = new UsageAggregator({
      file: join(o.dir, 'usage.json'),
      now: this.now,
      onError,
    });
  }

  get seq(): number {
    return this.bus.seq;
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.writer.open();
    this.usageAgg.load();
    const { records, skippedLines } = await reindexFiles(
      this.writer,
      (e) => this.usageAgg.replay(e),
      (msg, err) => this.warn(msg, err),
    );
    this.skippedLines = skippedLines;
    this.index.load(records);
    this.usageAgg.save();
    this.lastUsageSave = this.now();
    this.started = true;
    this.applyRetention();
    const every = Math.min(1000, Math.max(10, this.o.flushIntervalMs ?? 500));
    this.timer = setInterval(() => this.tick(), every);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    for (const e of [...this.live.values()]) {
      this.finishLive(e, { kind: 'interrupted', message: 'the log service stopped' });
    }
    this.started = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.writer.close();
    this.usageAgg.save();
    this.bus.flush(); // subscriptions survive a stop/start cycle
  }

  begin(init: BeginEntry): EntryHandle {
    if (!this.started) {
      this.warn('request log not running; entry not recorded', init.id);
      return detachedHandle(init.id);
    }
    try {
      return createEntryHandle({
        ctx: this.ctx,
        now: this.now,
        init,
        uniqueId: (id) => this.uniqueId(id),
        onStart: (e) => {
          this.live.set(e.id, e);
          this.aliases.record(e.clientRequestId, e.id);
          this.bus.publish(this.index.upsert(e));
          this.capLive();
        },
        onChange: (e) => this.bus.publish(this.index.upsert(e)),
        onFinish: (e) => this.persist(e),
        onError: (err) => this.warn('request log update failed', err),
      });
    } catch (err) {
      this.warn('request log entry not created', err);
      return detachedHandle(init.id);
    }
  }

  query(q: LogQuery = {}): LogPage {
    const main = this.index.query(q, this.bus.seq);
    return mergePages(main, this.edge.query(q, this.bus.seq), pageLimit(q));
  }

  recordEdge(r: EdgeRecord): void {
    if (!this.started) return;
    try {
      this.edge.record(r);
    } catch (err) {
      this.warn('request log entry not recorded', err);
    }
  }

  statsOverTime(q: LogStatsQuery): LogStats {
    return logStats(q, {
      main: this.index.all(),
      edge: this.edge.all(),
      refusedSinceStart: this.edge.countsByKind(),
      now: this.now(),
      forgotten: this.index.forgotten,
    });
  }

  get(wanted: string): Promise<LogEntry | undefined> {
    return getEntry(this, wanted);
  }

  export(ids: readonly string[]): Promise<LogExport> {
    const wanted = new Set(ids);
    return exportWhere(this, (id) => wanted.has(id));
  }

  exportAll(): Promise<LogExport> {
    return exportWhere(this, () => true);
  }

  usage(q: { days: number }): UsageRow[] {
    return this.usageAgg.usage(q);
  }

  subscribe(listener: (push: LogPush) => void): LogSubscription {
    return this.bus.subscribe(listener);
  }

  flush(): void {
    this.writer.flush();
    this.applyRetention();
  }

  stats(): LogStoreStats {
    const files = this.writer.list();
    return {
      indexed: this.index.size,
      inProgress: this.live.size,
      files: files.length,
      totalBytes: files.reduce((n, f) => n + f.size, 0),
      skippedLines: this.skippedLines,
      answeredByGateway: this.edge.size,
    };
  }

  private persist(e: LogEntry): void {
    this.live.delete(e.id);
    if (!this.started) return;
    if (e.refused !== undefined) {
      // A route found the request invalid before any turn: bounded with the other refusals.
      this.index.delete(e.id);
      this.edge.adopt(e);
      return;
    }
    const line = JSON.stringify(e);
    const loc = this.writer.append(line);
    this.ring.add(e.id, line);
    this.usageAgg.record(e);
    this.bus.publish(this.index.upsert(e, loc));
  }

  /** Finishes an entry on the store's initiative; its handle then ignores further calls. */
  private finishLive(e: LogEntry, error: LogError): void {
    if (!e.inProgress) return;
    try {
      finishEntry(this.ctx, settleEntry(e), { error }, this.now());
      this.persist(e);
    } catch (err) {
      this.live.delete(e.id);
      this.warn('request log entry not finished', err);
    }
  }

  private uniqueId(id: string): string {
    const taken = (x: string) => this.index.has(x) || this.live.has(x) || this.edge.has(x);
    let candidate = id;
    for (let n = 2; taken(candidate); n++) candidate = `${id}~${n}`;
    return candidate;
  }

  private capLive(): void {
    const max = this.o.maxInProgress ?? 1000;
    for (const e of this.live.values()) {
      if (this.live.size <= max) break;
      this.finishLive(e, { kind: 'abandoned', message: 'never finished (too many running)' });
    }
  }

  private tick(): void {
    this.flush();
    if (this.usageAgg.isDirty && this.now() - this.lastUsageSave >= USAGE_SAVE_MS) {
      this.usageAgg.save();
      this.lastUsageSave = this.now();
    }
  }

  private applyRetention(): void {
    const doomed = selectExpired(
      this.writer.list(),
      this.now(),
      this.retention,
      this.writer.active,
    );
    if (doomed.length === 0) return;
    this.writer.remove(doomed);
    this.index.dropFiles(new Set<LogFile>(doomed));
  }

  private warn(msg: string, detail: unknown): void {
    // A broken disk must not flood the app log: one warning per 10 s.
    const t = this.now();
    if (t - this.lastWarn < 10_000) return;
    this.lastWarn = t;
    this.logger.warn(msg, { err: detail });
  }
}
