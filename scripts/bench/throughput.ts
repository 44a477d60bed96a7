/**
 * Throughput: SSE chunks per second through one gateway process. Many concurrent streams of
 * one-character deltas; the client counts every SSE frame it receives. The same streams sent
 * directly to the simulators show what the upstream side can deliver on this machine, and the
 * gateway's own CPU time per chunk gives the rate one gateway core could sustain.
 */
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { closeDirect, connectDirect, runTurn } from './lib/direct-client';
import { startGatewayChild, type GatewayChild } from './lib/gateway-child';
import { printProfile } from './lib/profile-report';
import { table, verdict, type Benchmark, type BenchOptions } from './lib/report';
import {
  BENCH_SCENARIO,
  BURST_DELTAS,
  BURST_MARK,
  MODEL,
  poolShape,
  SIM_FAULTS,
  unlimitedRouting,
} from './lib/scenario';
import {
  call,
  freshSockets,
  gatewayTarget,
  openAiBody,
  type GatewayTarget,
} from './lib/sse-client';
import { count, runForDuration } from './lib/stats';

/** Issue 7: chunks per second through the gateway (bounded here by the simulators' own rate). */
const TARGET_PER_S = 50_000;
/** Issue 13: ≤ 10 µs of gateway CPU per SSE chunk, i.e. ≥ 100k chunks/s on one core. */
const TARGET_US_PER_CHUNK = 10;

interface Phase {
  chunks: number;
  ms: number;
  cpuUs: number;
}

async function viaGateway(g: GatewayChild, t: GatewayTarget, streams: number, ms: number) {
  freshSockets(t);
  const before = await g.stats();
  let chunks = 0;
  let i = 0;
  const elapsed = await runForDuration(ms, streams, async () => {
    const r = await call(
      t,
      '/v1/chat/completions',
      openAiBody(MODEL, `${BURST_MARK} ${i++}`, true),
    );
    if (r.status !== 200) throw new Error(`gateway answered ${r.status}`);
    chunks += r.frames;
  });
  const after = await g.stats();
  const cpuUs = after.cpuUserUs + after.cpuSystemUs - before.cpuUserUs - before.cpuSystemUs;
  return { chunks, ms: elapsed, cpuUs } satisfies Phase;
}

async function profileGateway(
  g: GatewayChild,
  t: GatewayTarget,
  streams: number,
  o: BenchOptions,
): Promise<void> {
  const file = join(tmpdir(), `lgw-bench-throughput-${Date.now()}.cpuprofile`);
  await g.profileStart();
  await viaGateway(g, t, streams, 3_000);
  await g.profileStop(file);
  await printProfile(file, o.log);
}

export const throughput: Benchmark = async (o) => {
  const streams = o.quick ? 32 : 64;
  const ms = o.quick ? 3_000 : 10_000;
  const g = await startGatewayChild({
    ...poolShape(streams),
    scenario: BENCH_SCENARIO,
    simFaults: SIM_FAULTS,
    settings: unlimitedRouting(),
  });
  const clients = await connectDirect(g.ready.upstreams);
  const t = gatewayTarget(g.ready.baseUrl, g.ready.apiKey);
  try {
    let j = 0;
    const direct = async (duration: number): Promise<Phase> => {
      let chunks = 0;
      const elapsed = await runForDuration(duration, streams, async (slot) => {
        const client = clients[slot];
        if (!client) throw new Error(`no upstream for slot ${slot}`);
        const r = await runTurn(client, `${BURST_MARK} ${j++}`, MODEL);
        chunks += r.deltas; // not `chunks += await …`: that reads `chunks` before the await
      });
      return { chunks, ms: elapsed, cpuUs: 0 };
    };
    await direct(1_000); // warm-up
    await viaGateway(g, t, streams, 2_000);
    const d = await direct(ms);
    const gw = await viaGateway(g, t, streams, ms);
    const rate = (p: Phase): number => (p.chunks / p.ms) * 1000;
    const usPerChunk = gw.cpuUs / gw.chunks;
    const gwCores = gw.cpuUs / 1000 / gw.ms;
    o.log(
      table(
        ['path', 'streams', 'chunks', 'seconds', 'chunks/s', 'gateway CPU'],
        [
          [
            'direct (LingmaClient)',
            String(streams),
            count(d.chunks),
            (d.ms / 1000).toFixed(1),
            count(rate(d)),
            '—',
          ],
          [
            'gateway (SSE frames)',
            String(streams),
            count(gw.chunks),
            (gw.ms / 1000).toFixed(1),
            count(rate(gw)),
            `${gwCores.toFixed(2)} cores, ${usPerChunk.toFixed(1)} µs/chunk`,
          ],
        ],
      ),
    );
    o.log(
      `(${BURST_DELTAS} one-character deltas per turn; gateway frames include role, finish and [DONE])`,
    );
    if (o.profile) await profileGateway(g, t, streams, o);
    return {
      name: 'throughput',
      figures: [
        {
          metric: `SSE chunks/s, ${streams} streams`,
          value: count(rate(gw)),
          target: `≥ ${count(TARGET_PER_S)}`,
          verdict: verdict(rate(gw) >= TARGET_PER_S),
        },
        {
          metric: 'gateway CPU per SSE chunk',
          value: `${usPerChunk.toFixed(1)} µs`,
          target: `≤ ${TARGET_US_PER_CHUNK} µs`,
          verdict: verdict(usPerChunk <= TARGET_US_PER_CHUNK),
        },
        {
          metric: 'ceiling of one gateway core (1 s / CPU per chunk)',
          value: count(1e6 / usPerChunk),
          target: `≥ ${count(1e6 / TARGET_US_PER_CHUNK)}`,
          verdict: verdict(usPerChunk <= TARGET_US_PER_CHUNK),
        },
        { metric: 'direct upstream rate (same simulators)', value: count(rate(d)) },
      ],
    };
  } finally {
    t.agent.destroy();
    await closeDirect(clients);
    await g.stop();
  }
};
