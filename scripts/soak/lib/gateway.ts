/**
 * Starting, measuring and ending the gateway process under soak, and finding Lingma children that
 * outlived it (by their `--workDir` under the gateway's data dir).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ReadyInfo } from '../gateway-proc';

const PROC = fileURLToPath(new URL('../gateway-proc.ts', import.meta.url));

export interface SoakGateway extends ReadyInfo {
  child: ChildProcess;
  exited: Promise<number | null>;
}

export async function startGateway(settings: Record<string, unknown>): Promise<SoakGateway> {
  const child = spawn(process.execPath, ['--import', 'tsx', PROC, JSON.stringify(settings)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const info = await new Promise<ReadyInfo>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('gateway not ready in 120 s')), 120_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += String(d);
      const line = out.split('\n').find((l) => l.startsWith('READY '));
      if (!line) return;
      clearTimeout(timer);
      resolve(JSON.parse(line.slice(6)) as ReadyInfo);
    });
    void exited.then(() => reject(new Error('gateway exited before it was ready')));
  });
  return { ...info, child, exited };
}

/** Resident set size of `pid` in MiB (Linux /proc; `ps` elsewhere). */
export function rssMiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (m?.[1]) return Number(m[1]) / 1024;
  } catch {
    // not Linux
  }
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' })) / 1024;
}

/** Live processes whose command line names a workDir under `dataDir` (Lingma children). */
export function lingmaChildren(dataDir: string): number[] {
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((l) => l.includes(`--workDir=${dataDir}`) && !l.includes(' ps '))
    .map((l) => Number(l.trim().split(/\s+/)[0]))
    .filter((pid) => Number.isFinite(pid) && pid > 0 && pid !== process.pid);
}

export async function waitForPool(g: ReadyInfo, ready: number, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const body = (await (await fetch(`${g.baseUrl}/healthz`)).json()) as { ready?: number };
    if ((body.ready ?? 0) >= ready) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`pool not ready (${ready} wanted)`);
}

/** The admission counters and per-instance in-flight counts from `/internal/stats`. */
export async function inFlight(
  g: ReadyInfo,
): Promise<{ admission: number; queued: number; instances: number }> {
  const stats = (await (
    await fetch(`${g.baseUrl}/internal/stats`, {
      headers: { authorization: `Bearer ${g.adminToken}` },
    })
  ).json()) as {
    admission: { inFlight: number; queued: number };
    pool: { instances: Array<{ inFlight: number }> };
  };
  return {
    admission: stats.admission.inFlight,
    queued: stats.admission.queued,
    instances: stats.pool.instances.reduce((s, i) => s + i.inFlight, 0),
  };
}
