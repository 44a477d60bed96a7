/**
 * Global admission control (the predecessor's backpressure): at most `maxInFlight` requests run at
 * once across the gateway; the rest wait FIFO up to `queueTimeoutMs`, then get a 429 with a
 * Retry-After. Every caller releases its ticket in a `finally`; a second release is ignored so a
 * double release can never let an extra request in.
 */
import { systemPoolClock, type PoolClock } from './clock';
import { LimiterRejectedError } from './errors';
import { HoldTimeEstimator } from './hold-time';
import { WaitQueue } from './wait-queue';

export interface LimiterOptions {
  /** Requests served at once; 0 (or less) = no limit. Default 4. */
  maxInFlight?: number;
  /** Longest wait for a ticket (default 30 s). */
  queueTimeoutMs?: number;
  /** Waiters beyond this are refused at once, so a flood cannot grow memory unbounded (256). */
  maxQueued?: number;
  clock?: PoolClock;
}

/** Proof of admission. `release()` is idempotent. */
export interface LimiterTicket {
  release(): void;
}

export interface LimiterStats {
  inFlight: number;
  queued: number;
  /** Requests refused (queue timeout or full queue) since start. */
  rejectedTotal: number;
  /** The current limit (0 = none). */
  maxInFlight: number;
}

/** The gateway-wide in-flight limit with a bounded FIFO wait. */
export class ConcurrencyLimiter {
  private maxInFlight: number;
  private queueTimeoutMs: number;
  private readonly maxQueued: number;
  private readonly clock: PoolClock;
  private readonly queue: WaitQueue<LimiterTicket, undefined>;
  private readonly holds = new HoldTimeEstimator();
  private inFlight = 0;
  private rejectedTotal = 0;

  constructor(options: LimiterOptions = {}) {
    this.maxInFlight = options.maxInFlight ?? 4;
    this.queueTimeoutMs = options.queueTimeoutMs ?? 30_000;
    this.maxQueued = options.maxQueued ?? 256;
    this.clock = options.clock ?? systemPoolClock;
    this.queue = new WaitQueue(this.clock);
  }

  /**
   * Resolves with a ticket once a slot is free. Rejects with LimiterRejectedError when the wait
   * runs out or the queue is full, or with the signal's reason when aborted while queued.
   */
  acquire(signal?: AbortSignal): Promise<LimiterTicket> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.hasRoom() && this.queue.size === 0) return Promise.resolve(this.issue());
    if (this.queue.size >= this.maxQueued) {
      this.rejectedTotal += 1;
      return Promise.reject(new LimiterRejectedError('queue_full', this.retryAfterMs()));
    }
    return this.queue.enqueue(undefined, {
      timeoutMs: this.queueTimeoutMs,
      signal,
      onTimeout: () => {
        this.rejectedTotal += 1;
        return new LimiterRejectedError('queue_timeout', this.retryAfterMs());
      },
    });
  }

  /** Applies new settings; a raised limit admits waiters at once. */
  configure(options: { maxInFlight?: number; queueTimeoutMs?: number }): void {
    if (options.maxInFlight !== undefined) this.maxInFlight = options.maxInFlight;
    if (options.queueTimeoutMs !== undefined) this.queueTimeoutMs = options.queueTimeoutMs;
    this.drain();
  }

  stats(): LimiterStats {
    return {
      inFlight: this.inFlight,
      queued: this.queue.size,
      rejectedTotal: this.rejectedTotal,
      maxInFlight: Math.max(0, this.maxInFlight),
    };
  }

  private hasRoom(): boolean {
    return this.maxInFlight <= 0 || this.inFlight < this.maxInFlight;
  }

  private issue(): LimiterTicket {
    this.inFlight += 1;
    const issuedAt = this.clock.now();
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.inFlight -= 1;
        this.holds.observe(this.clock.now() - issuedAt);
        this.drain();
      },
    };
  }

  private drain(): void {
    for (const waiter of this.queue.waiting()) {
      if (!this.hasRoom()) return;
      this.queue.grant(waiter, this.issue());
    }
  }

  private retryAfterMs(): number {
    return this.holds.retryAfterMs(this.queue.size + 1, this.maxInFlight);
  }
}
