/**
 * Memory: RSS of the gateway process (a child, so the load generator's heap is not counted) while
 * it serves N requests — a mix of OpenAI and Anthropic, streamed and not, each with a new
 * conversation, so the request log, its index and the session-reuse cache all fill up. RSS is
 * read as is and again after a forced full GC (what is really retained).
 */
import { startGatewayChild } from './lib/gateway-child';
import type { ProcStats } from './lib/proc-protocol';
import { table, verdict, type Benchmark, type Figure } from './lib/report';
import { BENCH_SCENARIO, MODEL, SHORT_MARK, SIM_FAULTS, unlimitedRouting } from './lib/scenario';
import {
  anthropicBody,
  call,
  gatewayTarget,
  openAiBody,
  type GatewayTarget,
} from './lib/sse-client';
import { count, mb, runClosedLoop } from './lib/stats';

const TARGET_MB = 150;
const CONCURRENCY = 8;
const WARMUP = 500;

/** Four request shapes in turn; each question is new, so no turn reuses a session. */
async function one(t: GatewayTarget, i: number): Promise<void> {
  const text = `${SHORT_MARK} request ${i}`;
  const stream = i % 2 === 0;
  const r =
    i % 4 < 2
      ? await call(t, '/v1/chat/completions', openAiBody(MODEL, text, stream))
      : await call(t, '/v1/messages', anthropicBody(MODEL, text, stream));
  if (r.status !== 200) throw new Error(`request ${i} answered ${r.status}`);
}

/** Where to stop and measure: every tenth of the run, and at 10k (a target's checkpoint). */
export function checkpoints(total: number): number[] {
  const marks = new Set<number>();
  for (let k = 1; k <= 10; k++) marks.add(Math.round((total * k) / 10));
  if (total >= 10_000) marks.add(10_000);
  return [...marks].filter((m) => m > 0).sort((a, b) => a - b);
}

interface Point {
  requests: number;
  raw: ProcStats;
  gc: ProcStats;
  seconds: number;
}

export const memory: Benchmark = async (o) => {
  const total = o.requests ?? (o.quick ? 5_000 : 100_000);
  const g = await startGatewayChild({
    accounts: 1,
    workers: CONCURRENCY,
    scenario: BENCH_SCENARIO,
    simFaults: SIM_FAULTS,
    settings: unlimitedRouting(),
  });
  const t = gatewayTarget(g.ready.baseUrl, g.ready.apiKey);
  try {
    await runClosedLoop(WARMUP, CONCURRENCY, (i) => one(t, 1_000_000_000 + i));
    const points: Point[] = [];
    const snapshot = async (requests: number, seconds: number): Promise<void> => {
      const raw = await g.stats(false);
      points.push({ requests, raw, gc: await g.stats(true), seconds });
    };
    await snapshot(0, 0);
    const started = Date.now();
    let done = 0;
    for (const mark of checkpoints(total)) {
      const from = done;
      await runClosedLoop(mark - from, CONCURRENCY, (i) => one(t, from + i));
      done = mark;
      await snapshot(done, (Date.now() - started) / 1000);
      o.log(`  ${count(done)} requests, RSS ${mb(points[points.length - 1]?.raw.rss ?? 0)}`);
    }
    o.log(
      table(
        [
          'requests',
          'RSS',
          'RSS after GC',
          'heap used/total after GC',
          'external+buffers',
          'log index',
          'req/s',
        ],
        points.map((p, i) => {
          const prev = points[i - 1];
          const rate = prev ? (p.requests - prev.requests) / (p.seconds - prev.seconds) : NaN;
          return [
            p.requests === 0 ? '0 (warm)' : count(p.requests),
            mb(p.raw.rss),
            mb(p.gc.rss),
            `${mb(p.gc.heapUsed)} / ${mb(p.gc.heapTotal)}`,
            mb(p.gc.external + p.gc.arrayBuffers),
            count(p.gc.logsIndexed),
            Number.isFinite(rate) ? count(rate) : '',
          ];
        }),
      ),
    );
    o.log(
      `(after ${WARMUP} warm-up requests; concurrency ${CONCURRENCY}; ${CONCURRENCY} simulator children)`,
    );
    return { name: 'memory', figures: figures(points) };
  } finally {
    t.agent.destroy();
    await g.stop();
  }
};

function figures(points: Point[]): Figure[] {
  const at = (n: number): Point | undefined => points.find((p) => p.requests === n);
  const last = points[points.length - 1];
  const tenK = at(10_000);
  const out: Figure[] = [];
  for (const p of [tenK, last !== tenK ? last : undefined]) {
    if (!p) continue;
    const v = p.raw.rss / 2 ** 20;
    out.push({
      metric: `RSS after ${count(p.requests)} requests`,
      value: `${v.toFixed(1)} MB`,
      target: `≤ ${TARGET_MB} MB`,
      verdict: verdict(v <= TARGET_MB),
    });
  }
  const first = points.find((p) => p.requests > 0);
  if (first && last && last !== first) {
    const growth = (last.gc.rss - first.gc.rss) / 2 ** 20;
    out.push({
      metric: `RSS growth after GC, ${count(first.requests)} → ${count(last.requests)}`,
      value: `${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB`,
      target: 'flat (≤ +10%)',
      verdict: verdict(growth <= (first.gc.rss / 2 ** 20) * 0.1),
    });
  }
  return out;
}
