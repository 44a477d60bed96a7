#!/usr/bin/env node
// Builds everything the app needs to run: the Electron main process and preload (esbuild), the
// renderer (Vite), the headless CLI and the Lingma simulator. `npm start` runs this first.
//
//   node scripts/build.mjs [main] [renderer] [cli] [sim] [--release] [--out-dir=dist]
//
// --release is what installers ship (npm run dist): minified, no source maps, production React.
// Every dependency is bundled into these files, so the packaged app needs no node_modules.
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const release = args.includes('--release');
const outDir = resolve(
  root,
  args.find((a) => a.startsWith('--out-dir='))?.slice('--out-dir='.length) ?? 'dist',
);
const only = new Set(args.filter((a) => !a.startsWith('--')));
const want = (name) => only.size === 0 || only.has(name);

if (release) process.env.NODE_ENV = 'production';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: !release,
  minify: release,
  // Readable function names in logged stack traces, even minified.
  keepNames: true,
  logLevel: 'warning',
  absWorkingDir: root,
  define: release ? { 'process.env.NODE_ENV': '"production"' } : {},
};

if (want('main')) {
  await build({
    ...common,
    entryPoints: ['electron/main/main.ts'],
    outfile: join(outDir, 'main/main.cjs'),
    format: 'cjs',
    external: ['electron'],
  });
  // Sandboxed preloads may only require('electron'): bundle everything else in.
  await build({
    ...common,
    entryPoints: ['electron/preload/preload.ts'],
    outfile: join(outDir, 'preload/preload.cjs'),
    format: 'cjs',
    external: ['electron'],
  });
}

if (want('cli')) {
  await build({
    ...common,
    entryPoints: ['electron/core/cli/main.ts'],
    outfile: join(outDir, 'cli/lingma-gateway.mjs'),
    format: 'esm',
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
}

if (want('renderer')) {
  await viteBuild({
    configFile: join(root, 'renderer/vite.config.ts'),
    logLevel: 'warn',
    mode: 'production',
    build: { outDir: join(outDir, 'renderer'), emptyOutDir: true, sourcemap: !release },
  });
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
console.log(`build: done${release ? ' (release)' : ''}`);
