/**
 * A gateway process for the benchmarks: the real core (createCore through the e2e harness) with
 * simulator children, driven over IPC by its parent. The parent bundles it
 * (lib/bundle.ts) and runs `node --expose-gc gateway-proc.mjs '<GatewayProcConfig JSON>'`; see
 * lib/gateway-child.ts.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startHarness, type Harness } from '../../electron/core/testing/core-harness';
import { startCpuProfile, type CpuProfiler } from './lib/cpu-profile';
import type {
  ChildMessage,
  GatewayProcConfig,
  ParentRequest,
  ProcStats,
  Upstream,
} from './lib/proc-protocol';

const READY_TIMEOUT_MS = 120_000;

function send(msg: ChildMessage): void {
  process.send?.(msg);
}

async function waitForPool(baseUrl: string, expected: number): Promise<void> {
  const until = Date.now() + READY_TIMEOUT_MS;
  let last = '';
  while (Date.now() < until) {
    const res = await fetch(`${baseUrl}/healthz`);
    const body = (await res.json()) as { ready?: number; poolSize?: number };
    last = `${body.ready ?? 0}/${body.poolSize ?? 0} ready`;
    if (body.ready === expected) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the pool never became ready (${last}, wanted ${expected})`);
}

/** The simulator children's sockets, from the `.info` file each one writes in its workDir. */
async function upstreams(h: Harness, workers: number): Promise<Upstream[]> {
  const out: Upstream[] = [];
  for (const id of h.accountIds) {
    for (let n = 1; n <= workers; n++) {
      const workDir = n === 1 ? h.workDir(id) : `${h.workDir(id)}-w${n}`;
      const info = JSON.parse(await readFile(join(workDir, '.info'), 'utf8')) as {
        websocketPort: number;
      };
      out.push({ url: `ws://127.0.0.1:${info.websocketPort}/`, workDir });
    }
  }
  return out;
}

async function stats(h: Harness, gc: boolean): Promise<ProcStats> {
  if (gc && global.gc) {
    global.gc();
    global.gc();
  }
  const m = process.memoryUsage();
  const cpu = process.cpuUsage();
  const page = await h.core.queryLogs({ limit: 1 });
  return {
    rss: m.rss,
    heapUsed: m.heapUsed,
    heapTotal: m.heapTotal,
    external: m.external,
    arrayBuffers: m.arrayBuffers,
    cpuUserUs: cpu.user,
    cpuSystemUs: cpu.system,
    logsIndexed: page.total ?? page.entries.length,
  };
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as GatewayProcConfig;
  const started = Date.now();
  const { routing, ...rest } = (config.settings ?? {}) as { routing?: Record<string, unknown> };
  const h = await startHarness({
    accounts: Array.from({ length: config.accounts }, (_, i) => `bench${i + 1}`),
    scenario: config.scenario,
    settings: { ...rest, routing: { ...routing, workersPerAccount: config.workers } },
    env: {
      ...(config.simBin ? { LINGMA_BIN: config.simBin } : {}),
      ...(config.simFaults ? { LINGMA_SIM_FAULTS: config.simFaults } : {}),
    },
  });
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= h.close());
  await waitForPool(h.baseUrl, config.accounts * config.workers);
  send({
    type: 'ready',
    baseUrl: h.baseUrl,
    apiKey: h.apiKey,
    upstreams: await upstreams(h, config.workers),
    startupMs: Date.now() - started,
  });

  let profiler: CpuProfiler | undefined;
  process.on('message', (raw) => {
    const req = raw as ParentRequest;
    const handle = async (): Promise<ChildMessage> => {
      switch (req.type) {
        case 'stats':
          return { id: req.id, type: 'stats', stats: await stats(h, req.gc) };
        case 'profile-start':
          profiler = await startCpuProfile();
          return { id: req.id, type: 'done' };
        case 'profile-stop':
          await profiler?.stop(req.file);
          profiler = undefined;
          return { id: req.id, type: 'done' };
        case 'stop':
          await close();
          return { id: req.id, type: 'done' };
      }
    };
    handle()
      .catch((err: unknown) => ({ id: req.id, type: 'error' as const, message: String(err) }))
      .then((reply) => {
        send(reply);
        if (req.type === 'stop') process.disconnect?.();
      });
  });
  process.on('disconnect', () => void close().finally(() => process.exit(0)));
}

main().catch((err: unknown) => {
  send({ type: 'fatal', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  process.exitCode = 1;
  setTimeout(() => process.exit(1), 100);
});
