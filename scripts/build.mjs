#!/usr/bin/env node
// Builds everything the app needs to run: the Electron main process and preload (esbuild), the
// renderer (Vite), the headless CLI and the Lingma simulator. `npm start` runs this first.
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = new Set(process.argv.slice(2));
const want = (name) => only.size === 0 || only.has(name);

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
};

if (want('main')) {
  await build({
    ...common,
    entryPoints: ['electron/main/main.ts'],
    outfile: 'dist/main/main.cjs',
    format: 'cjs',
    external: ['electron'],
  });
  // Sandboxed preloads may only require('electron'): bundle everything else in.
  await build({
    ...common,
    entryPoints: ['electron/preload/preload.ts'],
    outfile: 'dist/preload/preload.cjs',
    format: 'cjs',
    external: ['electron'],
  });
}

if (want('cli')) {
  await build({
    ...common,
    entryPoints: ['electron/core/cli/main.ts'],
    outfile: 'dist/cli/lingma-gateway.mjs',
    format: 'esm',
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
}

if (want('renderer')) {
  await viteBuild({ configFile: join(root, 'renderer/vite.config.ts'), logLevel: 'warn' });
}

if (want('sim')) {
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      "import('./scripts/lingma-sim/build.ts').then((m) => m.buildSimulator())",
    ],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
}
console.log('build: done');
