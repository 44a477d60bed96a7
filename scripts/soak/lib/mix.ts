/**
 * The soak's main load: N requests over the three APIs, streamed or not, some with tools, at a
 * fixed concurrency, with injected faults — the serving child SIGKILLed mid-answer (crash), a
 * slow first token, and clients that disconnect. Seeded, so two runs send the same mix.
 */
import { rng as prng } from '../../../electron/core/logs/test-support';
import type { ReadyInfo } from '../gateway-proc';
import { killServingChild } from './kill-child';
import { runRequest, type Api, type Fault, type Plan, type Result } from './requests';
import { LONG, SLOW, TOOL } from './scenario';

export interface MixOptions {
  requests: number;
  concurrency: number;
  crashRate: number;
  slowRate: number;
  disconnectRate: number;
  toolsRate: number;
  seed: number;
  hungAfterMs: number;
}

export function planMix(o: MixOptions): Plan[] {
  const rand = prng(o.seed);
  const apis: Api[] = ['openai', 'anthropic', 'responses'];
  return Array.from({ length: o.requests }, (_, i) => {
    const r = rand();
    const fault: Fault =
      r < o.crashRate
        ? 'crash'
        : r < o.crashRate + o.slowRate
          ? 'slow'
          : r < o.crashRate + o.slowRate + o.disconnectRate
            ? 'disconnect'
            : 'none';
    const tools = rand() < o.toolsRate;
    const marker = fault === 'crash' ? LONG : fault === 'slow' ? SLOW : tools ? TOOL : undefined;
    return {
      api: apis[i % apis.length] as Api,
      stream: rand() < 0.5,
      tools,
      fault,
      token: `t${o.seed}x${i}`,
      marker,
    };
  });
}

export interface MixRun {
  results: Result[];
  killed: number;
  elapsedMs: number;
}

export async function runMix(g: ReadyInfo, o: MixOptions, plans = planMix(o)): Promise<MixRun> {
  const results: Result[] = [];
  let killed = 0;
  let next = 0;
  const rand = prng(o.seed + 1);
  const started = Date.now();
  const one = async (p: Plan): Promise<Result> => {
    if (p.fault === 'crash') {
      const kill = (): void =>
        void killServingChild(g.workDirs, p.token, p.stream ? 50 : 300).then((pid) => {
          if (pid) killed += 1;
        });
      if (!p.stream) kill();
      return runRequest(g, p, {
        hungAfterMs: o.hungAfterMs,
        onFirstBytes: p.stream ? kill : undefined,
      });
    }
    return runRequest(g, p, {
      hungAfterMs: o.hungAfterMs,
      disconnectAfterMs: p.fault === 'disconnect' ? 30 + Math.floor(rand() * 300) : undefined,
    });
  };
  const worker = async (): Promise<void> => {
    for (;;) {
      const i = next++;
      const p = plans[i];
      if (!p) return;
      results[i] = await one(p);
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, () => worker()));
  return { results, killed, elapsedMs: Date.now() - started };
}

export interface MixSummary {
  total: number;
  disconnected: number;
  ok: number;
  okRate: number;
  statuses: Record<string, number>;
  outcomes: Record<string, number>;
  /** Failures of requests whose own child was killed mid-stream (allowed by the target). */
  ownCrashFailures: number;
  /** Every other failure (collateral of a crash, timeouts, defects). */
  otherFailures: Result[];
  hung: number;
  incomplete: number;
}

export function summarise(results: readonly Result[]): MixSummary {
  const count = (key: (r: Result) => string): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const r of results) out[key(r)] = (out[key(r)] ?? 0) + 1;
    return out;
  };
  const answered = results.filter((r) => r.outcome !== 'disconnected');
  const ok = answered.filter((r) => r.outcome === 'ok').length;
  const failed = answered.filter((r) => r.outcome !== 'ok');
  const own = failed.filter((r) => r.plan.fault === 'crash' && r.outcome === 'stream-error');
  return {
    total: results.length,
    disconnected: results.length - answered.length,
    ok,
    okRate: answered.length ? ok / answered.length : 0,
    statuses: count((r) => String(r.status)),
    outcomes: count((r) => r.outcome),
    ownCrashFailures: own.length,
    otherFailures: failed.filter((r) => !own.includes(r)),
    hung: results.filter((r) => r.outcome === 'hung').length,
    incomplete: results.filter((r) => r.outcome === 'incomplete').length,
  };
}
