/** Wraps one JSON-RPC message in an LSP base-protocol frame; the length counts UTF-8 bytes. */
export function encodeFrame(message: unknown): string {
  const body = JSON.stringify(message);
  return `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
}

export type DecodedItem = { kind: 'body'; body: string } | { kind: 'garbage'; sample: string };

const HEADER_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = 'content-length';
/** A header block longer than this without a blank line is not a header. */
const MAX_HEADER_BYTES = 4096;

/** True while `text` could still grow into a header line (`Name: value`). */
function looksLikeHeaderStart(text: string): boolean {
  const firstLine = text.split('\r\n', 1)[0] ?? '';
  if (/^[A-Za-z][A-Za-z0-9-]*\s*:/.test(firstLine)) return true;
  return !text.includes('\r\n') && /^[A-Za-z][A-Za-z0-9-]*$/.test(firstLine);
}

/**
 * Reassembles frames from WebSocket messages: one message may carry several frames or part of
 * one. Anything that is not a frame is reported as garbage and skipped up to the next
 * `Content-Length` header, which is how the real binary survives bare JSON.
 */
export class FrameDecoder {
  private buffer: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): DecodedItem[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const out: DecodedItem[] = [];
    for (;;) {
      if (this.buffer.length === 0) break;
      const head = this.buffer.subarray(0, MAX_HEADER_BYTES).toString('latin1');
      if (!looksLikeHeaderStart(head)) {
        out.push(this.skipGarbage(1));
        continue;
      }
      const end = this.buffer.indexOf(HEADER_END);
      if (end < 0) {
        if (this.buffer.length > MAX_HEADER_BYTES) out.push(this.skipGarbage(1));
        else break;
        continue;
      }
      const length = this.contentLength(this.buffer.subarray(0, end).toString('latin1'));
      if (length === undefined) {
        out.push(this.skipGarbage(end + HEADER_END.length));
        continue;
      }
      const start = end + HEADER_END.length;
      if (this.buffer.length < start + length) break;
      out.push({
        kind: 'body',
        body: this.buffer.subarray(start, start + length).toString('utf8'),
      });
      this.buffer = this.buffer.subarray(start + length);
    }
    return out;
  }

  private contentLength(header: string): number | undefined {
    for (const line of header.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon < 0 || line.slice(0, colon).trim().toLowerCase() !== CONTENT_LENGTH) continue;
      const value = line.slice(colon + 1).trim();
      return /^\d+$/.test(value) ? Number(value) : undefined;
    }
    return undefined;
  }

  /** Drops bytes up to the next header that names Content-Length, searching from `from`. */
  private skipGarbage(from: number): DecodedItem {
    const lower = this.buffer.toString('latin1').toLowerCase();
    const next = lower.indexOf(`${CONTENT_LENGTH}:`, from);
    const cut = next < 0 ? this.buffer.length : next;
    const sample = this.buffer.subarray(0, Math.min(cut, 80)).toString('utf8');
    this.buffer = this.buffer.subarray(cut);
    return { kind: 'garbage', sample };
  }
}
