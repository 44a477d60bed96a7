/**
 * A cap on the listener's open sockets that keyed clients cannot be locked out by: past the cap,
 * the oldest idle socket that never carried an authenticated request is closed first, then the
 * oldest idle authenticated keep-alive socket; only when every socket is busy is the newcomer
 * refused. Without it, ~1,100 idle loopback sockets exhausted the process's file descriptors and
 * new legitimate connections failed (issue 12).
 */
import type { Socket } from 'node:net';

const authenticated = new WeakSet<Socket>();

/** Called by the auth middleware once a request on `socket` presented a valid key or token. */
export function markAuthenticated(socket: Socket | undefined): void {
  if (socket) authenticated.add(socket);
}

interface Tracked {
  /** Requests in progress on the socket (HTTP/1.1 keep-alive: 0 or 1). */
  busy: number;
}

/** Tracks every open socket of one listener and enforces the cap. */
export class ConnectionGuard {
  private readonly sockets = new Map<Socket, Tracked>();
  /** Sockets closed to make room, by kind (for logs and tests). */
  readonly evicted = { unauthenticated: 0, authenticated: 0, refused: 0 };

  constructor(private readonly maxConnections: () => number) {}

  get size(): number {
    return this.sockets.size;
  }

  all(): IterableIterator<Socket> {
    return this.sockets.keys();
  }

  /** A new connection: track it, and make room if the cap is exceeded. */
  accept(socket: Socket): void {
    this.sockets.set(socket, { busy: 0 });
    socket.once('close', () => this.sockets.delete(socket));
    if (this.sockets.size <= Math.max(1, this.maxConnections())) return;
    // The newcomer has not had a chance to authenticate yet: older sockets go first.
    const victim = this.victim(false, socket) ?? this.victim(true, socket);
    if (victim) {
      this.evicted[authenticated.has(victim) ? 'authenticated' : 'unauthenticated'] += 1;
      this.drop(victim);
      return;
    }
    this.evicted.refused += 1;
    this.drop(socket);
  }

  /** A request started on `socket`; the returned function marks it finished. */
  begin(socket: Socket): () => void {
    const t = this.sockets.get(socket);
    if (!t) return () => undefined;
    t.busy += 1;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      t.busy = Math.max(0, t.busy - 1);
    };
  }

  /** The oldest idle socket of the given kind other than `spare` (Map order is arrival order). */
  private victim(wantAuthenticated: boolean, spare: Socket): Socket | undefined {
    for (const [socket, t] of this.sockets) {
      if (socket === spare || t.busy > 0) continue;
      if (authenticated.has(socket) === wantAuthenticated) return socket;
    }
    return undefined;
  }

  private drop(socket: Socket): void {
    this.sockets.delete(socket);
    socket.destroy();
  }
}
