import type { RpcPeer } from './rpc-peer.js';

/** A chat turn, queued or running. */
export interface ActiveTurn {
  requestId: string;
  /** Known once the turn starts (a new session gets its id then). */
  sessionId: string;
  /** The sessionId the client sent, so chat/stop by session also reaches queued turns. */
  requestedSessionId: string;
  peer: RpcPeer;
  params: Record<string, unknown>;
  abort: AbortController;
}

/**
 * Turns run one at a time per connection, like the real binary is believed to; extra chat/ask
 * calls wait in that connection's queue. The registry also lets chat/stop find a turn from any
 * connection.
 */
export class TurnRegistry {
  private readonly all = new Set<ActiveTurn>();
  private readonly queues = new Map<RpcPeer, ActiveTurn[]>();
  private readonly busy = new Set<RpcPeer>();

  constructor(private readonly run: (turn: ActiveTurn) => Promise<void>) {}

  enqueue(turn: ActiveTurn): void {
    this.all.add(turn);
    const queue = this.queues.get(turn.peer) ?? [];
    queue.push(turn);
    this.queues.set(turn.peer, queue);
    // Deferred so the chat/ask response goes out before the first push of the turn.
    setImmediate(() => void this.drain(turn.peer));
  }

  /** Aborts matching turns; the runner sends their "stopped" finish. Returns how many matched. */
  stop(match: { requestId?: string; sessionId?: string }): number {
    let count = 0;
    for (const turn of this.all) {
      const hit =
        (match.requestId !== undefined && turn.requestId === match.requestId) ||
        (match.sessionId !== undefined &&
          match.sessionId !== '' &&
          (turn.sessionId === match.sessionId || turn.requestedSessionId === match.sessionId));
      if (hit && !turn.abort.signal.aborted) {
        turn.abort.abort('stopped');
        count += 1;
      }
    }
    return count;
  }

  /** Drops a closed connection's turns without pushing anything more to it. */
  forget(peer: RpcPeer): void {
    for (const turn of this.queues.get(peer) ?? []) turn.abort.abort('closed');
    for (const turn of this.all) if (turn.peer === peer) turn.abort.abort('closed');
    this.queues.delete(peer);
  }

  private async drain(peer: RpcPeer): Promise<void> {
    if (this.busy.has(peer)) return;
    this.busy.add(peer);
    try {
      for (;;) {
        const turn = this.queues.get(peer)?.shift();
        if (!turn) break;
        try {
          await this.run(turn);
        } finally {
          this.all.delete(turn);
        }
      }
    } finally {
      this.busy.delete(peer);
    }
  }
}
