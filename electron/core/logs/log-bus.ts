/**
 * Live changes of the request log, for the UI. Every change gets the next sequence number; each
 * subscriber receives batches (at most every `intervalMs`, sooner once `maxBatch` entries are
 * waiting) holding the latest summary of every entry changed since its previous batch. A client
 * loads a snapshot (`query()` returns the `seq` it reflects), then applies only pushes with a
 * higher `seq`.
 *
 * Each subscriber's queue is bounded: past `maxQueue` changed entries the oldest are dropped and
 * the next push says `gap: true`, telling the client to reload a snapshot instead of trusting its
 * copy. Memory therefore stays bounded however fast requests arrive or however long a paused
 * subscriber waits.
 */
import type { EntrySummary, LogPush } from './types';

/** Batching and bounds; defaults 100 ms, 500 per batch, 2000 queued per subscriber. */
export interface LogBusOptions {
  /** Longest wait before a batch goes out. */
  intervalMs?: number;
  /** Waiting entries that make a subscriber's batch go out at once. */
  maxBatch?: number;
  /** Waiting entries per subscriber before the oldest are dropped (and a gap is marked). */
  maxQueue?: number;
  /** Timer injection for tests; returns a cancel function. */
  schedule?: (fn: () => void, ms: number) => () => void;
  onError?: (err: unknown) => void;
}

/** One subscriber's control. */
export interface LogSubscription {
  /** Stops deliveries and frees the queue. */
  close(): void;
  /** Holds deliveries (e.g. a window not ready); changes keep queueing, bounded. */
  pause(): void;
  resume(): void;
}

interface Subscriber {
  listener: (push: LogPush) => void;
  /** Latest summary per changed entry; `null` = the entry was let go of (issue 16). */
  pending: Map<string, EntrySummary | null>;
  lastSeq: number;
  gap: boolean;
  paused: boolean;
}

const defaultSchedule = (fn: () => void, ms: number): (() => void) => {
  const t = setTimeout(fn, ms);
  t.unref?.();
  return () => clearTimeout(t);
};

/** The change bus; see the file comment. */
export class LogBus {
  private seqNo = 0;
  private readonly subs = new Set<Subscriber>();
  private cancelTimer: (() => void) | undefined;
  private urgent = false;
  private readonly intervalMs: number;
  private readonly maxBatch: number;
  private readonly maxQueue: number;
  private readonly schedule: (fn: () => void, ms: number) => () => void;

  constructor(private readonly o: LogBusOptions = {}) {
    this.intervalMs = o.intervalMs ?? 100;
    this.maxQueue = Math.max(1, o.maxQueue ?? 2000);
    this.maxBatch = Math.min(this.maxQueue, Math.max(1, o.maxBatch ?? 500));
    this.schedule = o.schedule ?? defaultSchedule;
  }

  /** The sequence number of the latest change. */
  get seq(): number {
    return this.seqNo;
  }

  /** Records a change of one entry (its latest summary). */
  publish(summary: EntrySummary): void {
    this.change(summary.id, summary);
  }

  /** Records that an entry is gone (a refused request past its bound); clients drop it. */
  remove(id: string): void {
    this.change(id, null);
  }

  private change(id: string, summary: EntrySummary | null): void {
    const seq = ++this.seqNo;
    let full = false;
    for (const s of this.subs) {
      s.pending.delete(id); // re-insert: order is "least recently changed first"
      s.pending.set(id, summary);
      s.lastSeq = seq;
      if (s.pending.size > this.maxQueue) {
        const oldest = s.pending.keys().next().value;
        if (oldest !== undefined) s.pending.delete(oldest);
        s.gap = true;
      }
      if (!s.paused && s.pending.size >= this.maxBatch) full = true;
    }
    if (full && !this.urgent) {
      this.urgent = true;
      queueMicrotask(() => this.flush());
    } else {
      this.arm();
    }
  }

  subscribe(listener: (push: LogPush) => void): LogSubscription {
    const s: Subscriber = {
      listener,
      pending: new Map(),
      lastSeq: this.seqNo,
      gap: false,
      paused: false,
    };
    this.subs.add(s);
    return {
      close: () => {
        this.subs.delete(s);
        s.pending.clear();
      },
      pause: () => {
        s.paused = true;
      },
      resume: () => {
        s.paused = false;
        if (s.pending.size > 0 || s.gap) this.arm();
      },
    };
  }

  /** Delivers every waiting batch now. */
  flush(): void {
    this.urgent = false;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    for (const s of this.subs) {
      if (s.paused || (s.pending.size === 0 && !s.gap)) continue;
      const upserts: EntrySummary[] = [];
      const removed: string[] = [];
      for (const [id, v] of s.pending) {
        if (v) upserts.push(v);
        else removed.push(id);
      }
      const push: LogPush = { seq: s.lastSeq, upserts };
      if (removed.length > 0) push.removed = removed;
      if (s.gap) push.gap = true;
      s.pending.clear();
      s.gap = false;
      try {
        s.listener(push);
      } catch (err) {
        this.o.onError?.(err);
      }
    }
  }

  close(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.subs.clear();
  }

  private arm(): void {
    if (this.cancelTimer || this.subs.size === 0) return;
    this.cancelTimer = this.schedule(() => {
      this.cancelTimer = undefined;
      this.flush();
    }, this.intervalMs);
  }
}
