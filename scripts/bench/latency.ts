/**
 * Added latency: the same streamed turns sent directly to the simulator children (LingmaClient,
 * one connection per stream) and through the gateway (HTTP + SSE, one upstream instance per
 * stream), at 1, 16 and 64 concurrent streams. "Added" is the gateway's percentile minus the
 * direct path's. Two upstream pacings: `fast` (deltas as fast as the simulator can, ~1 ms) as the
 * issue asks, and `paced` (20 ms) so that 64 streams leave the 2-core box some headroom.
 * With --profile the gateway is CPU-profiled during the 1-stream level (file path printed).
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDirect, connectDirect } from './lib/direct-client';
import { startGatewayChild } from './lib/gateway-child';
import { added, measureLevel, pct, type LevelPlan, type LevelResult } from './lib/latency-level';
import { table, verdict, type Benchmark, type Figure } from './lib/report';
import {
  BENCH_SCENARIO,
  LATENCY_MARK,
  PACED_MARK,
  poolShape,
  SIM_FAULTS,
  unlimitedRouting,
} from './lib/scenario';
import { gatewayTarget } from './lib/sse-client';

const TARGET_P50_MS = 1;
const TARGET_P99_MS = 5;

interface Mode {
  name: string;
  mark: string;
  levels: number[];
  /** Requests per path at `streams` concurrent streams. */
  requests(streams: number): number;
}

function modes(quick: boolean): Mode[] {
  const fast: Mode = {
    name: 'fast',
    mark: LATENCY_MARK,
    levels: quick ? [1, 16] : [1, 16, 64],
    requests: (c) => Math.ceil(Math.max(400, c * 50) / (quick ? 4 : 1)),
  };
  const paced: Mode = {
    name: 'paced',
    mark: PACED_MARK,
    levels: [16, 64],
    requests: (c) => c * 20,
  };
  return quick ? [fast] : [fast, paced];
}

const f = (v: number): string => v.toFixed(2);
const pair = (a: number, b: number): string => `${f(a)} / ${f(b)}`;
const share = (x: number): string => `${Math.round(x * 100)}%`;

function row(mode: string, r: LevelResult): string[] {
  return [
    mode,
    String(r.streams),
    String(r.gateway.samples.length),
    pair(pct(r.direct, 'ttfbMs', 50), pct(r.direct, 'ttfbMs', 99)),
    pair(pct(r.gateway, 'ttfbMs', 50), pct(r.gateway, 'ttfbMs', 99)),
    pair(added(r, 'ttfbMs', 50), added(r, 'ttfbMs', 99)),
    pair(pct(r.direct, 'totalMs', 50), pct(r.direct, 'totalMs', 99)),
    pair(pct(r.gateway, 'totalMs', 50), pct(r.gateway, 'totalMs', 99)),
    pair(added(r, 'totalMs', 50), added(r, 'totalMs', 99)),
    `${Math.round(r.direct.cpuUsPerRequest)} / ${Math.round(r.gateway.cpuUsPerRequest)}`,
    `${share(r.direct.machineBusy)} / ${share(r.gateway.machineBusy)}`,
  ];
}

function figures(mode: string, r: LevelResult): Figure[] {
  return (['ttfbMs', 'totalMs'] as const).flatMap((key) =>
    ([50, 99] as const).map((q) => {
      const v = added(r, key, q);
      const target = q === 50 ? TARGET_P50_MS : TARGET_P99_MS;
      return {
        metric: `${mode}, ${r.streams} stream(s): added ${key === 'ttfbMs' ? 'TTFB' : 'total'} p${q}`,
        value: `${f(v)} ms`,
        target: `≤ ${target} ms`,
        verdict: verdict(v <= target),
      };
    }),
  );
}

export const latency: Benchmark = async (o) => {
  const plan = modes(o.quick);
  const max = Math.max(...plan.flatMap((m) => m.levels));
  const shape = poolShape(max);
  o.log(`starting the gateway with ${shape.accounts} × ${shape.workers} simulator children…`);
  const g = await startGatewayChild({
    ...shape,
    scenario: BENCH_SCENARIO,
    simFaults: SIM_FAULTS,
    settings: unlimitedRouting(),
  });
  o.log(`ready in ${(g.ready.startupMs / 1000).toFixed(1)} s`);
  const clients = await connectDirect(g.ready.upstreams);
  const t = gatewayTarget(g.ready.baseUrl, g.ready.apiKey);
  try {
    const rows: string[][] = [];
    const out: Figure[] = [];
    for (const mode of plan) {
      for (const streams of mode.levels) {
        const level: LevelPlan = { streams, requests: mode.requests(streams), mark: mode.mark };
        const profiled = o.profile && streams === 1 && mode.name === 'fast';
        if (profiled) await g.profileStart();
        const r = await measureLevel(g, clients, t, level);
        if (profiled) {
          const file = join(tmpdir(), `lgw-bench-latency-${Date.now()}.cpuprofile`);
          await g.profileStop(file);
          o.log(`  gateway CPU profile of the 1-stream level: ${file}`);
        }
        rows.push(row(mode.name, r));
        out.push(...figures(mode.name, r));
        o.log(`  ${mode.name}, ${streams} stream(s) done`);
      }
    }
    o.log(
      table(
        [
          'upstream',
          'streams',
          'requests',
          'direct TTFB p50/p99',
          'gateway TTFB p50/p99',
          'added TTFB',
          'direct total p50/p99',
          'gateway total p50/p99',
          'added total',
          'CPU µs/req direct/gw',
          'box busy direct/gw',
        ],
        rows,
      ),
    );
    o.log('(ms; added = gateway percentile − direct percentile; CPU = the process doing the');
    o.log(' upstream work: this one for direct, the gateway child for gw; box = all cores)');
    return { name: 'latency', figures: out };
  } finally {
    t.agent.destroy();
    await closeDirect(clients);
    await g.stop();
  }
};
