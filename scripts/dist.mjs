#!/usr/bin/env node
// `npm run dist [-- <electron-builder args>]`: release build, then installers for this platform
// (or the targets given, e.g. `-- --linux AppImage deb`). Says up front what will be signed and
// notarised: credentials come only from the environment, and their absence is not an error.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const has = (...names) => names.every((n) => Boolean(env[n]));

const macSign =
  has('CSC_LINK') || env.CSC_NAME
    ? 'with the given certificate'
    : 'with a Developer ID from the keychain if there is one, else ad hoc';
const macNotarize =
  has('APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID') ||
  has('APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER') ||
  has('APPLE_KEYCHAIN_PROFILE')
    ? 'yes'
    : 'skipped (no APPLE_* credentials)';
const winSign = has('WIN_CSC_LINK') || has('CSC_LINK') ? 'yes' : 'skipped (no WIN_CSC_LINK)';
console.log(
  `dist: macOS signing ${macSign}; notarisation ${macNotarize}; Windows signing ${winSign}`,
);

const run = (file, args) => {
  const r = spawnSync(process.execPath, [file, ...args], { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run(join(root, 'scripts/build.mjs'), ['--release', 'main', 'renderer']);
// Publishing is a separate, deliberate step (`-- --publish always` with GH_TOKEN set).
const builderArgs = process.argv.slice(2);
if (!builderArgs.some((a) => a.startsWith('--publish') || a === '-p'))
  builderArgs.push('--publish', 'never');
run(join(root, 'node_modules/electron-builder/cli.js'), builderArgs);
