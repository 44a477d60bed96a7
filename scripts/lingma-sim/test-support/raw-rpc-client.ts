import WebSocket from 'ws';

/** A JSON-RPC message as the test sees it (params kept loose on purpose). */
export interface Msg {
  jsonrpc?: string;
  id?: number | string | null;
  method?: string;
  params?: Record<string, unknown>;
  result?: unknown;
  error?: { code: number; message: string };
}

/** Returned by a handler to leave a server request unanswered. */
export const NO_REPLY = Symbol('no-reply');
export type ServerRequestHandler = (msg: Msg) => unknown;

/** The test's own framing, independent of the simulator's code. */
export function frame(message: unknown): string {
  const body = JSON.stringify(message);
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

interface Waiter {
  pred: (m: Msg) => boolean;
  resolve: (m: Msg) => void;
}

/**
 * A raw WebSocket client: frames what it sends, unframes what it gets, answers every server
 * request through `handler` (default: result null), and records everything for assertions.
 */
export class RawRpcClient {
  readonly received: Msg[] = [];
  /** Server messages that were not a valid frame or not JSON. */
  readonly malformed: string[] = [];
  handler: ServerRequestHandler = () => null;
  private buffer = Buffer.alloc(0);
  private nextId = 1000;
  private waiters: Waiter[] = [];

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => this.onData(data));
  }

  static connect(port: number): Promise<RawRpcClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/`);
      ws.once('open', () => resolve(new RawRpcClient(ws)));
      ws.once('error', reject);
    });
  }

  sendRaw(text: string): void {
    this.ws.send(text);
  }

  notify(method: string, params: unknown = {}): void {
    this.sendRaw(frame({ jsonrpc: '2.0', method, params }));
  }

  /** Sends a request without waiting for its answer (chat/ask: the result may never come). */
  send(method: string, params: unknown = {}): number {
    const id = this.nextId++;
    this.sendRaw(frame({ jsonrpc: '2.0', id, method, params }));
    return id;
  }

  /** The answer to one of our requests, if it has arrived. */
  replyTo(id: number | string): Msg | undefined {
    return this.received.find((m) => m.method === undefined && m.id === id);
  }

  async request(
    method: string,
    params: unknown = {},
    id: number | string = this.nextId++,
  ): Promise<Msg> {
    const reply = this.waitFor((m) => m.method === undefined && m.id === id);
    this.sendRaw(frame({ jsonrpc: '2.0', id, method, params }));
    return reply;
  }

  /** Resolves with the first message (already received or future) that matches; bounded. */
  waitFor(pred: (m: Msg) => boolean, timeoutMs = 8000): Promise<Msg> {
    const seen = this.received.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        pred,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(
          new Error(
            `timed out; got: ${this.received.map((m) => m.method ?? `#${String(m.id)}`).join(', ')}`,
          ),
        );
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Server-pushed requests/notifications with this method, in arrival order. */
  pushes(method: string, requestId?: string): Msg[] {
    return this.received.filter(
      (m) => m.method === method && (requestId === undefined || m.params?.requestId === requestId),
    );
  }

  /** Waits for chat/finish of `requestId`. */
  finish(requestId: string, timeoutMs?: number): Promise<Msg> {
    return this.waitFor(
      (m) => m.method === 'chat/finish' && m.params?.requestId === requestId,
      timeoutMs,
    );
  }

  /** The answer a client honouring `overwrite` would show. */
  answerText(requestId: string): string {
    let text = '';
    for (const m of this.pushes('chat/answer', requestId)) {
      const delta = String(m.params?.text ?? '');
      text = m.params?.overwrite === true ? delta : text + delta;
    }
    return text;
  }

  close(): void {
    this.ws.terminate();
  }

  private onData(data: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, data]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const header = this.buffer.subarray(0, end).toString('latin1');
      const length = /^Content-Length: (\d+)$/im.exec(header)?.[1];
      if (length === undefined) {
        this.malformed.push(this.buffer.toString('utf8'));
        this.buffer = Buffer.alloc(0);
        return;
      }
      const start = end + 4;
      if (this.buffer.length < start + Number(length)) return;
      const body = this.buffer.subarray(start, start + Number(length)).toString('utf8');
      this.buffer = this.buffer.subarray(start + Number(length));
      try {
        this.onMessage(JSON.parse(body) as Msg);
      } catch {
        this.malformed.push(body);
      }
    }
  }

  private onMessage(msg: Msg): void {
    this.received.push(msg);
    for (const w of [...this.waiters]) {
      if (w.pred(msg)) {
        this.waiters = this.waiters.filter((x) => x !== w);
        w.resolve(msg);
      }
    }
    if (msg.method !== undefined && msg.id !== undefined && msg.id !== null) {
      const id = msg.id;
      void Promise.resolve(this.handler(msg)).then((result) => {
        if (result !== NO_REPLY && this.ws.readyState === WebSocket.OPEN) {
          this.sendRaw(frame({ jsonrpc: '2.0', id, result: result ?? null }));
        }
      });
    }
  }
}
