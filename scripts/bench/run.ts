/**
 * `npm run bench`: runs the benchmarks one after another and prints their figures against the
 * targets of issues 3, 7, 13 and 14. Options:
 *   --only=<name>[,<name>]  latency | throughput | memory | logs-query | logs-ui | agent-loop
 *   --quick                 a short pass (CI smoke), fewer requests and levels
 *   --requests=<n>          requests for the memory run (default 100000; 5000 with --quick)
 *   --profile               CPU-profile the gateway (throughput run; latency at 1 stream)
 *   --streams=<n>[,<n>]     only these latency levels (e.g. --streams=1)
 * Results are recorded by hand in docs/benchmarks.md with the machine they ran on.
 */
import { cpus, totalmem } from 'node:os';
import { agentLoop } from './agent-loop';
import { removeBundle } from './lib/bundle';
import { table, type Benchmark, type BenchOptions, type Figure } from './lib/report';
import { latency } from './latency';
import { logsQuery } from './logs-query';
import { logsUi } from './logs-ui';
import { memory } from './memory';
import { throughput } from './throughput';

const BENCHMARKS: Record<string, Benchmark> = {
  latency,
  throughput,
  memory,
  'logs-query': logsQuery,
  'logs-ui': logsUi,
  'agent-loop': agentLoop,
};

function parseArgs(argv: readonly string[]): { only: string[]; options: BenchOptions } {
  const flag = (name: string): string | undefined =>
    argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`))?.split('=')[1];
  const only = (flag('only') ?? '').split(',').filter(Boolean);
  for (const name of only) {
    if (!BENCHMARKS[name]) throw new Error(`unknown benchmark "${name}"`);
  }
  const requests = flag('requests');
  const streams = flag('streams')?.split(',').filter(Boolean).map(Number);
  return {
    only: only.length ? only : Object.keys(BENCHMARKS),
    options: {
      quick: argv.includes('--quick'),
      requests: requests ? Number(requests) : undefined,
      profile: argv.includes('--profile'),
      ...(streams?.length ? { streams } : {}),
      log: (line = '') => console.log(line),
    },
  };
}

async function main(): Promise<void> {
  const { only, options } = parseArgs(process.argv.slice(2));
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `Lingma Gateway benchmarks — node ${process.version}, ${cpus().length} × ${cpu}, ` +
      `${(totalmem() / 2 ** 30).toFixed(0)} GiB${options.quick ? ' (quick)' : ''}`,
  );
  const summary: Figure[] = [];
  let failed = false;
  for (const name of only) {
    const bench = BENCHMARKS[name] as Benchmark;
    console.log(`\n== ${name} ==`);
    const started = Date.now();
    try {
      const report = await bench(options);
      summary.push(...report.figures.map((f) => ({ ...f, metric: `${name}: ${f.metric}` })));
    } catch (err) {
      failed = true;
      console.error(`${name} failed:`, err);
    }
    console.log(`(${name}: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  removeBundle();
  console.log('\n== summary ==');
  console.log(
    table(
      ['figure', 'value', 'target', 'verdict'],
      summary.map((f) => [f.metric, f.value, f.target ?? '', f.verdict ?? '']),
    ),
  );
  if (failed) process.exitCode = 1;
}

await main();
