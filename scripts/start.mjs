#!/usr/bin/env node
// `npm start`: make sure the Electron binary is present (npm may have skipped its download
// script), build the app, then launch it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const p = require('electron');
    return typeof p === 'string' && existsSync(p) ? p : undefined;
  } catch {
    return undefined;
  }
}

let bin = electronBinary();
if (!bin) {
  console.log('Electron binary missing: downloading it (one time)…');
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const installer = join(dirname(require.resolve('electron/package.json')), 'install.js');
  const r = spawnSync(process.execPath, [installer], { stdio: 'inherit', env });
  bin = electronBinary();
  if (r.status !== 0 || !bin) {
    console.error(
      'Could not download Electron. Check your connection, or run the gateway without a UI: npm run serve',
    );
    process.exit(1);
  }
}

const b = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), 'main', 'renderer'], {
  stdio: 'inherit',
});
if (b.status !== 0) process.exit(b.status ?? 1);

const child = spawn(bin, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
