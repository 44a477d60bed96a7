/**
 * The contract of the request-log service (implemented by log-store.ts): what the composition
 * root configures and what the shell and the gateway may call.
 */
import type { Logger } from '../util/logger';
import type { EdgeLogOptions, EdgeRecord } from './edge-log';
import type { EntryLimits } from './entry-builder';
import type { LogBusOptions, LogSubscription } from './log-bus';
import type { SecretRegistry } from './redact';
import type { RetentionPolicy } from './retention';
import type {
  BeginEntry,
  EntryHandle,
  LogEntry,
  LogExport,
  LogPage,
  LogPush,
  LogQuery,
  LogStats,
  LogStatsQuery,
  UsageRow,
} from './types';

/** Configuration of `createLogService`; everything but `dir` has a default. */
export interface LogServiceOptions {
  /** Directory of the JSON Lines files and `usage.json`. */
  dir: string;
  now?: () => number;
  /** Cap for request and response bodies (UTF-8 bytes of their JSON). Default 64 KiB. */
  maxBodyBytes?: number;
  /** Other per-entry caps. */
  limits?: Partial<EntryLimits>;
  retention?: Partial<RetentionPolicy>;
  /** Size at which a day's file rolls over. Default: 1/8 of the total, at most 16 MiB. */
  maxFileBytes?: number;
  /** Buffered appends reach disk this often. Default 500 ms; clamped to 10…1000. */
  flushIntervalMs?: number;
  /** Finished entries kept whole in memory for fast `get()`. Default 200 / 16 MiB. */
  ringSize?: number;
  ringBytes?: number;
  /** Entries the query index holds. Default 100,000. */
  maxIndexEntries?: number;
  /** Beyond this many running entries the oldest is finished as `abandoned`. Default 1000. */
  maxInProgress?: number;
  bus?: LogBusOptions;
  /** Bounds of the in-memory log of requests the gateway answered itself (issue 16). */
  edge?: EdgeLogOptions;
  secrets?: SecretRegistry;
  logger?: Logger;
}

/** Counters for diagnostics (`/internal/stats`, the about box). */
export interface LogStoreStats {
  indexed: number;
  inProgress: number;
  files: number;
  totalBytes: number;
  /** Unreadable lines met at the last reload (torn tails of crashes). */
  skippedLines: number;
  /** Requests the gateway answered itself still held in memory (bounded; issue 16). */
  answeredByGateway: number;
}

/** The public face of the request log. */
export interface LogService {
  /** Loads the files (index, usage), applies retention and starts the flush timer. */
  start(): Promise<void>;
  /** Finishes running entries as interrupted, flushes, saves usage and stops timers. */
  stop(): Promise<void>;
  /** A new in-progress entry. Before `start()`/after `stop()` a handle that records nothing. */
  begin(init: BeginEntry): EntryHandle;
  /**
   * A request the gateway answered itself (refused, or a model list / probe): kept in a bounded
   * in-memory log, folded with identical ones, never on disk (issue 16).
   */
  recordEdge(record: EdgeRecord): void;
  /** Requests, errors, tokens and latency per time bucket, split by account/model/client/key. */
  statsOverTime(q: LogStatsQuery): LogStats;
  /** Summaries, newest first. */
  query(q?: LogQuery): LogPage;
  /** The full entry, from memory or disk. */
  get(id: string): Promise<LogEntry | undefined>;
  /** The given entries as a JSON array (unknown ids skipped), oldest first. */
  export(ids: readonly string[]): Promise<LogExport>;
  exportAll(): Promise<LogExport>;
  usage(q: { days: number }): UsageRow[];
  subscribe(listener: (push: LogPush) => void): LogSubscription;
  /** Sequence number of the latest change pushed to subscribers. */
  readonly seq: number;
  /** Writes buffered entries now and applies retention (the timer does both too). */
  flush(): void;
  stats(): LogStoreStats;
}
