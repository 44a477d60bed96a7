/**
 * Prints where a gateway CPU profile's time went: self time by area (package or source folder),
 * the same with native work charged to its JavaScript caller, and the top functions.
 */
import { bundleModuleMap, gatewayProcBundle } from './bundle';
import { summariseProfile } from './cpu-profile';
import { table } from './report';

export async function printProfile(file: string, log: (line?: string) => void): Promise<void> {
  const moduleOf = bundleModuleMap(await gatewayProcBundle());
  const s = await summariseProfile(file, { moduleOf, top: 15 });
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  log(`gateway CPU profile (${file}), self time by area:`);
  const callers = new Map(s.callers.map((c) => [c.name, c.share]));
  log(
    table(
      ['area', 'self', 'with the native code it calls'],
      [...new Set([...s.areas, ...s.callers].map((a) => a.name))].map((name) => [
        name,
        pct(s.areas.find((a) => a.name === name)?.share ?? 0),
        pct(callers.get(name) ?? 0),
      ]),
    ),
  );
  log('top functions by self time:');
  log(
    table(
      ['function', 'share'],
      s.functions.map((a) => [a.name, pct(a.share)]),
    ),
  );
}
