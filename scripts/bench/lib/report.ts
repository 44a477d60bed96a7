/** What each benchmark returns to run.ts, and the plain-text table printer they share. */

export type Verdict = 'pass' | 'MISS' | '';

export interface Figure {
  metric: string;
  value: string;
  target?: string;
  verdict?: Verdict;
}

export interface BenchReport {
  name: string;
  /** Headline figures, collected into the final summary table. */
  figures: Figure[];
}

export interface BenchOptions {
  quick: boolean;
  /** Requests for the memory run (default 100k, 5k with --quick). */
  requests?: number;
  /** Capture and summarise CPU profiles of the gateway (throughput run, 1-stream latency). */
  profile: boolean;
  /** Latency levels to run (concurrent streams); all when absent. */
  streams?: number[];
  log(line?: string): void;
}

export type Benchmark = (o: BenchOptions) => Promise<BenchReport>;

export function verdict(ok: boolean): Verdict {
  return ok ? 'pass' : 'MISS';
}

/** Left-aligned columns, header underlined; numbers are already formatted strings. */
export function table(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
