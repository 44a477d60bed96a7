/**
 * A tiny scripted Lingma-side peer for unit tests: a real WebSocket server on 127.0.0.1:0 that
 * speaks Content-Length frames, records every message a client sends, answers requests through
 * per-method handlers and lets a test push server→client requests. Not a simulator: anything the
 * protocol does is scripted by the test itself.
 */
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { encodeFrame, FrameDecoder } from '../framing';

export type PeerMessage = Record<string, unknown>;

/** Returns the result to reply with; `undefined` means "do not reply" (the test replies later). */
export type PeerHandler = (params: Record<string, unknown>, msg: PeerMessage) => unknown;

export class FakePeer {
  readonly messages: PeerMessage[] = [];
  readonly sockets: WebSocket[] = [];
  private readonly handlers = new Map<string, PeerHandler>();
  private readonly waiters = new Set<() => void>();
  private nextId = 1000;

  private constructor(
    private readonly server: WebSocketServer,
    readonly port: number,
  ) {
    server.on('connection', (socket) => {
      this.sockets.push(socket);
      const decoder = new FrameDecoder();
      socket.on('message', (data: Buffer) => {
        for (const body of decoder.push(data)) this.receive(JSON.parse(body) as PeerMessage);
      });
      socket.on('close', () => this.notify());
      this.notify();
    });
  }

  static async start(): Promise<FakePeer> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    return new FakePeer(server, (server.address() as AddressInfo).port);
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}/`;
  }

  /** Scripts the answer to a client request. */
  handle(method: string, handler: PeerHandler): void {
    this.handlers.set(method, handler);
  }

  /** Sends a framed message (object or raw string body) on the newest socket. */
  send(message: unknown): void {
    this.last().send(encodeFrame(message));
  }

  /** Sends raw WebSocket text (for framing faults). */
  sendRaw(text: string | Buffer): void {
    this.last().send(text);
  }

  /** Pushes a server→client request; returns its id. */
  request(method: string, params: unknown): number {
    const id = this.nextId++;
    this.send({ jsonrpc: '2.0', id, method, params });
    return id;
  }

  notifyClient(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  reply(id: unknown, result: unknown): void {
    this.send({ jsonrpc: '2.0', id, result });
  }

  /** Client requests with this method, in order. */
  sent(method: string): PeerMessage[] {
    return this.messages.filter((m) => m.method === method);
  }

  /** The client's reply to one of our requests. */
  replyTo(id: number): PeerMessage | undefined {
    return this.messages.find((m) => m.id === id && m.method === undefined);
  }

  /** Waits (bounded) until `check` returns something truthy. */
  async waitFor<T>(check: () => T | undefined | false, timeoutMs = 5_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('FakePeer.waitFor timed out');
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, Math.min(left, 50));
        this.waiters.add(wake);
      });
    }
  }

  /** Drops every client connection abruptly (as a dying process would). */
  dropClients(): void {
    for (const s of this.sockets) s.terminate();
  }

  async close(): Promise<void> {
    this.dropClients();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private last(): WebSocket {
    const s = this.sockets[this.sockets.length - 1];
    if (!s) throw new Error('FakePeer: no client connected');
    return s;
  }

  private receive(msg: PeerMessage): void {
    this.messages.push(msg);
    const method = typeof msg.method === 'string' ? msg.method : undefined;
    if (method !== undefined && msg.id !== undefined) {
      const handler = this.handlers.get(method);
      const params = (msg.params ?? {}) as Record<string, unknown>;
      const result = handler ? handler(params, msg) : null;
      if (result !== undefined) this.reply(msg.id, result);
    }
    this.notify();
  }

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }
}
