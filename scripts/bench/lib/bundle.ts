/**
 * Bundles `gateway-proc.ts` with esbuild, the way the headless CLI ships (scripts/build.mjs), so
 * the measured gateway runs plain JavaScript: under `--import tsx` Node keeps a second isolate
 * for the loader hooks, which adds tens of MB of RSS that no user would see.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** The simulator launcher; passed as LINGMA_BIN because the bundle no longer sits beside it. */
export const SIM_LAUNCHER = join(ROOT, 'scripts/lingma-sim/bin/Lingma');

let bundled: Promise<string> | undefined;
let outDir: string | undefined;

/** Path of the bundled gateway process (built once per run). */
export function gatewayProcBundle(): Promise<string> {
  bundled ??= (async () => {
    outDir = mkdtempSync(join(tmpdir(), 'lgw-bench-'));
    const outfile = join(outDir, 'gateway-proc.mjs');
    await build({
      absWorkingDir: ROOT,
      entryPoints: ['scripts/bench/gateway-proc.ts'],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      logLevel: 'warning',
      banner: {
        js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
      },
    });
    return outfile;
  })();
  return bundled;
}

export function removeBundle(): void {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
}

/**
 * Maps a line of the bundle to the module it came from, using the `// path/to/file.ts` markers
 * esbuild writes before each module when not minifying.
 */
export function bundleModuleMap(file: string): (line: number) => string | undefined {
  const marks: Array<{ line: number; path: string }> = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      const m = /^\/\/ ((?:node_modules|electron|scripts)\/\S+)$/.exec(text);
      if (m?.[1]) marks.push({ line: i, path: m[1] });
    });
  return (line) => {
    let lo = 0;
    let hi = marks.length - 1;
    let found: string | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const mark = marks[mid];
      if (mark && mark.line <= line) {
        found = mark.path;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
}
