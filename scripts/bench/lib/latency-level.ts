/**
 * One concurrency level of the latency benchmark: warm-up, then direct and gateway phases in
 * turn, with the CPU each side used and how busy the whole machine was meanwhile.
 */
import type { LingmaClient } from '../../../electron/core/lingma/lingma-client';
import { runTurn } from './direct-client';
import type { GatewayChild } from './gateway-child';
import { MODEL } from './scenario';
import { call, freshSockets, openAiBody, type GatewayTarget } from './sse-client';
import { busyShare, machineCpu, percentile, runClosedLoop } from './stats';

/** Direct and gateway phases alternate this many times per level. */
export const ROUNDS = 4;

export interface Sample {
  ttfbMs: number;
  totalMs: number;
}

export interface PathResult {
  samples: Sample[];
  /** CPU of the process doing the upstream work: the bench (direct) or the gateway child. */
  cpuUsPerRequest: number;
  /**
   * The same, in the round that needed least: on a box shared with other work, the closest to
   * what a request costs when nothing else competes for the cores and caches.
   */
  cpuUsPerRequestMin: number;
  /** Share of all cores busy during the phases, 0…1. */
  machineBusy: number;
}

export interface LevelResult {
  streams: number;
  direct: PathResult;
  gateway: PathResult;
}

export interface LevelPlan {
  streams: number;
  requests: number;
  /** The marker that picks the simulator's scripted answer. */
  mark: string;
}

function direct(clients: LingmaClient[], plan: LevelPlan, n: number, out: Sample[]) {
  return runClosedLoop(n, plan.streams, async (i, slot) => {
    const client = clients[slot];
    if (!client) throw new Error(`no upstream for slot ${slot}`);
    out.push(await runTurn(client, `${plan.mark} ${i}`, MODEL));
  });
}

function viaGateway(t: GatewayTarget, plan: LevelPlan, n: number, out: Sample[]) {
  freshSockets(t);
  return runClosedLoop(n, plan.streams, async (i) => {
    const r = await call(t, '/v1/chat/completions', openAiBody(MODEL, `${plan.mark} ${i}`, true));
    if (r.status !== 200) throw new Error(`gateway answered ${r.status}`);
    out.push(r);
  });
}

export async function measureLevel(
  g: GatewayChild,
  clients: LingmaClient[],
  t: GatewayTarget,
  plan: LevelPlan,
): Promise<LevelResult> {
  const warm = plan.streams * 4;
  await direct(clients, plan, warm, []);
  await viaGateway(t, plan, warm, []);
  const d = { samples: [] as Sample[], cpuUs: 0, busy: 0, total: 0, minUs: Infinity };
  const gw = { samples: [] as Sample[], cpuUs: 0, busy: 0, total: 0, minUs: Infinity };
  const part = Math.ceil(plan.requests / ROUNDS);
  for (let round = 0; round < ROUNDS; round++) {
    let box = machineCpu();
    const own = process.cpuUsage();
    await direct(clients, plan, part, d.samples);
    const used = process.cpuUsage(own);
    d.cpuUs += used.user + used.system;
    d.minUs = Math.min(d.minUs, (used.user + used.system) / part);
    let now = machineCpu();
    d.busy += now.busy - box.busy;
    d.total += now.total - box.total;

    box = machineCpu();
    const before = await g.stats();
    await viaGateway(t, plan, part, gw.samples);
    const after = await g.stats();
    const gwUs = after.cpuUserUs + after.cpuSystemUs - before.cpuUserUs - before.cpuSystemUs;
    gw.cpuUs += gwUs;
    gw.minUs = Math.min(gw.minUs, gwUs / part);
    now = machineCpu();
    gw.busy += now.busy - box.busy;
    gw.total += now.total - box.total;
  }
  const result = (x: typeof d): PathResult => ({
    samples: x.samples,
    cpuUsPerRequest: x.cpuUs / x.samples.length,
    cpuUsPerRequestMin: x.minUs,
    machineBusy: busyShare({ busy: 0, total: 0 }, { busy: x.busy, total: x.total }),
  });
  return { streams: plan.streams, direct: result(d), gateway: result(gw) };
}

/** Percentile `q` of one measure of a path. */
export function pct(p: PathResult, key: keyof Sample, q: number): number {
  return percentile(
    p.samples.map((s) => s[key]),
    q,
  );
}

/** The gateway's percentile minus the direct path's. */
export function added(r: LevelResult, key: keyof Sample, q: number): number {
  return pct(r.gateway, key, q) - pct(r.direct, key, q);
}
