/**
 * A cheap CPU profile of the current process (V8's sampling profiler through node:inspector), and
 * a summary of a saved profile by self time — enough to say where a missed target's time goes.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

export interface CpuProfiler {
  /** Stops sampling and writes the `.cpuprofile` (loadable in Chrome DevTools). */
  stop(file: string): Promise<void>;
}

export async function startCpuProfile(intervalUs = 200): Promise<CpuProfiler> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: intervalUs });
  await session.post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = await session.post('Profiler.stop');
      await writeFile(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  /** Share of all samples, 0…1. */
  share: number;
}

/** Where a frame's code lives: a package, node internals, V8 (gc, idle, program) or our source. */
function area(path: string, fn: string): string {
  if (!path) return fn.startsWith('(') ? fn : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (pkg) return pkg[1] ?? path;
  if (path.startsWith('node:')) return 'node internals';
  const src = /(electron\/core\/[^/]+|scripts\/[^/]+)\//.exec(path);
  return src?.[1] ?? path;
}

export interface SummaryOptions {
  top?: number;
  /** Maps a line of a bundled script to its source module (see bundle.ts). */
  moduleOf?: (line: number) => string | undefined;
}

export interface ProfileSummary {
  functions: SelfTime[];
  areas: SelfTime[];
  /** Like `areas`, but native and node: frames are charged to the module that called them. */
  callers: SelfTime[];
}

/** Self time by function and by area (package / module folder), largest first. */
export async function summariseProfile(
  file: string,
  o: SummaryOptions = {},
): Promise<ProfileSummary> {
  const p = JSON.parse(await readFile(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const pathOf = (n: ProfileNode): string =>
    (n.callFrame.url.startsWith('file:') && o.moduleOf?.(n.callFrame.lineNumber)) ||
    n.callFrame.url;
  const fns = new Map<string, number>();
  const areas = new Map<string, number>();
  const callers = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, dt: number): void => {
    m.set(k, (m.get(k) ?? 0) + dt);
  };
  let total = 0;
  p.samples.forEach((id, i) => {
    const node = byId.get(id);
    // Each sample counts once: on a box shared with other work the process is often descheduled,
    // and the sample taken when it runs again carries the whole gap as its time delta, which
    // would charge seconds of waiting to whatever function happened to be running.
    const dt = p.timeDeltas[i] === undefined ? 0 : 1;
    if (!node) return;
    const path = pathOf(node);
    const fn = node.callFrame.functionName;
    if (fn === '(idle)') return; // shares of busy time only
    add(fns, `${fn || '(anonymous)'} ${path.replace(/^.*\//, '')}`.trim(), dt);
    add(areas, area(path, fn), dt);
    let js: ProfileNode | undefined = node;
    while (js && (!js.callFrame.url || js.callFrame.url.startsWith('node:'))) {
      js = byId.get(parent.get(js.id) ?? -1);
    }
    add(callers, js ? area(pathOf(js), js.callFrame.functionName) : area(path, fn), dt);
    total += dt;
  });
  const rank = (m: Map<string, number>): SelfTime[] =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, o.top ?? 12)
      .map(([name, t]) => ({ name, share: total > 0 ? t / total : 0 }));
  return { functions: rank(fns), areas: rank(areas), callers: rank(callers) };
}
