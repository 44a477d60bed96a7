/**
 * The soak's targeted phases: hung turns, an idle-socket flood, fuzzed bodies, and the two ways a
 * gateway ends (SIGTERM with streams in flight, SIGKILL) followed by a search for orphans.
 */
import { connect, type Socket } from 'node:net';
import fc from 'fast-check';
import { fuzzCase, sendFuzzCase } from '../../../electron/core/gateway/testing/fuzz-bodies';
import type { ReadyInfo } from '../gateway-proc';
import { lingmaChildren, type SoakGateway } from './gateway';
import { runRequest, type Plan, type Result } from './requests';
import { HANG_FIRST, HANG_MID, LONG } from './scenario';

const plan = (over: Partial<Plan> & { token: string }): Plan => ({
  api: 'openai',
  stream: false,
  tools: false,
  fault: 'none',
  ...over,
});

async function accountOf(g: ReadyInfo, requestId: string | undefined): Promise<string | undefined> {
  if (!requestId) return undefined;
  const r = await fetch(`${g.baseUrl}/internal/logs/${requestId}`, {
    headers: { authorization: `Bearer ${g.adminToken}` },
  });
  return r.ok ? ((await r.json()) as { accountId?: string }).accountId : undefined;
}

export interface HangFigures {
  firstEvent: Result;
  midStream: Result;
  /** From the 504 until the hung turn's account completed a new request. */
  servingAgainMs: number | undefined;
}

export async function hangPhase(g: ReadyInfo): Promise<HangFigures> {
  const firstEvent = await runRequest(g, plan({ token: 'hang1', marker: HANG_FIRST }), {
    hungAfterMs: 120_000,
  });
  const hungAccount = await accountOf(g, firstEvent.requestId);
  const after = Date.now();
  let servingAgainMs: number | undefined;
  for (let i = 0; i < 8 && servingAgainMs === undefined; i++) {
    const r = await runRequest(g, plan({ token: `after${i}` }), { hungAfterMs: 60_000 });
    if (r.outcome === 'ok' && (await accountOf(g, r.requestId)) === hungAccount) {
      servingAgainMs = Date.now() - after;
    }
  }
  const midStream = await runRequest(
    g,
    plan({ token: 'hang2', marker: HANG_MID, api: 'anthropic', stream: true }),
    { hungAfterMs: 120_000 },
  );
  return { firstEvent, midStream, servingAgainMs };
}

export interface SocketFigures {
  opened: number;
  closedByServer: number;
  keyedStatus: number;
  keyedMs: number;
}

export async function idleSocketPhase(g: ReadyInfo, count: number): Promise<SocketFigures> {
  const url = new URL(g.baseUrl);
  const sockets: Socket[] = [];
  let closed = 0;
  for (let i = 0; i < count; i++) {
    const s = connect(Number(url.port), url.hostname);
    s.on('error', () => undefined);
    s.on('close', () => (closed += 1));
    sockets.push(s);
  }
  await new Promise((r) => setTimeout(r, 1_000));
  const keyed = await runRequest(g, plan({ token: 'keyed' }), { hungAfterMs: 30_000 });
  const figures = {
    opened: count,
    closedByServer: closed,
    keyedStatus: keyed.status,
    keyedMs: keyed.ms,
  };
  for (const s of sockets) s.destroy();
  return figures;
}

export interface FuzzFigures {
  sent: number;
  statuses: Record<string, number>;
  fiveXx: number;
  unshaped: number;
  aliveAfter: boolean;
}

export async function fuzzPhase(g: ReadyInfo, count: number, seed: number): Promise<FuzzFigures> {
  const cases = fc.sample(fuzzCase(g.accountIds[0] as string), { seed, numRuns: count });
  const statuses: Record<string, number> = {};
  let fiveXx = 0;
  let unshaped = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const c = cases[next++];
      if (!c) return;
      const r = await sendFuzzCase(g.baseUrl, c, { apiKey: g.apiKey, adminToken: g.adminToken });
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.status >= 500) fiveXx += 1;
      if (!r.shaped) unshaped += 1;
    }
  };
  await Promise.all(Array.from({ length: 4 }, () => worker()));
  const aliveAfter = (await fetch(`${g.baseUrl}/healthz`).catch(() => undefined))?.status === 200;
  return { sent: cases.length, statuses, fiveXx, unshaped, aliveAfter };
}

/** Opens `n` long streams and resolves once each has sent its first bytes. */
function openStreams(
  g: ReadyInfo,
  n: number,
  tag: string,
): { ready: Promise<void>; done: Promise<Result[]> } {
  let firsts = 0;
  let release: () => void = () => undefined;
  const ready = new Promise<void>((r) => (release = r));
  const done = Promise.all(
    Array.from({ length: n }, (_, i) =>
      runRequest(
        g,
        plan({
          token: `${tag}${i}`,
          marker: LONG,
          stream: true,
          api: i % 2 ? 'anthropic' : 'openai',
        }),
        {
          hungAfterMs: 60_000,
          onFirstBytes: () => {
            if (++firsts === n) release();
          },
        },
      ),
    ),
  );
  return { ready, done };
}

export interface StopFigures {
  streams: number;
  terminalEvents: number;
  exitMs: number;
  exitCode: number | null;
  orphans: number;
}

export async function sigtermPhase(g: SoakGateway): Promise<StopFigures> {
  const s = openStreams(g, 4, 'term');
  await s.ready;
  const t = Date.now();
  g.child.kill('SIGTERM');
  const results = await s.done;
  const exitCode = await g.exited;
  const exitMs = Date.now() - t;
  return {
    streams: results.length,
    terminalEvents: results.filter((r) => r.outcome === 'stream-error' || r.outcome === 'ok')
      .length,
    exitMs,
    exitCode,
    orphans: lingmaChildren(g.dataDir).length,
  };
}

export interface KillFigures {
  childrenBefore: number;
  aliveAfter2s: number;
}

export async function sigkillPhase(g: SoakGateway): Promise<KillFigures> {
  const s = openStreams(g, 4, 'kill');
  await s.ready;
  const childrenBefore = lingmaChildren(g.dataDir).length;
  const t = Date.now();
  g.child.kill('SIGKILL');
  await s.done;
  await new Promise((r) => setTimeout(r, Math.max(0, 2_000 - (Date.now() - t))));
  return { childrenBefore, aliveAfter2s: lingmaChildren(g.dataDir).length };
}
