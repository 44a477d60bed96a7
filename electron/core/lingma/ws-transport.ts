/**
 * The byte pipe under JSON-RPC: one WebSocket to a Lingma child (`ws://127.0.0.1:<port>/`, §3.3).
 * Kept behind a tiny interface so the JSON-RPC layer does not care how messages travel.
 */
import WebSocket from 'ws';
import { LingmaError } from './types';

export interface MessageTransport {
  readonly open: boolean;
  /**
   * Sends one text message; throws LingmaError('not_connected') once closed. `ack`: a reply to a
   * push, which may leave a moment after what the client is waiting for.
   */
  send(text: string, options?: { ack?: boolean }): void;
  close(): void;
  onMessage(listener: (data: Buffer) => void): void;
  /** Called exactly once, when the pipe is gone for whatever reason. */
  onClose(listener: (reason: string) => void): void;
}

/**
 * Per-frame work a loopback peer does not need: every frame we send is still masked (the server
 * requires the mask bit), with a zero key so ws skips the XOR pass and the random key; and frames
 * from Lingma are not re-checked for valid UTF-8 (a bad byte would become U+FFFD in the JSON
 * instead of closing the connection). Masking protects browsers' traffic from poisoning caching
 * proxies — there is no proxy on 127.0.0.1. Every streamed delta costs one frame each way.
 * The binary is a Go program (§1, ZC; H); a WebSocket server unmasks with whatever key a frame
 * carries and cannot tell a zero key from a random one (RFC 6455 §5.3) — not seen on the real
 * binary (L); the simulator's `ws` server takes it the same way.
 */
const LOOPBACK_FRAMING = {
  generateMask: (mask: Buffer): void => void mask.fill(0),
  skipUTF8Validation: true,
} as const;

/** Opens a transport to `url` or rejects (refused, handshake timeout, aborted). */
export type DialFn = (
  url: string,
  options: { timeoutMs: number; signal?: AbortSignal },
) => Promise<MessageTransport>;

/** Dials a Lingma WebSocket. */
export const dialWebSocket: DialFn = (url, { timeoutMs, signal }) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    // No compression: loopback only, and the real binary was never seen negotiating it.
    const socket = new WebSocket(url, {
      perMessageDeflate: false,
      handshakeTimeout: timeoutMs,
      ...LOOPBACK_FRAMING,
    });
    const onAbort = (): void => {
      socket.terminate();
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('open', () => {
      signal?.removeEventListener('abort', onAbort);
      resolve(wrapSocket(socket));
    });
    socket.once('error', (err) => {
      signal?.removeEventListener('abort', onAbort);
      reject(new LingmaError(`cannot connect to ${url}: ${err.message}`, 'not_connected'));
    });
  });

/** Wraps an already open socket (also used by test peers on the server side). */
export function wrapSocket(socket: WebSocket): MessageTransport {
  const messageListeners: Array<(data: Buffer) => void> = [];
  const closeListeners: Array<(reason: string) => void> = [];
  let closedReason: string | undefined;
  const finish = (reason: string): void => {
    if (closedReason !== undefined) return;
    closedReason = reason;
    for (const l of closeListeners.splice(0)) l(reason);
  };
  socket.on('message', (data: WebSocket.RawData) => {
    const buf = Array.isArray(data)
      ? Buffer.concat(data)
      : Buffer.isBuffer(data)
        ? data
        : Buffer.from(data);
    for (const l of messageListeners) l(buf);
  });
  // After 'open', ws always follows an 'error' with 'close'; the listener only stops the throw.
  socket.on('error', () => undefined);
  socket.on('close', (code, reason) =>
    finish(`websocket closed (${code}${reason.length ? `: ${reason.toString()}` : ''})`),
  );
  // Messages sent in the same turn of the event loop (a reply to every streamed chat/answer)
  // leave in one socket write instead of one syscall each. ws has no public cork, so this uses its
  // underlying net.Socket when it is there and does nothing otherwise. A turn that wrote only
  // acks flushes one loop pass later, after the SSE frames of the same turn (those flush on the
  // first pass): nothing on our side waits for an ack, the client waits for its first token.
  const raw = (socket as unknown as { _socket?: { cork?(): void; uncork?(): void } })._socket;
  let corked = false;
  let urgent = false;
  const flush = (): void => {
    corked = false;
    urgent = false;
    raw?.uncork?.();
  };
  const gather = (ack: boolean): void => {
    if (!raw?.cork || !raw.uncork) return;
    if (!ack) urgent = true;
    if (corked) return;
    corked = true;
    raw.cork();
    setImmediate(() => (urgent ? flush() : setImmediate(flush)));
  };
  return {
    get open() {
      return closedReason === undefined && socket.readyState === WebSocket.OPEN;
    },
    send(text, options) {
      if (closedReason !== undefined || socket.readyState !== WebSocket.OPEN) {
        throw new LingmaError('the Lingma connection is closed', 'not_connected');
      }
      gather(options?.ack === true);
      socket.send(text);
    },
    close() {
      socket.close();
      // A peer that never completes the closing handshake must not keep us waiting.
      setTimeout(() => socket.terminate(), 1000).unref();
      finish('closed by client');
    },
    onMessage: (l) => void messageListeners.push(l),
    onClose: (l) => {
      if (closedReason !== undefined) l(closedReason);
      else closeListeners.push(l);
    },
  };
}
