/**
 * Which turn a push belongs to, and which follow-up may start. Pushes carry the `requestId` the
 * client generated (ZC, CLAW; H): that is the routing key, never arrival order (§8.1, §13.7).
 * Messages without one are matched by toolCallId, then by a sessionId only one turn holds. A
 * follow-up waits while another turn runs on its session (LTC: turns on one session mix; M).
 */
import { str } from './client-parsers';
import type { TurnState } from './chat-turn-state';

export class TurnRouter {
  private readonly active = new Map<string, TurnState>();
  private readonly busy = new Map<string, TurnState>();
  private readonly waiting = new Map<string, TurnState[]>();
  private readonly tools = new Map<string, TurnState>();

  get size(): number {
    return this.active.size;
  }

  /** True when `t` may be sent now; otherwise it waits for its session (a follow-up). */
  admit(t: TurnState): boolean {
    const session = t.request.isReply ? t.sessionId : '';
    if (!session) return true;
    if (this.busy.has(session)) {
      const list = this.waiting.get(session) ?? [];
      list.push(t);
      this.waiting.set(session, list);
      return false;
    }
    this.busy.set(session, t);
    t.lane = session;
    return true;
  }

  sent(t: TurnState): void {
    this.active.set(t.requestId, t);
  }

  ownTool(toolCallId: string, t: TurnState): void {
    this.tools.set(toolCallId, t);
  }

  /** The turn a push belongs to (possibly one that is already closed), or undefined. */
  route(p: Record<string, unknown>): TurnState | undefined {
    const requestId = str(p.requestId);
    if (requestId) return this.active.get(requestId);
    const toolCallId = str(p.toolCallId);
    const owner = toolCallId ? this.tools.get(toolCallId) : undefined;
    if (owner) return this.active.get(owner.requestId) === owner ? owner : undefined;
    // Only when unambiguous: the one turn on that session, else the one turn whose session is
    // not known yet (a new session's title update may come before anything names its id).
    const sessionId = str(p.sessionId);
    const live = [...this.active.values()];
    const onSession = sessionId ? live.filter((t) => t.sessionId === sessionId) : [];
    if (onSession.length > 0) return onSession.length === 1 ? onSession[0] : undefined;
    const unknown = sessionId ? live.filter((t) => t.sessionId === '') : live;
    return unknown.length === 1 ? unknown[0] : undefined;
  }

  /** Forgets `t`; returns the follow-up that may now run on its session, if any. */
  release(t: TurnState): TurnState | undefined {
    if (this.active.get(t.requestId) === t) this.active.delete(t.requestId);
    for (const id of t.toolCallIds) if (this.tools.get(id) === t) this.tools.delete(id);
    for (const [session, list] of this.waiting) {
      const rest = list.filter((x) => x !== t);
      if (rest.length === 0) this.waiting.delete(session);
      else if (rest.length !== list.length) this.waiting.set(session, rest);
    }
    const lane = t.lane;
    if (!lane || this.busy.get(lane) !== t) return undefined;
    this.busy.delete(lane);
    const next = this.waiting.get(lane)?.shift();
    if (this.waiting.get(lane)?.length === 0) this.waiting.delete(lane);
    if (!next) return undefined;
    this.busy.set(lane, next);
    next.lane = lane;
    return next;
  }

  /** Every sent and waiting turn; the router is empty afterwards. */
  drain(): TurnState[] {
    const all = [...this.active.values(), ...[...this.waiting.values()].flat()];
    this.active.clear();
    this.busy.clear();
    this.waiting.clear();
    this.tools.clear();
    return [...new Set(all)];
  }
}
