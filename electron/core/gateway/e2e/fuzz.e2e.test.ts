import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../testing/core-harness';
import { fuzzCase, POST_ENDPOINTS, sendFuzzCase, type FuzzResult } from '../testing/fuzz-bodies';

const ADMIN = 'admin-token-fuzz-0123456789';
/** Fixed: a failure reproduces; bounded: the suite stays quick (npm run soak sends 2,000). */
const SEED = 12_012;
const RUNS = 250;

let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    accounts: ['fuzz'],
    env: { ADMIN_TOKEN: ADMIN },
    settings: { server: { port: 0, maxBodyBytes: 64 * 1024 } },
  });
}, 60_000);
afterAll(async () => h?.close());

/** POST paths registered in the route files, so a new endpoint cannot skip the fuzzing. */
function registeredPostRoutes(): string[] {
  const root = fileURLToPath(new URL('../routes', import.meta.url));
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) {
        for (const m of readFileSync(p, 'utf8').matchAll(/\.post\(\s*'([^']+)'/g)) {
          if (m[1]) found.push(m[1]);
        }
      }
    }
  };
  walk(root);
  return found.sort();
}

describe('fuzzed bodies on every POST endpoint', () => {
  it('covers every POST route the gateway registers', () => {
    expect([...POST_ENDPOINTS].sort()).toEqual(registeredPostRoutes());
  });

  it('never answers 5xx, always in the API error shape, and stays alive and bounded', async () => {
    const accountId = h.accountIds[0] as string;
    const statuses = new Map<number, number>();
    const rssBefore = process.memoryUsage().rss;
    let last: FuzzResult | undefined;
    const bad: string[] = [];
    await fc
      .assert(
        fc.asyncProperty(fuzzCase(accountId), async (c) => {
          const r = await sendFuzzCase(h.baseUrl, c, { apiKey: h.apiKey, adminToken: ADMIN });
          last = r;
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
          const good = r.status < 500 && r.shaped;
          if (!good) bad.push(`${c.endpoint} → ${r.status} ${r.body.slice(0, 300)}`);
          return good;
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      )
      .catch((err: unknown) => {
        throw new Error(`${bad.join('\n')}\n${String(err)}`);
      });
    expect(last).toBeDefined();
    console.info('fuzz statuses', Object.fromEntries(statuses));
    // The mix must reach the model (200) and the validators (400), or it proves little.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(10);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(10);
    const health = await fetch(`${h.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(300 * 1024 * 1024);
  }, 240_000);
});
