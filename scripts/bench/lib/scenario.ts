/**
 * The simulator script shared by the gateway benchmarks: fixed answers (exact deltas, no empty or
 * overwrite deltas) picked by a marker in the question, so the direct and gateway paths stream
 * byte-for-byte the same turns.
 */
import type { SimScenario } from '../../lingma-sim/testing';

/** A model every simulator lists; the direct path sends the same key the gateway resolves. */
export const MODEL = 'dashscope_qwen3_coder';

/** Latency: 20 deltas of 6 characters, like a short real answer. */
export const LATENCY_MARK = 'bench-latency';
export const LATENCY_DELTAS = 20;
/** Latency with headroom: the same answer paced like a live model, one delta every 20 ms. */
export const PACED_MARK = 'bench-paced';
export const PACED_INTERVAL_MS = 20;
/** Throughput: many one-character deltas. */
export const BURST_MARK = 'bench-burst';
export const BURST_DELTAS = 500;
/** Memory: a short answer, so the run is dominated by request count, not stream length. */
export const SHORT_MARK = 'bench-short';
export const SHORT_DELTAS = 5;

const deltas = (n: number, text: (i: number) => string): string[] =>
  Array.from({ length: n }, (_, i) => text(i));

export const BENCH_SCENARIO: SimScenario = {
  rules: [
    {
      match: LATENCY_MARK,
      chunks: deltas(LATENCY_DELTAS, (i) => `tok${String(i).padStart(2, '0')} `),
    },
    {
      match: PACED_MARK,
      chunks: deltas(LATENCY_DELTAS, (i) => `tok${String(i).padStart(2, '0')} `),
      faults: { deltaIntervalMs: PACED_INTERVAL_MS },
    },
    { match: BURST_MARK, chunks: deltas(BURST_DELTAS, (i) => String.fromCharCode(97 + (i % 26))) },
    { match: SHORT_MARK, chunks: deltas(SHORT_DELTAS, (i) => `word${i} `) },
  ],
};

/** Upstream pacing for every benchmark: deltas as fast as the simulator's timers allow (~1 ms). */
export const SIM_FAULTS = 'delta-interval:0';

/** Gateway settings that let `n` streams run at once, one per upstream connection. */
export function unlimitedRouting(): Record<string, unknown> {
  return { routing: { maxInFlight: 0, maxConcurrentPerInstance: 1, queueTimeoutMs: 60_000 } };
}

/** accounts × workers (≤ 16 workers per account, the settings' limit) for `n` upstreams. */
export function poolShape(n: number): { accounts: number; workers: number } {
  const accounts = Math.ceil(n / 16);
  return { accounts, workers: Math.ceil(n / accounts) };
}
