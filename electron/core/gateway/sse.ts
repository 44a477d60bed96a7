import type { Response } from 'express';

export interface SseOptions {
  /** Silence longer than this gets a keep-alive (proxies and SDKs drop idle streams). */
  keepAliveMs: number;
  /** The keep-alive text: an SSE comment for OpenAI, a `ping` event for Anthropic. */
  keepAliveFrame: string;
}

export const OPENAI_KEEPALIVE = ': keep-alive\n\n';
export const ANTHROPIC_KEEPALIVE = 'event: ping\ndata: {"type":"ping"}\n\n';

/**
 * Writes one Server-Sent Events response. Owns the keep-alive timer, honours socket backpressure
 * and turns a client disconnect into an AbortSignal so the upstream turn can be cancelled.
 */
export class SseWriter {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private opened = false;
  private ended = false;
  /** Set while writes of this turn of the event loop are being gathered into one socket write. */
  private corked = false;
  /** Bytes written, for metrics and benchmarks. */
  bytes = 0;

  constructor(
    private readonly res: Response,
    private readonly options: SseOptions,
  ) {
    res.on('close', () => {
      this.stopTimer();
      if (!this.ended) this.controller.abort(new Error('client disconnected'));
      this.ended = true;
    });
  }

  /** Aborted when the client goes away before the stream ended. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get closed(): boolean {
    return this.ended;
  }

  get isOpen(): boolean {
    return this.opened;
  }

  open(status = 200): void {
    if (this.opened) return;
    this.opened = true;
    this.res.status(status);
    this.res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    this.res.setHeader('Cache-Control', 'no-cache, no-transform');
    this.res.setHeader('Connection', 'keep-alive');
    this.res.setHeader('X-Accel-Buffering', 'no');
    this.res.flushHeaders();
    this.res.socket?.setNoDelay(true);
    this.armTimer();
  }

  /** `data: <json>` with an optional `event:` line. Resolves once the socket can take more. */
  send(data: unknown, event?: string): Promise<void> {
    const payload = typeof data === 'string' ? data : JSON.stringify(data);
    const frame = (event ? `event: ${event}\n` : '') + `data: ${payload}\n\n`;
    return this.write(frame);
  }

  write(frame: string): Promise<void> {
    if (this.ended) return Promise.resolve();
    // Corked before open(): the headers leave in the same socket write as the first frame.
    this.gather();
    if (!this.opened) this.open();
    this.armTimer();
    this.bytes += frame.length;
    if (this.res.write(frame)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        this.res.off('drain', done);
        this.res.off('close', done);
        resolve();
      };
      this.res.once('drain', done);
      this.res.once('close', done);
    });
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.stopTimer();
    this.res.end();
  }

  /**
   * Frames written in the same turn of the event loop (one upstream read often carries several
   * deltas) leave in one socket write: a syscall per frame was most of the streaming CPU cost.
   * They go out before the loop next waits for I/O, so no frame is held back.
   */
  private gather(): void {
    if (this.corked) return;
    this.corked = true;
    this.res.cork();
    setImmediate(() => {
      this.corked = false;
      // end() has already flushed everything; uncorking again would be a no-op at best.
      if (!this.res.writableEnded) this.res.uncork();
    });
  }

  private armTimer(): void {
    this.stopTimer();
    if (this.ended || this.options.keepAliveMs <= 0) return;
    this.timer = setTimeout(() => {
      void this.write(this.options.keepAliveFrame);
    }, this.options.keepAliveMs);
    this.timer.unref();
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
