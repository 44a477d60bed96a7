/**
 * What the simulator was asked, as the tests prove replies with it: every `chat/ask` it received
 * (logs/sim-requests.jsonl) joined with the session the turn ran in (the `chat/session` lines of
 * logs/sim-events.jsonl). `continued` is the simulator's own verdict: it continues a session only
 * for `isReply: true` plus a sessionId an earlier `chat/finish` returned (§13.8).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SimAsk {
  requestId: string;
  questionText: string;
  /** UTF-8 bytes of the question. */
  bytes: number;
  isReply: boolean;
  /** The sessionId the gateway sent ('' for a new session). */
  sentSessionId: string;
  /** The session the turn ran in, and whether it continued an earlier one. */
  sessionId?: string;
  continued?: boolean;
  /** The turn's number in its session. */
  turn?: number;
  params: Record<string, unknown>;
}

function lines(file: string): Record<string, unknown>[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Every chat/ask one simulator (by workDir) received, oldest first. */
export function simAsks(workDir: string): SimAsk[] {
  const sessions = new Map<string, Record<string, unknown>>();
  for (const e of lines(join(workDir, 'logs', 'sim-events.jsonl')))
    if (e.event === 'chat/session') sessions.set(String(e.requestId), e);
  return lines(join(workDir, 'logs', 'sim-requests.jsonl')).map((r) => {
    const params = r.params as Record<string, unknown>;
    const requestId = String(params.requestId ?? '');
    const question = String(params.questionText ?? '');
    const s = sessions.get(requestId);
    return {
      requestId,
      questionText: question,
      bytes: Buffer.byteLength(question),
      isReply: params.isReply === true,
      sentSessionId: String(params.sessionId ?? ''),
      ...(s
        ? { sessionId: String(s.sessionId), continued: s.continued === true, turn: Number(s.turn) }
        : {}),
      params,
    };
  });
}

/**
 * The asks of the conversations `token` names: every ask whose question holds it (a new session,
 * or a replay of the whole transcript), plus every ask that continued one of their sessions (a
 * reply carries only what is new, so it may not hold the token).
 */
export function conversationAsks(workDir: string, token: string): SimAsk[] {
  const all = simAsks(workDir);
  const sessions = new Set<string>();
  return all.filter((a) => {
    const named = a.questionText.includes(token);
    const continues = a.continued === true && sessions.has(a.sessionId ?? '');
    if ((named || continues) && a.sessionId) sessions.add(a.sessionId);
    return named || continues;
  });
}

/** How each answered request reached Lingma, from the request log (`x-request-id` → entry). */
export async function loggedSessionKinds(
  h: { core: { getLog(id: string): Promise<Record<string, unknown> | null> } },
  exchanges: readonly { status?: number; responseHeaders?: Record<string, unknown> }[],
): Promise<{ kind: unknown; notes: unknown; upstreamBytes: unknown }[]> {
  const out = [];
  for (const e of exchanges) {
    const id = e.responseHeaders?.['x-request-id'];
    const entry = typeof id === 'string' ? await h.core.getLog(id) : null;
    out.push({
      kind: entry?.sessionKind,
      notes: entry?.notes,
      upstreamBytes: entry?.upstreamBytes,
    });
  }
  return out;
}
