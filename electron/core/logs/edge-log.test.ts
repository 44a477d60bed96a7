/**
 * The bound on requests the gateway answers itself (issue 16): a flood of refusals can neither
 * evict real history nor grow memory without bound, identical refusals fold, each kind is bounded
 * on its own, and the UI is told to drop what the bound lets go of.
 */
import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { EdgeRecord } from './edge-log';
import { createLogService, type LogService } from './index';
import { tempDir } from './test-support';
import type { LogPush } from './types';

const T0 = new Date(2025, 6, 1, 9).getTime();
const services: LogService[] = [];
let cleanup: () => void = () => undefined;
afterEach(async () => {
  for (const s of services.splice(0)) await s.stop();
  cleanup();
});

async function open(perKind = 50) {
  const t = tempDir('edge');
  cleanup = t.cleanup;
  const clock = { now: T0 };
  const s = createLogService({
    dir: t.dir,
    now: () => clock.now,
    bus: { intervalMs: 1, maxQueue: 1_000_000, maxBatch: 1_000_000 },
    edge: { perKind, perKindBytes: 64 * 1024 },
  });
  services.push(s);
  await s.start();
  return { s, clock, dir: t.dir };
}

function real(s: LogService, id: string, time: number): void {
  const h = s.begin({ id, time, protocol: 'openai', endpoint: 'POST /v1/chat/completions' });
  h.update({ accountName: 'alice', resolvedModel: 'qwen3' });
  h.finish({ status: 200 });
}

const refusal = (n: number, over: Partial<EdgeRecord> = {}): EdgeRecord => ({
  id: `req_bad_${n}`,
  time: T0 + 1_000 + n,
  durationMs: 1,
  protocol: 'openai',
  endpoint: 'POST /v1/chat/completions',
  status: 401,
  error: { kind: 'authentication', message: 'Invalid API key.' },
  refused: 'wrong_key',
  keyHint: `lgw-${String(n % 1000).padStart(3, '0')}…`,
  client: 'curl',
  ...over,
});

describe('edge log bound (issue 16)', () => {
  it('a flood of 20,000 wrong keys keeps every real entry and at most the bound of refusals', async () => {
    const { s } = await open(50);
    for (let i = 0; i < 100; i++) real(s, `req_real_${i}`, T0 + i);
    const pushes: LogPush[] = [];
    s.subscribe((p) => pushes.push(p));
    // Distinct hints every 1000, and 2 ms apart: many distinct rows, most folded.
    for (let i = 0; i < 20_000; i++) s.recordEdge(refusal(i, { time: T0 + 1_000 + i * 2 }));
    s.flush();

    expect(s.query({ origin: 'served', limit: 1000 }).total).toBe(100);
    expect(s.query({ limit: 1000 }).total).toBe(150);
    expect(s.stats().answeredByGateway).toBe(50);
    expect(s.stats().indexed).toBe(100);
    // Nothing refused reaches the disk.
    expect(await s.get('req_real_0')).toMatchObject({ status: 200 });
    const stats = s.statsOverTime({
      since: T0,
      until: T0 + 86_400_000,
      bucketMs: 3_600_000,
      split: 'none',
    });
    expect(stats.refusedSinceStart).toEqual({ wrong_key: 20_000 });
    // Charts count what the log still holds; every refusal is counted by kind besides.
    expect(stats.totals.requests).toBe(150);
    expect(stats.totals.errors).toBe(50);

    await new Promise((r) => setTimeout(r, 20));
    const removed = pushes.flatMap((p) => p.removed ?? []);
    const upserted = new Set(pushes.flatMap((p) => p.upserts.map((u) => u.id)));
    // The UI is told to drop what it was shown and the bound let go of.
    expect(removed.length).toBeGreaterThan(0);
    for (const id of removed) expect(upserted.has(id) || id.startsWith('req_bad_')).toBe(true);
  });

  it('folds identical refusals within a minute into one row, then starts a new one', async () => {
    const { s } = await open();
    for (let i = 0; i < 5_000; i++) s.recordEdge(refusal(0, { id: `req_f_${i}`, time: T0 + i }));
    let page = s.query({ origin: 'refused' });
    expect(page.entries).toHaveLength(1);
    expect(page.entries[0]).toMatchObject({ id: 'req_f_0', repeats: 4_999, lastAt: T0 + 4_999 });
    const stats = s.statsOverTime({
      since: T0,
      until: T0 + 60_000,
      bucketMs: 60_000,
      split: 'key',
    });
    expect(stats.series).toEqual([
      expect.objectContaining({ key: 'lgw-000…', requests: [5_000], errors: [5_000] }),
    ]);
    s.recordEdge(refusal(0, { id: 'req_f_late', time: T0 + 61_000 }));
    page = s.query({ origin: 'refused' });
    expect(page.entries.map((e) => e.id)).toEqual(['req_f_late', 'req_f_0']);
  });

  it('bounds each kind on its own: a 401 flood does not push out Host refusals', async () => {
    const { s } = await open(20);
    for (let i = 0; i < 5; i++)
      s.recordEdge(
        refusal(i, {
          id: `req_host_${i}`,
          status: 403,
          refused: 'host',
          endpoint: `GET /v1/models/${i}`,
          keyHint: undefined,
        }),
      );
    for (let i = 0; i < 2_000; i++) s.recordEdge(refusal(i, { time: T0 + 1_000 + i * 61_000 }));
    expect(s.query({ text: 'req_host', limit: 100 }).total).toBe(5);
    expect(s.query({ origin: 'refused', limit: 1000 }).total).toBe(25);
  });

  it('bounds a kind by bytes too, keeping the newest', async () => {
    const { s } = await open(1000);
    const long = 'x'.repeat(4_000);
    for (let i = 0; i < 200; i++)
      s.recordEdge(refusal(i, { id: `req_big_${i}`, endpoint: `POST /v1/${long}${i}` }));
    const kept = s.query({ origin: 'refused', limit: 1000 }).entries;
    // Each entry holds a 2 KiB endpoint (the text cap): 64 KiB keeps ~27, far below the count bound.
    expect(kept.length).toBeGreaterThan(10);
    expect(kept.length).toBeLessThan(32);
    expect(kept.map((e) => e.id)).toEqual(
      Array.from({ length: kept.length }, (_, i) => `req_big_${199 - i}`),
    );
  });

  it('moves a route-refused request (invalid body) out of history, with its body cut', async () => {
    const { s, dir } = await open();
    real(s, 'req_ok', T0);
    const h = s.begin({
      id: 'req_invalid',
      protocol: 'anthropic',
      endpoint: 'POST /v1/messages',
      requestBody: { messages: 'not a list', pad: 'y'.repeat(30_000) },
    });
    h.finish({
      status: 400,
      error: { kind: 'invalid_request', message: 'bad' },
      refused: 'validation',
    });
    s.flush();
    const entry = await s.get('req_invalid');
    expect(entry).toMatchObject({ refused: 'validation', status: 400 });
    expect(JSON.stringify(entry?.requestBody).length).toBeLessThan(9_000);
    expect(s.stats().indexed).toBe(1);
    expect(s.usage({ days: 1 }).reduce((n, r) => n + r.requests, 0)).toBe(1);
    const files = readdirSync(dir).filter((n) => n.endsWith('.jsonl'));
    expect(files.length).toBe(1);
    const exported = JSON.parse((await s.exportAll()).json) as Array<{ id: string }>;
    expect(exported.map((e) => e.id)).toEqual(['req_ok', 'req_invalid']);
  });

  it('pages through history and refusals together, newest first, without repeats', async () => {
    const { s } = await open(500);
    for (let i = 0; i < 30; i++) real(s, `req_r${String(i).padStart(2, '0')}`, T0 + i * 10);
    for (let i = 0; i < 30; i++)
      s.recordEdge(
        refusal(i, {
          id: `req_e${String(i).padStart(2, '0')}`,
          time: T0 + i * 10 + 5,
          keyHint: `h${i}`,
        }),
      );
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = s.query({ limit: 7, ...(cursor ? { cursor } : {}) });
      expect(page.total).toBe(60);
      seen.push(...page.entries.map((e) => e.id));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);
    expect(seen.slice(0, 3)).toEqual(['req_e29', 'req_r29', 'req_e28']);
  });
});
