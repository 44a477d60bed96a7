/**
 * `npm run soak` — the gateway under faults, bounded, printing figures against issue 12's targets.
 * A real gateway process (two simulator accounts) takes a seeded mix of OpenAI/Anthropic/Responses
 * requests, streamed or not, some with tools, while its Lingma children are SIGKILLed mid-answer
 * (1 %), answer slowly (3 %) and clients walk away (3 %); then hung turns, an idle-socket flood and
 * fuzzed bodies; then it is stopped with SIGTERM mid-stream, and a second one killed with SIGKILL,
 * and the machine is searched for Lingma children left behind.
 *
 *   npm run soak               3,000 requests at concurrency 8, 2,000 fuzzed bodies
 *   npm run soak -- --quick    300 requests, 200 fuzzed bodies
 *   npm run soak -- --mix-only the mix alone (with its failures explained), no other phase
 */
import { rm } from 'node:fs/promises';
import { cpus } from 'node:os';
import { inFlight, rssMiB, startGateway, waitForPool } from './lib/gateway';
import { runMix, summarise } from './lib/mix';
import { fuzzPhase, hangPhase, idleSocketPhase, sigkillPhase, sigtermPhase } from './lib/phases';

const quick = process.argv.includes('--quick');
const mixOnly = process.argv.includes('--mix-only');
const REQUESTS = quick ? 300 : 3_000;
const FUZZ = quick ? 200 : 2_000;
const TIMEOUT_MS = 5_000;
/** Shorter hang timeouts than the defaults (30 s / 60 s) keep the soak bounded. */
const SETTINGS = {
  server: { port: 0, firstEventTimeoutMs: TIMEOUT_MS, idleTimeoutMs: TIMEOUT_MS },
};

const mark = (ok: boolean): string => (ok ? 'ok  ' : 'MISS');
const line = (ok: boolean, what: string, figure: string, target: string): void =>
  console.log(`${mark(ok)} ${what.padEnd(44)} ${figure.padEnd(30)} target ${target}`);

async function quiesce(
  g: Parameters<typeof inFlight>[0],
): Promise<Awaited<ReturnType<typeof inFlight>>> {
  const until = Date.now() + 30_000;
  let last = await inFlight(g);
  while (Date.now() < until && last.admission + last.queued + last.instances > 0) {
    await new Promise((r) => setTimeout(r, 200));
    last = await inFlight(g);
  }
  return last;
}

async function main(): Promise<void> {
  console.log(
    `soak: ${REQUESTS} requests, concurrency 8, ${FUZZ} fuzzed bodies; ` +
      `${cpus().length} vCPU, Node ${process.version}; hang timeouts ${TIMEOUT_MS / 1000} s`,
  );
  const g = await startGateway(SETTINGS);
  const dirs = [g.dataDir];
  try {
    await waitForPool(g, 2);
    await runMix(g, {
      ...mixOptions(),
      requests: 24,
      crashRate: 0,
      slowRate: 0,
      disconnectRate: 0,
    });
    const rssBefore = rssMiB(g.pid);
    const mix = await runMix(g, mixOptions());
    const s = summarise(mix.results);
    const leak = await quiesce(g);
    const hang = await hangPhase(g);
    const sockets = await idleSocketPhase(g, 1_100);
    const fuzz = await fuzzPhase(g, FUZZ, 12_012);
    const leakAfter = await quiesce(g);
    const rssAfter = rssMiB(g.pid);

    console.log(
      `\nmix: ${s.total} requests in ${(mix.elapsedMs / 1000).toFixed(1)} s, ${mix.killed} children SIGKILLed mid-answer`,
    );
    console.log(`  statuses ${JSON.stringify(s.statuses)}  outcomes ${JSON.stringify(s.outcomes)}`);
    const collateral = s.otherFailures.filter(
      (r) => r.plan.fault === 'none' || r.plan.fault === 'slow',
    );
    console.log(
      `  failures: ${s.ownCrashFailures} own turn killed mid-stream (terminal error event), ` +
        `${s.otherFailures.length} other (${collateral.length} on requests without a fault)`,
    );
    for (const r of s.otherFailures.slice(0, 6)) {
      console.log(
        `    ${r.plan.api}${r.plan.stream ? ' stream' : ''} ${r.plan.fault} → ${r.outcome} ${r.status} ${r.detail?.replace(/\s+/g, ' ').slice(0, 140) ?? ''}`,
      );
      console.log(`      ${await howItWent(g, r.requestId)}`);
    }
    console.log('');
    if (mixOnly) return;
    line(
      s.okRate >= 0.97,
      'answered 200 (of requests not disconnected)',
      `${(s.okRate * 100).toFixed(2)} % (${s.ok}/${s.total - s.disconnected})`,
      '≥ 97 %',
    );
    line(s.hung === 0, 'hung requests', String(s.hung), '0');
    line(s.incomplete === 0, 'streams cut without a terminal event', String(s.incomplete), '0');
    const leaked =
      leak.admission + leak.queued + leak.instances + leakAfter.admission + leakAfter.instances;
    line(leaked === 0, 'leaked in-flight after the load', JSON.stringify(leakAfter), '0');
    const h1 = hang.firstEvent;
    line(
      h1.status === 504 && h1.ms < TIMEOUT_MS + 1_500,
      'hung turn (no first event) → 504',
      `${h1.status} after ${(h1.ms / 1000).toFixed(2)} s`,
      `504 within ${TIMEOUT_MS / 1000} s`,
    );
    line(
      hang.servingAgainMs !== undefined && hang.servingAgainMs < 5_000,
      'that account serving again',
      hang.servingAgainMs === undefined ? 'not seen' : `${hang.servingAgainMs} ms after the 504`,
      'right after',
    );
    const h2 = hang.midStream;
    line(
      h2.outcome === 'stream-error',
      'hung mid-stream → terminal error event',
      `${h2.outcome} after ${(h2.ms / 1000).toFixed(2)} s`,
      'error event',
    );
    line(
      sockets.keyedStatus === 200,
      `${sockets.opened} idle sockets → keyed request`,
      `${sockets.keyedStatus} in ${sockets.keyedMs} ms (${sockets.closedByServer} idle closed)`,
      '200',
    );
    line(
      fuzz.fiveXx === 0 && fuzz.aliveAfter,
      `${fuzz.sent} fuzzed bodies → 5xx`,
      `${fuzz.fiveXx} (unshaped ${fuzz.unshaped}) ${JSON.stringify(fuzz.statuses)}`,
      '0, alive',
    );
    console.log(
      `     RSS before/after                            ${rssBefore.toFixed(0)} → ${rssAfter.toFixed(0)} MiB`,
    );

    const stop = await sigtermPhase(g);
    line(
      stop.terminalEvents === stop.streams && stop.orphans === 0,
      'SIGTERM with 4 streams in flight',
      `${stop.terminalEvents}/${stop.streams} ended with an event, exit ${stop.exitCode} in ${stop.exitMs} ms, ${stop.orphans} orphans`,
      'events, 0 orphans',
    );
    const g2 = await startGateway(SETTINGS);
    dirs.push(g2.dataDir);
    await waitForPool(g2, 2);
    const kill = await sigkillPhase(g2);
    line(
      kill.aliveAfter2s === 0,
      'SIGKILL of the gateway → children alive 2 s later',
      `${kill.aliveAfter2s} (of ${kill.childrenBefore})`,
      '0',
    );
  } finally {
    if (g.child.exitCode === null) g.child.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 1_500));
    // SOAK_KEEP=1 keeps the data dirs (gateway logs, each child's sim-requests.jsonl) to study.
    if (process.env.SOAK_KEEP === '1') console.log(`kept: ${dirs.join(' ')}`);
    else for (const d of dirs) await rm(d, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** The request log's account of a failed request: attempts, instances and timeline. */
async function howItWent(
  g: Parameters<typeof inFlight>[0],
  id: string | undefined,
): Promise<string> {
  if (!id) return '(no request id)';
  const res = await fetch(`${g.baseUrl}/internal/logs/${encodeURIComponent(id)}`, {
    headers: { authorization: `Bearer ${g.adminToken}` },
  }).catch(() => undefined);
  if (!res?.ok) return `(log entry ${id}: ${res?.status ?? 'unreachable'})`;
  const e = (await res.json()) as {
    attempts?: number;
    instanceId?: string;
    timeline?: { kind: string; t: number; count?: number }[];
  };
  const steps = (e.timeline ?? [])
    .filter((t) => !t.kind.startsWith('delta') && !t.kind.startsWith('answer'))
    .map((t) => `${t.kind}@${t.t}${t.count ? `×${t.count}` : ''}`)
    .join(' ');
  return `attempts ${e.attempts ?? '?'}, last on ${e.instanceId ?? '?'}: ${steps}`;
}

function mixOptions() {
  return {
    requests: REQUESTS,
    concurrency: 8,
    crashRate: 0.01,
    slowRate: 0.03,
    disconnectRate: 0.03,
    toolsRate: 0.15,
    seed: 12,
    hungAfterMs: 90_000,
  };
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
