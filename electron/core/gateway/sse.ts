import type { Response } from 'express';

export interface SseOptions {
  /** Silence longer than this gets a keep-alive (proxies and SDKs drop idle streams). */
  keepAliveMs: number;
  /** The keep-alive text: an SSE comment for OpenAI, a `ping` event for Anthropic. */
  keepAliveFrame: string;
}

export const OPENAI_KEEPALIVE = ': keep-alive\n\n';
export const ANTHROPIC_KEEPALIVE = 'event: ping\ndata: {"type":"ping"}\n\n';

/** One SSE frame: an event line (optional) and `data:` with JSON, or with a literal string. */
export function sseFrame(data: unknown, event?: string): string {
  const payload = typeof data === 'string' ? data : JSON.stringify(data);
  return event ? `event: ${event}\ndata: ${payload}\n\n` : `data: ${payload}\n\n`;
}

/**
 * Writes one Server-Sent Events response: headers on open, frames, keep-alives during silence,
 * and the socket's backpressure as a promise the caller may wait on. A client disconnect is the
 * request's own signal (client-disconnect.ts); here it only stops writing.
 */
export class SseWriter {
  private timer: NodeJS.Timeout | undefined;
  private opened = false;
  private ended = false;
  /** Frames of this turn of the event loop, not yet handed to the socket. */
  private pending = '';
  private lastWriteAt = 0;
  private drain: Promise<void> | undefined;
  /** Bytes written, for metrics and benchmarks. */
  bytes = 0;

  constructor(
    private readonly res: Response,
    private readonly options: SseOptions,
  ) {
    res.once('close', () => {
      this.stopTimer();
      this.ended = true;
    });
  }

  get closed(): boolean {
    return this.ended;
  }

  get isOpen(): boolean {
    return this.opened;
  }

  open(status = 200): void {
    if (this.opened || this.ended) return;
    this.opened = true;
    // Corked until the first frames are handed over: the headers leave in the same socket write.
    this.res.cork();
    this.res.status(status);
    this.res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    this.res.setHeader('Cache-Control', 'no-cache, no-transform');
    this.res.setHeader('Connection', 'keep-alive');
    this.res.setHeader('X-Accel-Buffering', 'no');
    this.res.flushHeaders();
    this.res.socket?.setNoDelay(true);
    this.lastWriteAt = Date.now();
    this.armTimer(this.options.keepAliveMs);
  }

  /** `data: <json>` with an optional `event:` line. */
  send(data: unknown, event?: string): void {
    this.write(sseFrame(data, event));
  }

  write(frame: string): void {
    if (this.ended) return;
    if (!this.opened) this.open();
    this.lastWriteAt = Date.now();
    this.bytes += frame.length;
    if (this.pending === '') setImmediate(() => this.flush());
    this.pending += frame;
  }

  /**
   * Frames written in the same turn of the event loop (one upstream read often carries several
   * deltas) go to the socket as one chunk, in one write: a write (and a syscall) per frame was
   * most of the streaming CPU cost. They go out before the loop next waits for I/O, so no frame
   * is held back.
   */
  private flush(): void {
    const frames = this.pending;
    this.pending = '';
    if (frames === '' || this.res.writableEnded || this.res.destroyed) return;
    const room = this.res.write(frames);
    this.res.uncork();
    if (!room && !this.drain) {
      this.drain = new Promise((resolve) => {
        const done = (): void => {
          this.res.off('drain', done);
          this.res.off('close', done);
          this.drain = undefined;
          resolve();
        };
        this.res.once('drain', done);
        this.res.once('close', done);
      });
    }
  }

  /** A promise while the socket's buffer is full; undefined when it can take more. */
  ready(): Promise<void> | undefined {
    return this.drain;
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.stopTimer();
    const frames = this.pending;
    this.pending = '';
    // The last frames and the end of the chunked body in one write.
    if (frames) this.res.end(frames);
    else this.res.end();
  }

  /**
   * One timer for the whole stream: a write only notes the time, and the timer, when it fires,
   * sends a keep-alive if the silence has lasted long enough, else waits for the rest of it.
   */
  private armTimer(ms: number): void {
    if (this.ended || this.options.keepAliveMs <= 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const left = this.lastWriteAt + this.options.keepAliveMs - Date.now();
      if (left > 0) return this.armTimer(left);
      this.write(this.options.keepAliveFrame);
      this.armTimer(this.options.keepAliveMs);
    }, ms);
    this.timer.unref();
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
