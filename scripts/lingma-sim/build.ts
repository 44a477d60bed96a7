import { build, type BuildOptions } from 'esbuild';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import bundleOptions from './bundle-options.json';

/**
 * Shared with bin/Lingma, which builds the bundle itself when it is missing. The banner gives the
 * ESM bundle a `require` so bundled CommonJS (ws) can load node builtins; ws's optional native
 * add-ons stay external and are simply absent.
 */
const OPTIONS = bundleOptions as BuildOptions;

export const SIM_ROOT = dirname(fileURLToPath(import.meta.url));
export const SIM_BUNDLE = join(SIM_ROOT, 'dist', 'lingma-sim.mjs');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    newest = Math.max(newest, mtime);
  }
  return newest;
}

function isFresh(): boolean {
  let built: number;
  try {
    built = statSync(SIM_BUNDLE).mtimeMs;
  } catch {
    return false;
  }
  const sources = Math.max(
    newestMtime(join(SIM_ROOT, 'src')),
    statSync(join(SIM_ROOT, 'bundle-options.json')).mtimeMs,
  );
  return built > sources;
}

/**
 * Bundles src/ into dist/lingma-sim.mjs unless the bundle is newer than every source file.
 * Several processes may call this at once (vitest workers, parallel suites): each writes its own
 * temp file and renames it into place, so readers never see a half-written bundle.
 */
export async function buildSimulator(): Promise<string> {
  if (isFresh()) return SIM_BUNDLE;
  const result = await build({
    ...OPTIONS,
    absWorkingDir: SIM_ROOT,
    outfile: SIM_BUNDLE,
    write: false,
  });
  const output = result.outputFiles?.[0];
  if (!output) throw new Error('esbuild produced no output for the Lingma simulator');
  mkdirSync(dirname(SIM_BUNDLE), { recursive: true });
  const tmp = `${SIM_BUNDLE}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(tmp, output.contents);
    renameSync(tmp, SIM_BUNDLE);
  } finally {
    rmSync(tmp, { force: true });
  }
  return SIM_BUNDLE;
}
