/** Small numeric helpers for the benchmark reports. */
import { performance } from 'node:perf_hooks';
import { cpus } from 'node:os';

/** Nearest-rank percentile of `values` (p in 0…100); NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

export function ms(value: number, digits = 2): string {
  return Number.isFinite(value) ? `${value.toFixed(digits)} ms` : 'n/a';
}

export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** 12345.6 → "12,346". */
export function count(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** Runs `worker(i)` for i in 0…total-1 with at most `concurrency` at once (a closed loop). */
export async function runClosedLoop(
  total: number,
  concurrency: number,
  worker: (index: number, slot: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, total) }, async (_, slot) => {
      while (next < total) await worker(next++, slot);
    }),
  );
}

/** Keeps `concurrency` workers busy until `durationMs` has passed; returns the elapsed ms. */
export async function runForDuration(
  durationMs: number,
  concurrency: number,
  worker: (slot: number) => Promise<void>,
): Promise<number> {
  const started = performance.now();
  const until = started + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, slot) => {
      while (performance.now() < until) await worker(slot);
    }),
  );
  return performance.now() - started;
}

export interface CpuTimes {
  busy: number;
  total: number;
}

/** Whole-machine CPU times (all cores, ms) — to tell when the box itself is saturated. */
export function machineCpu(): CpuTimes {
  let busy = 0;
  let total = 0;
  for (const c of cpus()) {
    const { user, nice, sys, idle, irq } = c.times;
    busy += user + nice + sys + irq;
    total += user + nice + sys + irq + idle;
  }
  return { busy, total };
}

/** Share of all cores that was busy between two readings, 0…1. */
export function busyShare(from: CpuTimes, to: CpuTimes): number {
  const total = to.total - from.total;
  return total > 0 ? (to.busy - from.busy) / total : Number.NaN;
}
