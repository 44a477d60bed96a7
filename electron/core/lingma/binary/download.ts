/**
 * Streams the VSIX straight to a file (gunzipping on the fly when needed), with an overall
 * timeout, an idle timeout, caller cancellation and byte-level progress. Nothing of the
 * ~200 MB body is held in memory beyond stream buffers.
 */
import { createWriteStream } from 'node:fs';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { describeNetworkError, downloadError, LingmaBinaryError, networkErrorCode } from './errors';
import { GunzipIfGzipped } from './gunzip-if-gzipped';

/** What {@link downloadToFile} needs; every default lives in the caller. */
export interface DownloadOptions {
  url: string;
  destination: string;
  /** Named in error messages, e.g. "the VS Code Marketplace". */
  sourceLabel: string;
  fetch: typeof fetch;
  userAgent: string;
  timeoutMs: number;
  /** Abort when no byte arrives for this long (a stalled connection, not a slow one). */
  idleTimeoutMs: number;
  signal?: AbortSignal;
  /** Called for every received chunk; `total` is undefined when the size is unknown. */
  onBytes: (received: number, total: number | undefined) => void;
}

class ByteCounter extends Transform {
  received = 0;

  constructor(private readonly onChunk: (received: number) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.received += chunk.length;
    this.onChunk(this.received);
    done(null, chunk);
  }
}

/**
 * Downloads `url` into `destination` (a plain zip afterwards, gzip wrapper removed).
 * Throws {@link LingmaBinaryError} with code offline, http, timeout, aborted, bad-archive or io.
 * A partially written destination is left for the caller to delete with its temp dir.
 */
export async function downloadToFile(options: DownloadOptions): Promise<{ bytes: number }> {
  const controller = new AbortController();
  let stopReason: 'timeout' | 'idle' | 'aborted' | undefined;
  const stop = (reason: 'timeout' | 'idle' | 'aborted'): void => {
    stopReason ??= reason;
    controller.abort();
  };
  const onCallerAbort = (): void => stop('aborted');
  if (options.signal?.aborted) onCallerAbort();
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  const overall = setTimeout(() => stop('timeout'), options.timeoutMs);
  let idle = setTimeout(() => stop('idle'), options.idleTimeoutMs);
  const touch = (): void => {
    clearTimeout(idle);
    idle = setTimeout(() => stop('idle'), options.idleTimeoutMs);
  };

  const fail = (error: unknown): LingmaBinaryError => {
    if (error instanceof LingmaBinaryError) return error;
    if (stopReason === 'aborted') {
      return new LingmaBinaryError('aborted', 'The Lingma download was cancelled.', {
        cause: error,
      });
    }
    if (stopReason === 'timeout') {
      const minutes = Math.round(options.timeoutMs / 6000) / 10;
      return downloadError('timeout', options.sourceLabel, `it took longer than ${minutes} min`);
    }
    if (stopReason === 'idle') {
      const seconds = Math.round(options.idleTimeoutMs / 100) / 10;
      return downloadError('timeout', options.sourceLabel, `no data arrived for ${seconds} s`);
    }
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('Z_')) {
      return new LingmaBinaryError(
        'bad-archive',
        `The downloaded Lingma package is a damaged gzip file (${(error as Error).message}). Try again.`,
        { cause: error },
      );
    }
    if (networkErrorCode(error) || error instanceof TypeError) {
      return downloadError('offline', options.sourceLabel, describeNetworkError(error), error);
    }
    const message = error instanceof Error ? error.message : String(error);
    return new LingmaBinaryError('io', `Could not save the Lingma download: ${message}`, {
      cause: error,
    });
  };

  try {
    let response: Response;
    try {
      response = await options.fetch(options.url, {
        headers: { 'User-Agent': options.userAgent, Accept: 'application/octet-stream, */*' },
        redirect: 'follow',
        signal: controller.signal,
      });
    } catch (error) {
      throw fail(error);
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      const hint = response.status === 404 ? ' (that version may not exist)' : '';
      const status = `${response.status} ${response.statusText}`.trim();
      throw downloadError('http', options.sourceLabel, `the server answered HTTP ${status}${hint}`);
    }
    // With Content-Encoding, fetch hands us decoded bytes, so Content-Length would not match.
    const encoded = (response.headers.get('content-encoding') ?? 'identity') !== 'identity';
    const length = Number(response.headers.get('content-length'));
    const total = !encoded && Number.isFinite(length) && length > 0 ? length : undefined;
    options.onBytes(0, total);
    const counter = new ByteCounter((received) => {
      touch();
      options.onBytes(received, total);
    });
    const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
    try {
      await pipeline(body, counter, new GunzipIfGzipped(), createWriteStream(options.destination), {
        signal: controller.signal,
      });
    } catch (error) {
      throw fail(error);
    }
    return { bytes: counter.received };
  } finally {
    clearTimeout(overall);
    clearTimeout(idle);
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
}
