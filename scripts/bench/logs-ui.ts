/**
 * The Requests page with 100k entries, in real (headless) Chromium: the built renderer served by
 * the browser-test bridge over the real app service, `logs:query` answering 100k synthetic rows.
 * Measured inside the page (ui/page-probe.js): cold load, Dashboard → Requests render, filter
 * latency per edit, frame times while scrolling (with and without live pushes), push apply time.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { LogSummaryDto } from '../../electron/shared/dto';
import { launchChromium } from '../browser/chromium';
import { table, verdict, type Benchmark, type BenchOptions, type Figure } from './lib/report';
import { ms, percentile } from './lib/stats';
import { syntheticRequests, toSummaries } from './lib/synthetic-logs';
import { startBenchBridge, type BenchBridge } from './ui/bench-bridge';
import { buildRenderer } from './ui/renderer-build';
import {
  filterPlan,
  frameStats,
  liveRows,
  withInspectorFields,
  type ColdLoad,
  type FilterStep,
  type FilterTiming,
  type FrameStats,
  type OpenTiming,
  type ScrollRun,
} from './ui/ui-plan';

const ENTRIES = 100_000;
const FILTER_TARGET_MS = 100;
const PROBE = fileURLToPath(new URL('./ui/page-probe.js', import.meta.url));

const probe = <T>(page: Page, call: string): Promise<T> =>
  page.evaluate<T>(`window.__lgwBench.${call}`);

async function filters(page: Page, plan: FilterStep[], rounds: number) {
  const timed = new Map<string, FilterTiming[]>();
  for (let r = 0; r < rounds; r++) {
    for (const step of plan) {
      const t = await probe<FilterTiming>(page, `filter(${JSON.stringify(step)})`);
      if (step.unchanged) continue;
      const key = `${step.label} → ${step.expectText.split(' ')[0]}`;
      timed.set(key, [...(timed.get(key) ?? []), t]);
    }
  }
  return timed;
}

/** Smooth scrolling while the bridge pushes a batch of new rows every 250 ms. */
async function scrollUnderLiveTail(page: Page, bridge: BenchBridge, frames: number) {
  let batch = 0;
  const timer = setInterval(() => {
    batch++;
    bridge.push({ seq: 1_000 + batch, upserts: liveRows(batch, 20) });
  }, 250);
  try {
    return await probe<ScrollRun>(page, `scroll(${frames}, 240, false)`);
  } finally {
    clearInterval(timer);
  }
}

async function pushLatency(page: Page, bridge: BenchBridge, times: number): Promise<number[]> {
  await probe<void>(page, 'toTop()');
  const out: number[] = [];
  for (let k = 0; k < times; k++) {
    const batch = 10_000 + k;
    const waiting = probe<{ sinceArrivalMs: number }>(page, `pushApplied("live-${batch}")`);
    bridge.push({ seq: 20_000 + k, upserts: liveRows(batch, 20) });
    out.push((await waiting).sinceArrivalMs);
  }
  return out;
}

function frameRow(name: string, s: FrameStats): string[] {
  return [
    name,
    String(s.frames),
    ms(s.p50, 1),
    ms(s.p99, 1),
    ms(s.max, 1),
    String(s.dropped),
    String(s.longTasks),
  ];
}

async function measure(
  page: Page,
  bridge: BenchBridge,
  rows: LogSummaryDto[],
  o: BenchOptions,
): Promise<Figure[]> {
  await page.goto(bridge.pageUrl);
  await page.getByRole('button', { name: 'Requests' }).click();
  await page.waitForFunction('window.__lgwBench.cold().listedMs !== undefined', undefined, {
    timeout: 120_000,
  });
  const cold = await probe<ColdLoad>(page, 'cold()');
  const opens: OpenTiming[] = [];
  for (let i = 0; i < (o.quick ? 3 : 7); i++) opens.push(await probe<OpenTiming>(page, 'open()'));
  const timed = await filters(page, filterPlan(rows), o.quick ? 1 : 3);
  const f = o.quick ? 120 : 600;
  const idle = frameStats(await probe<ScrollRun>(page, `scroll(${f}, 0, false)`));
  const smooth = frameStats(await probe<ScrollRun>(page, `scroll(${f}, 240, false)`));
  const jump = frameStats(await probe<ScrollRun>(page, `scroll(${f}, 0, true)`));
  const live = frameStats(await scrollUnderLiveTail(page, bridge, f));
  const pushes = await pushLatency(page, bridge, o.quick ? 3 : 8);

  const openP50 = percentile(
    opens.map((x) => x.paintMs),
    50,
  );
  o.log(
    `cold load: the 100k-row reply (${(cold.replyChars / 1e6).toFixed(1)} MB JSON) arrived at ${ms(cold.replyMs ?? NaN, 0)}, list shown at ${ms(cold.listedMs ?? NaN, 0)} after navigation start`,
  );
  o.log(
    `Dashboard → Requests with 100k rows: painted in ${ms(openP50, 1)} (p50 of ${opens.length}; DOM commit ${ms(
      percentile(
        opens.map((x) => x.commitMs),
        50,
      ),
      1,
    )}; ${opens[0]?.rows ?? 0} rows in the DOM)`,
  );
  const filterRows = [...timed.entries()].map(([label, ts]) => [
    label,
    ms(
      percentile(
        ts.map((t) => t.handlerMs),
        50,
      ),
      1,
    ),
    ms(
      percentile(
        ts.map((t) => t.commitMs),
        50,
      ),
      1,
    ),
    ms(
      percentile(
        ts.map((t) => t.paintMs),
        50,
      ),
      1,
    ),
    ms(Math.max(...ts.map((t) => t.paintMs)), 1),
  ]);
  o.log(
    table(
      ['filter edit → matches', 'input handled', 'list updated', 'painted p50', 'painted max'],
      filterRows,
    ),
  );
  o.log(
    table(
      ['scrolling (rAF deltas)', 'frames', 'p50', 'p99', 'max', '> 25 ms', 'long tasks'],
      [
        frameRow('no scrolling (baseline)', idle),
        frameRow('240 px per frame', smooth),
        frameRow('random jumps', jump),
        frameRow('240 px/frame + live pushes', live),
      ],
    ),
  );
  o.log(
    `live push (20 rows) at 100k rows, arrival → first row updated: p50 ${ms(percentile(pushes, 50), 1)}, max ${ms(Math.max(...pushes), 1)}`,
  );

  const worstFilter = Math.max(...[...timed.values()].flat().map((t) => t.paintMs));
  const p50Filter = percentile(
    [...timed.values()].flat().map((t) => t.paintMs),
    50,
  );
  const dropped = smooth.dropped + jump.dropped;
  return [
    { metric: 'Requests page first render (100k rows)', value: ms(openP50, 1) },
    {
      metric: 'filter latency p50 (edit → painted)',
      value: ms(p50Filter, 1),
      target: `< ${FILTER_TARGET_MS} ms`,
      verdict: verdict(p50Filter < FILTER_TARGET_MS),
    },
    {
      metric: 'filter latency worst',
      value: ms(worstFilter, 1),
      target: `< ${FILTER_TARGET_MS} ms`,
      verdict: verdict(worstFilter < FILTER_TARGET_MS),
    },
    {
      metric: 'scroll: frames > 25 ms (smooth + jumps)',
      value: `${dropped} of ${smooth.frames + jump.frames}`,
      target: 'none dropped',
      verdict: verdict(dropped === 0),
    },
    {
      metric: 'scroll frame p99 (smooth / jumps)',
      value: `${ms(smooth.p99, 1)} / ${ms(jump.p99, 1)}`,
    },
    {
      metric: 'scroll + live pushes: frames > 25 ms',
      value: `${live.dropped} of ${live.frames}`,
      target: 'none dropped',
      verdict: verdict(live.dropped === 0),
    },
  ];
}

export const logsUi: Benchmark = async (o) => {
  const build = await buildRenderer();
  const cleanups: Array<() => Promise<unknown>> = [build.remove];
  try {
    const rows = withInspectorFields(toSummaries(syntheticRequests(ENTRIES)));
    const bridge = await startBenchBridge(build.dir, rows);
    cleanups.push(bridge.close);
    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    // The renderer's CSP forbids eval; Playwright evaluates our string expressions with it.
    const context = await browser.newContext({
      viewport: { width: 1200, height: 820 },
      bypassCSP: true,
    });
    const page = await context.newPage();
    const config = { fullText: `${ENTRIES} of ${ENTRIES} requests` };
    await page.addInitScript({
      content: `window.__lgwBenchConfig = ${JSON.stringify(config)};\n${await readFile(PROBE, 'utf8')}`,
    });
    return { name: 'logs-ui', figures: await measure(page, bridge, rows, o) };
  } finally {
    for (const fn of cleanups.reverse()) await fn().catch(() => undefined);
  }
};
