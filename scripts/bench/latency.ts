/**
 * Added latency: the same streamed turns sent directly to the simulator children (LingmaClient,
 * one connection per stream) and through the gateway (HTTP + SSE, one upstream instance per
 * stream), at 1, 16 and 64 concurrent streams. "Added" is the gateway's percentile minus the
 * direct path's. Two upstream pacings: `fast` (deltas as fast as the simulator can, ~1 ms) and
 * `paced` (20 ms, like a live model) — issue 13's TTFB target is the paced single stream. The
 * gateway's CPU per 20-delta request is read at one stream of each pacing (issue 13: ≤ 1 ms).
 * With --profile the gateway is CPU-profiled during both 1-stream levels (summaries printed).
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDirect, connectDirect } from './lib/direct-client';
import { startGatewayChild } from './lib/gateway-child';
import { printProfile } from './lib/profile-report';
import {
  added,
  measureLevel,
  pct,
  ROUNDS,
  type LevelPlan,
  type LevelResult,
} from './lib/latency-level';
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
/** Issue 13: gateway CPU per streamed 20-delta request. */
const TARGET_CPU_US = 1_000;

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
    levels: quick ? [1] : [1, 16, 64],
    requests: (c) => Math.max(quick ? 20 : 60, c * 20),
  };
  return [fast, paced];
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
    `${Math.round(r.direct.cpuUsPerRequestMin)} / ${Math.round(r.gateway.cpuUsPerRequestMin)}`,
    `${share(r.direct.machineBusy)} / ${share(r.gateway.machineBusy)}`,
  ];
}

function figures(mode: string, r: LevelResult): Figure[] {
  const cpu: Figure[] =
    r.streams === 1
      ? [
          {
            metric: `${mode}, 1 stream: gateway CPU per request (best round; mean)`,
            value: `${Math.round(r.gateway.cpuUsPerRequestMin)} µs; ${Math.round(r.gateway.cpuUsPerRequest)} µs`,
            target: `≤ ${TARGET_CPU_US} µs`,
            verdict: verdict(r.gateway.cpuUsPerRequestMin <= TARGET_CPU_US),
          },
        ]
      : [];
  return [...cpu, ...latencyFigures(mode, r)];
}

function latencyFigures(mode: string, r: LevelResult): Figure[] {
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
  const plan = modes(o.quick).map((m) => ({
    ...m,
    levels: m.levels.filter((n) => !o.streams || o.streams.includes(n)),
  }));
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
    const profiles: Array<{ mode: string; file: string }> = [];
    for (const mode of plan) {
      for (const streams of mode.levels) {
        const level: LevelPlan = { streams, requests: mode.requests(streams), mark: mode.mark };
        const profiled = o.profile && streams === 1;
        if (profiled) await g.profileStart();
        const r = await measureLevel(g, clients, t, level);
        if (profiled) {
          const file = join(tmpdir(), `lgw-bench-latency-${mode.name}-${Date.now()}.cpuprofile`);
          await g.profileStop(file);
          profiles.push({ mode: mode.name, file });
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
          'best round',
          'box busy direct/gw',
        ],
        rows,
      ),
    );
    o.log('(ms; added = gateway percentile − direct percentile; CPU = the process doing the');
    o.log(' upstream work: this one for direct, the gateway child for gw; best round = the');
    o.log(
      ` least CPU per request of the ${ROUNDS} rounds; box = all cores; a profiled level's CPU`,
    );
    o.log(' includes the profiler)');
    for (const p of profiles) {
      o.log(`\n${p.mode}, 1 stream (the whole level, direct phases included):`);
      await printProfile(p.file, o.log);
    }
    return { name: 'latency', figures: out };
  } finally {
    t.agent.destroy();
    await closeDirect(clients);
    await g.stop();
  }
};
