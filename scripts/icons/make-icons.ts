#!/usr/bin/env -S npx tsx
/**
 * Renders every icon from resources/icon.svg (`npm run icons`): tray icons per app state and
 * platform variant, the window icon, and the installer icons (Linux PNG set, Windows .ico, macOS
 * .icns). Outputs are committed; icons-manifest.json records the hashes of the source, the
 * composition and each output so a test can tell when they are out of date.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { iconPlan } from './compose';
import { buildIcns, buildIco } from './containers';
import { renderPng } from './render';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SOURCE = 'resources/icon.svg';
export const COMPOSER = 'scripts/icons/compose.ts';
export const MANIFEST = 'resources/icons-manifest.json';

export const sha256 = (data: Buffer | string): string =>
  createHash('sha256').update(data).digest('hex');

export interface IconManifest {
  source: string;
  composer: string;
  files: Record<string, string>;
}

/** Text hashed with LF line ends, so a Windows checkout (autocrlf) agrees with the manifest. */
const textHash = (path: string): string =>
  sha256(readFileSync(path, 'utf8').replace(/\r\n/g, '\n'));

/** What the manifest must say for the current source and composition. */
export function expectedInputs(root = ROOT): Pick<IconManifest, 'source' | 'composer'> {
  return { source: textHash(join(root, SOURCE)), composer: textHash(join(root, COMPOSER)) };
}

function main(): void {
  const plan = iconPlan(readFileSync(join(ROOT, SOURCE), 'utf8'));
  const outputs = new Map<string, Buffer>();
  for (const p of plan.pngs) outputs.set(p.path, renderPng(p.svg, p.size));
  for (const c of plan.containers) {
    const bySize = new Map(c.sizes.map((s) => [s, renderPng(c.svg, s)] as const));
    outputs.set(c.path, c.format === 'ico' ? buildIco([...bySize.values()]) : buildIcns(bySize));
  }
  // Tray icons of states that no longer exist must not linger in the package.
  const trayDir = join(ROOT, 'resources/tray');
  mkdirSync(trayDir, { recursive: true });
  for (const name of readdirSync(trayDir)) {
    if (!outputs.has(`resources/tray/${name}`)) rmSync(join(trayDir, name));
  }
  const files: Record<string, string> = {};
  for (const [path, data] of [...outputs].sort(([a], [b]) => a.localeCompare(b))) {
    mkdirSync(dirname(join(ROOT, path)), { recursive: true });
    writeFileSync(join(ROOT, path), data);
    files[path] = sha256(data);
  }
  const manifest: IconManifest = { ...expectedInputs(), files };
  writeFileSync(join(ROOT, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
  console.log(`icons: ${outputs.size} files written from ${SOURCE}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
