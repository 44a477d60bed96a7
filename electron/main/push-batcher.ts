/**
 * Batches high-rate pushes to the renderer (log entries during a burst of requests): one send per
 * channel per frame (~16 ms), and everything is queued until the window says it is ready.
 */
export interface PushSink {
  send(channel: string, payload: unknown): void;
}

type Merge = (queued: unknown[]) => unknown[];

export class PushBatcher {
  private readonly queues = new Map<string, unknown[]>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ready = false;

  constructor(
    private readonly sink: PushSink,
    /** Per-channel coalescing: e.g. keep only the last status snapshot. */
    private readonly merge: Partial<Record<string, Merge>> = {},
    private readonly intervalMs = 16,
    private readonly maxQueued = 5_000,
  ) {}

  setReady(ready: boolean): void {
    this.ready = ready;
    if (ready) this.schedule();
  }

  push(channel: string, payload: unknown): void {
    let q = this.queues.get(channel);
    if (!q) this.queues.set(channel, (q = []));
    q.push(payload);
    // Bounded: a window that never becomes ready must not grow memory forever.
    if (q.length > this.maxQueued) q.splice(0, q.length - this.maxQueued);
    this.schedule();
  }

  flush(): void {
    this.timer = undefined;
    if (!this.ready) return;
    for (const [channel, q] of this.queues) {
      const merge = this.merge[channel];
      const out = merge ? merge(q) : q;
      for (const payload of out) this.sink.send(channel, payload);
    }
    this.queues.clear();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.queues.clear();
  }

  private schedule(): void {
    if (this.timer || !this.ready) return;
    this.timer = setTimeout(() => this.flush(), this.intervalMs);
  }
}

/** Keep only the newest payload (state snapshots). */
export const keepLast: Merge = (q) => (q.length ? [q[q.length - 1]] : []);

/** Log pushes merge into one batch: the newest sequence, upserts de-duplicated by id. */
export const mergeLogBatches: Merge = (q) => {
  if (q.length <= 1) return q;
  const byId = new Map<string, unknown>();
  let seq = 0;
  let gap = false;
  for (const item of q as Array<{ seq: number; upserts: Array<{ id: string }>; gap?: boolean }>) {
    seq = Math.max(seq, item.seq);
    gap ||= item.gap === true;
    for (const u of item.upserts) byId.set(u.id, u);
  }
  return [{ seq, upserts: [...byId.values()], ...(gap ? { gap } : {}) }];
};
