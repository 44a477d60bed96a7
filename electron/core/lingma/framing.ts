/**
 * LSP base-protocol framing (`Content-Length: N\r\n\r\n<json>`) as Lingma uses it inside WebSocket
 * text messages (protocol notes §4). A WebSocket message may carry several frames or only part of
 * one, and N counts UTF-8 bytes, so decoding works on bytes, never on JS string lengths.
 */

/** Default cap on one frame's body; a larger declared length is treated as garbage. */
export const DEFAULT_MAX_FRAME_BYTES = 32 * 1024 * 1024;
/** Headers are a few short lines; anything longer without a blank line is not a header. */
const MAX_HEADER_BYTES = 8 * 1024;

const HEADER_END = Buffer.from('\r\n\r\n', 'latin1');
/** The header as Lingma (and we) write it; frames that start so take the fast path. */
const PLAIN_PREFIX = Buffer.from('Content-Length: ', 'latin1');
/** Every header we expect starts like this (`Content-Length`, `Content-Type`): the resync anchor. */
const RESYNC_ANCHOR = Buffer.from('content-', 'latin1');

/** Wraps one JSON-RPC message (object or already serialised JSON) in a frame. */
export function encodeFrame(message: unknown): string {
  const body = typeof message === 'string' ? message : JSON.stringify(message);
  return `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
}

export interface FrameDecoderOptions {
  maxFrameBytes?: number;
  /** Told about dropped bytes; the decoder itself never throws on bad input. */
  onError?: (message: string, details: Record<string, unknown>) => void;
}

/** A header line so far: a token, optionally `: value`, optionally the start of the CRLF. */
const PARTIAL_HEADER =
  /^(?:[A-Za-z0-9_-]+:[^\r\n]*\r\n)*(?:[A-Za-z0-9_-]*(?::[^\r\n]*)?(?:\r\n?)?)?\r?$/;
const HEADER_LINE = /^([A-Za-z0-9_-]+):[ \t]*(.*?)[ \t]*$/;

/**
 * Streaming decoder. Feed it every WebSocket message with `push`; it returns the complete frame
 * bodies found so far (as UTF-8 strings) and keeps any partial frame for the next call.
 */
export class FrameDecoder {
  private buffer: Buffer = Buffer.alloc(0);
  private readonly maxFrameBytes: number;
  private readonly onError: NonNullable<FrameDecoderOptions['onError']>;

  constructor(options: FrameDecoderOptions = {}) {
    this.maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    this.onError = options.onError ?? (() => undefined);
  }

  /** Bytes held back waiting for the rest of a frame. */
  get pendingBytes(): number {
    return this.buffer.length;
  }

  push(chunk: Buffer | string): string[] {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    this.buffer = this.buffer.length === 0 ? bytes : Buffer.concat([this.buffer, bytes]);
    const bodies: string[] = [];
    while (this.buffer.length > 0) {
      const body = this.next();
      if (body === undefined) break;
      if (body !== null) bodies.push(body);
    }
    return bodies;
  }

  /** One step: a body, null when bytes were dropped (keep going), undefined when more is needed. */
  private next(): string | null | undefined {
    const fast = this.plainFrame();
    if (fast !== undefined) return fast;
    const headerEnd = this.buffer.indexOf(HEADER_END);
    if (headerEnd === -1) {
      const head = this.buffer.subarray(0, MAX_HEADER_BYTES + 1).toString('latin1');
      if (this.buffer.length <= MAX_HEADER_BYTES && PARTIAL_HEADER.test(head)) return undefined;
      return this.resync('no frame header');
    }
    if (headerEnd > MAX_HEADER_BYTES) return this.resync('frame header too long');
    const length = parseContentLength(this.buffer.subarray(0, headerEnd).toString('latin1'));
    if (length === undefined) return this.resync('invalid frame header');
    if (length > this.maxFrameBytes) {
      // The body may already be on its way; dropping only the header lets resync find the
      // next real frame instead of waiting for (and buffering) an absurd number of bytes.
      return this.resync('frame too large', { length, max: this.maxFrameBytes });
    }
    const start = headerEnd + HEADER_END.length;
    if (this.buffer.length < start + length) return undefined;
    const body = this.buffer.subarray(start, start + length).toString('utf8');
    this.buffer = this.buffer.subarray(start + length);
    return body;
  }

  /**
   * The frame every message is (§4): exactly `Content-Length: N` CRLF CRLF, read byte by byte
   * without building strings. Anything else — other headers, other spelling, a partial frame, a
   * length over the cap — is left to the general path (undefined).
   */
  private plainFrame(): string | undefined {
    const b = this.buffer;
    const n = PLAIN_PREFIX.length;
    if (b.length < n + 5 || b.compare(PLAIN_PREFIX, 0, n, 0, n) !== 0) return undefined;
    let i = n;
    let length = 0;
    for (; i < b.length && i < n + 12; i++) {
      const c = b[i] as number;
      if (c < 0x30 || c > 0x39) break;
      length = length * 10 + (c - 0x30);
    }
    if (i === n || b.length < i + 4) return undefined;
    if (b[i] !== 0x0d || b[i + 1] !== 0x0a || b[i + 2] !== 0x0d || b[i + 3] !== 0x0a)
      return undefined;
    const start = i + 4;
    if (length > this.maxFrameBytes || b.length < start + length) return undefined;
    const body = b.toString('utf8', start, start + length);
    this.buffer = b.subarray(start + length);
    return body;
  }

  /** Drops bytes up to the next plausible header start (at least one byte, so we always advance). */
  private resync(reason: string, extra: Record<string, unknown> = {}): null {
    const lower = Buffer.from(this.buffer.toString('latin1').toLowerCase(), 'latin1');
    const at = lower.indexOf(RESYNC_ANCHOR, 1);
    let dropped: number;
    if (at === -1) {
      // Keep a tail that could be the beginning of a header split across messages.
      dropped = this.buffer.length - anchorPrefixSuffix(lower);
    } else {
      dropped = at;
    }
    const sample = this.buffer.subarray(0, Math.min(dropped, 80)).toString('utf8');
    this.buffer = this.buffer.subarray(dropped);
    this.onError(`framing: ${reason}, dropped ${dropped} byte(s)`, { ...extra, dropped, sample });
    return null;
  }
}

/** Length of the longest proper suffix of `bytes` that is a prefix of the resync anchor. */
function anchorPrefixSuffix(bytes: Buffer): number {
  for (let k = Math.min(RESYNC_ANCHOR.length - 1, bytes.length - 1); k > 0; k--) {
    if (bytes.subarray(bytes.length - k).equals(RESYNC_ANCHOR.subarray(0, k))) return k;
  }
  return 0;
}

function parseContentLength(header: string): number | undefined {
  let length: number | undefined;
  for (const line of header.split('\r\n')) {
    const m = HEADER_LINE.exec(line);
    if (!m) return undefined;
    if (m[1]!.toLowerCase() !== 'content-length') continue;
    if (!/^\d{1,12}$/.test(m[2]!)) return undefined;
    length = Number(m[2]);
  }
  return length;
}
