import { randomUUID } from 'node:crypto';

export interface ChatRecord {
  requestId: string;
  question: string;
  answer: string;
  modelKey: string;
  createdAt: number;
}

export interface ChatSession {
  sessionId: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  records: ChatRecord[];
  /** Set once a chat/finish has handed the id to the client: only then may it be continued. */
  returned: boolean;
}

export interface SessionChoice {
  session: ChatSession;
  isNew: boolean;
  /** Set when a reply named a session this process does not know. */
  unknownReplyTo?: string;
}

/** Chat history kept in memory per process (the real binary keeps it in cache/db/local.db). */
export class SessionStore {
  private readonly sessions = new Map<string, ChatSession>();

  /**
   * Only `isReply: true` plus an id that an earlier chat/finish returned continues a session
   * (PRED; M, §13.8). Everything else starts a new session whose id differs from whatever the
   * client sent (PRED sent fresh UUIDs and still had to read the real id from the finish; L).
   */
  choose(sessionId: string, isReply: boolean): SessionChoice {
    const known = sessionId === '' ? undefined : this.sessions.get(sessionId);
    if (isReply && known?.returned) return { session: known, isNew: false };
    const session = this.create(randomUUID());
    return isReply && sessionId !== ''
      ? { session, isNew: true, unknownReplyTo: sessionId }
      : { session, isNew: true };
  }

  get(sessionId: string): ChatSession | undefined {
    return this.sessions.get(sessionId);
  }

  delete(sessionId: string): boolean {
    return this.sessions.delete(sessionId);
  }

  list(): ChatSession[] {
    return [...this.sessions.values()].sort((a, b) => b.updatedAt - a.updatedAt);
  }

  private create(sessionId: string): ChatSession {
    const now = Date.now();
    const session: ChatSession = {
      sessionId,
      title: '',
      createdAt: now,
      updatedAt: now,
      records: [],
      returned: false,
    };
    this.sessions.set(sessionId, session);
    return session;
  }
}
