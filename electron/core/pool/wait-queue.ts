/**
 * A FIFO of parked promises, each bounded by a timeout and its caller's AbortSignal: the pool's
 * admission queue (a freed slot goes to the first waiter that may use it).
 */
import type { PoolClock, PoolTimer } from './clock';

/** One parked caller. `meta` is whatever the owner needs to decide whether it fits. */
export interface Waiter<T, M> {
  readonly meta: M;
  readonly enqueuedAt: number;
  /** Set by the queue; used to settle exactly once. */
  settled: boolean;
  resolve(value: T): void;
  reject(reason: unknown): void;
  timer: PoolTimer | undefined;
  detach: (() => void) | undefined;
}

export interface EnqueueOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Builds the rejection for a timeout; called once, after the waiter left the queue. */
  onTimeout: () => unknown;
}

/** FIFO of parked callers with per-waiter timeout and abort. */
export class WaitQueue<T, M> {
  private readonly entries: Array<Waiter<T, M>> = [];

  constructor(private readonly clock: PoolClock) {}

  get size(): number {
    return this.entries.length;
  }

  /** Parks a caller. Rejects at once when the signal is already aborted. */
  enqueue(meta: M, options: EnqueueOptions): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const { signal } = options;
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const waiter: Waiter<T, M> = {
        meta,
        enqueuedAt: this.clock.now(),
        settled: false,
        resolve,
        reject,
        timer: undefined,
        detach: undefined,
      };
      waiter.timer = this.clock.setTimeout(
        () => this.fail(waiter, options.onTimeout()),
        Math.max(0, options.timeoutMs),
      );
      if (signal) {
        const onAbort = (): void => this.fail(waiter, signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        waiter.detach = () => signal.removeEventListener('abort', onAbort);
      }
      this.entries.push(waiter);
    });
  }

  /** A snapshot in FIFO order (safe to grant/fail while iterating). */
  waiting(): Array<Waiter<T, M>> {
    return [...this.entries];
  }

  grant(waiter: Waiter<T, M>, value: T): void {
    if (this.take(waiter)) waiter.resolve(value);
  }

  fail(waiter: Waiter<T, M>, reason: unknown): void {
    if (this.take(waiter)) waiter.reject(reason);
  }

  failAll(reason: () => unknown): void {
    for (const w of this.waiting()) this.fail(w, reason());
  }

  private take(waiter: Waiter<T, M>): boolean {
    if (waiter.settled) return false;
    waiter.settled = true;
    const i = this.entries.indexOf(waiter);
    if (i >= 0) this.entries.splice(i, 1);
    if (waiter.timer !== undefined) this.clock.clearTimeout(waiter.timer);
    waiter.detach?.();
    return true;
  }
}
