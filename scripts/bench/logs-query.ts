/**
 * The core's request-log queries over 100k indexed entries: the real log service (createLogService)
 * in a temp dir, filled through begin()/finish() like the gateway does, then `query()` timed for
 * the filters the UI and `/internal/logs` use, and a cold reload of the 100k entries from disk.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLogService, type LogQuery, type LogService } from '../../electron/core/logs';
import { table, verdict, type Benchmark } from './lib/report';
import { count, ms, percentile } from './lib/stats';
import { ACCOUNTS, MODELS, syntheticRequests, type SyntheticRequest } from './lib/synthetic-logs';

const ENTRIES = 100_000;
const TARGET_MS = 100;

function fill(logs: LogService, reqs: readonly SyntheticRequest[]): void {
  for (const q of reqs) {
    const h = logs.begin({
      id: q.id,
      time: q.time,
      protocol: q.protocol,
      endpoint: q.endpoint,
      model: q.model,
      accountId: q.accountId,
      accountName: q.accountName,
      stream: q.stream,
      requestBody: { model: q.model, messages: [{ role: 'user', content: q.question }] },
    });
    h.update({ resolvedModel: q.resolvedModel, ttfbMs: q.ttfbMs });
    for (let k = 0; k < q.toolCalls; k++) {
      h.addClientToolCall({ id: `call_${k}`, name: 'read_file', arguments: '{"path":"a.txt"}' });
    }
    h.finish({
      status: q.status,
      durationMs: q.durationMs,
      tokensIn: q.tokensIn,
      tokensOut: q.tokensOut,
      ...(q.error ? { error: { kind: 'upstream_error', message: q.error } } : {}),
    });
  }
}

/** Median and worst of `runs` calls (after two untimed ones). */
function time(runs: number, fn: () => unknown): { p50: number; max: number } {
  fn();
  fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    fn();
    t.push(performance.now() - s);
  }
  return { p50: percentile(t, 50), max: Math.max(...t) };
}

const QUERIES: Array<[string, LogQuery]> = [
  ['newest 100 (no filter)', { limit: 100 }],
  ['newest 1000 (the UI snapshot)', { limit: 1000 }],
  ['text "quota" (~3% match)', { text: 'quota', limit: 1000 }],
  ['text with no match (full scan)', { text: 'no-such-thing', limit: 1000 }],
  ['status error', { status: 'error', limit: 1000 }],
  ['protocol + model + account', { protocol: 'anthropic', model: MODELS[1], account: ACCOUNTS[2] }],
  ['has tool calls', { hasToolCalls: true, limit: 1000 }],
];

export const logsQuery: Benchmark = async (o) => {
  const dir = await mkdtemp(join(tmpdir(), 'lgw-bench-logs-'));
  const opts = { dir, maxIndexEntries: ENTRIES };
  let logs = createLogService(opts);
  try {
    await logs.start();
    const reqs = syntheticRequests(ENTRIES);
    let s = performance.now();
    fill(logs, reqs);
    logs.flush();
    const fillMs = performance.now() - s;
    const runs = o.quick ? 10 : 40;
    const rows = QUERIES.map(([name, q]) => {
      const page = logs.query(q);
      const r = time(runs, () => logs.query(q));
      return { name, total: page.total, ...r };
    });
    s = performance.now();
    let cursor: string | undefined;
    let pages = 0;
    do {
      cursor = logs.query({ limit: 1000, cursor }).nextCursor;
      pages++;
    } while (cursor);
    const walkMs = performance.now() - s;
    await logs.stop();
    logs = createLogService(opts);
    s = performance.now();
    await logs.start();
    const reloadMs = performance.now() - s;
    const reloaded = logs.query({ limit: 1 }).total;

    o.log(
      table(
        ['query over 100k entries', 'matches', 'p50', 'max'],
        rows.map((r) => [r.name, count(r.total), ms(r.p50), ms(r.max)]),
      ),
    );
    o.log(`all ${pages} pages of 1000 by cursor: ${ms(walkMs, 0)} (${ms(walkMs / pages)} a page)`);
    o.log(`filling 100k entries through begin()/finish(): ${ms(fillMs, 0)}`);
    o.log(`cold start() re-indexing ${count(reloaded)} entries from disk: ${ms(reloadMs, 0)}`);
    const worst = Math.max(...rows.map((r) => r.p50));
    return {
      name: 'logs-query',
      figures: [
        {
          metric: 'slowest filtered query p50 (100k)',
          value: ms(worst),
          target: `< ${TARGET_MS} ms`,
          verdict: verdict(worst < TARGET_MS),
        },
        { metric: 'reload of 100k entries at start', value: ms(reloadMs, 0) },
      ],
    };
  } finally {
    await logs.stop();
    await rm(dir, { recursive: true, force: true });
  }
};
