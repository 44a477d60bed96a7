import { bundleModuleMap, gatewayProcBundle } from './lib/bundle';
import { readFileSync } from 'node:fs';
const file = process.argv[2]!;
const top = Number(process.argv[3] ?? 40);
const moduleOf = bundleModuleMap(await gatewayProcBundle());
interface N { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
const p = JSON.parse(readFileSync(file, 'utf8')) as { nodes: N[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const mod = (n: N) => (n.callFrame.url.startsWith('file:') ? moduleOf(n.callFrame.lineNumber) : n.callFrame.url) || n.callFrame.functionName;
const self = new Map<string, number>();
const incl = new Map<string, number>();
const inclMod = new Map<string, number>();
let total = 0;
p.samples.forEach((id, i) => {
  const n = byId.get(id)!; const dt = p.timeDeltas[i] ?? 0;
  if (n.callFrame.functionName === '(idle)') return;
  total += dt;
  const key = `${n.callFrame.functionName || '(anon)'} ${(mod(n) ?? '').replace(/^.*\/(?=[^/]+\/[^/]+$)/, '')}`;
  self.set(key, (self.get(key) ?? 0) + dt);
  const seen = new Set<string>(); const seenM = new Set<string>();
  for (let x: N | undefined = n; x; x = byId.get(parent.get(x.id) ?? -1)) {
    const k = `${x.callFrame.functionName || '(anon)'} ${(mod(x) ?? '').replace(/^.*\/(?=[^/]+\/[^/]+$)/, '')}`;
    if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) ?? 0) + dt); }
    const m = (mod(x) ?? '').replace(/^(node_modules\/[^/]+).*/, '$1');
    if (m && !seenM.has(m)) { seenM.add(m); inclMod.set(m, (inclMod.get(m) ?? 0) + dt); }
  }
});
const show = (m: Map<string, number>, title: string) => {
  console.log(`\n== ${title} (busy ${(total / 1000).toFixed(0)} ms)`);
  for (const [k, v] of [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${(v / total * 100).toFixed(1).padStart(5)}%  ${(v/1000).toFixed(1).padStart(8)} ms  ${k}`);
};
show(self, 'self');
show(incl, 'inclusive');
show(inclMod, 'inclusive by module');
