import type { RpcPeer } from './rpc-peer.js';

/** A running chat turn. */
export interface ActiveTurn {
  requestId: string;
  /** Known once the turn starts (a new session gets its id then). */
  sessionId: string;
  /** The sessionId the client sent, so chat/stop by session also finds the turn. */
  requestedSessionId: string;
  peer: RpcPeer;
  params: Record<string, unknown>;
  abort: AbortController;
}

/**
 * Turns are not queued: each `chat/ask` runs at once, in parallel with every other turn on the
 * same connection, and their pushes interleave (PRED ran 4 per connection, LTC up to 16; M,
 * §13.7). A client that routes pushes by arrival order instead of `requestId` breaks here, as it
 * would on the binary. The registry lets chat/stop find a turn from any connection and tells the
 * runner when a session is already busy.
 */
export class TurnRegistry {
  private readonly all = new Set<ActiveTurn>();

  constructor(private readonly run: (turn: ActiveTurn) => Promise<void>) {}

  /**
   * Starts the turn now; resolves once it has ended. The runner's first push happens before this
   * returns, i.e. before the chat/ask result goes out (§13.5; M).
   */
  start(turn: ActiveTurn): Promise<void> {
    this.all.add(turn);
    return this.run(turn).finally(() => this.all.delete(turn));
  }

  /** Other running turns on `sessionId`: a second turn on a busy session (§13.7). */
  othersOn(sessionId: string, turn: ActiveTurn): ActiveTurn[] {
    return [...this.all].filter((t) => t !== turn && t.sessionId === sessionId);
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

  get size(): number {
    return this.all.size;
  }
}
