/**
 * Builds the renderer (Vite, production mode) into a temp dir for the UI benchmark, so the page
 * measured is the current source and `dist/` is left alone.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const CONFIG = fileURLToPath(new URL('../../../renderer/vite.config.ts', import.meta.url));

export interface RendererBuild {
  dir: string;
  remove(): Promise<void>;
}

export async function buildRenderer(): Promise<RendererBuild> {
  const dir = await mkdtemp(join(tmpdir(), 'lgw-bench-renderer-'));
  await build({
    configFile: CONFIG,
    logLevel: 'warn',
    mode: 'production',
    build: { outDir: dir, emptyOutDir: true, sourcemap: false },
  });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
