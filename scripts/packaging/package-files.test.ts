/**
 * The installers' content, from electron-builder's own file config: the project is packed for
 * real (Linux, unpacked directory, stand-in Electron; see pack-fixture.ts) and the resulting
 * app.asar must hold only the bundled output and its run-time assets — no source maps, sources,
 * tests, dev dependencies, CLI or simulator — with the shipped CSP, and Electron's fuses set.
 */
import { extractFile, listPackage, statFile } from '@electron/asar';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GITHUB_FEED } from '../../electron/core/update/feed';
import { rendererCsp } from '../renderer-csp';
import { packApp, readFuses, type PackResult } from './pack-fixture';

/** Everything the app may contain; anything else is a packaging mistake. */
const ALLOWED = [
  /^package\.json$/,
  /^dist\/main\/main\.cjs$/,
  /^dist\/preload\/preload\.cjs$/,
  /^dist\/renderer\/index\.html$/,
  /^dist\/renderer\/assets\/[\w.-]+\.(js|css|woff2?|png|svg)$/,
  /^resources\/icon\.png$/,
  /^resources\/tray\/[\w.@-]+\.png$/,
];

/** The app is bundled: a 10 MB asar would mean node_modules or source maps slipped in. */
const MAX_ASAR_BYTES = 10 * 1024 * 1024;

let pack: PackResult;
let files: string[];

describe('packaged app (electron-builder, from its file config)', { timeout: 240_000 }, () => {
  beforeAll(async () => {
    pack = await packApp();
    files = listPackage(pack.asarPath, { isPack: false })
      .map((f) => f.replace(/\\/g, '/').replace(/^\//, ''))
      .filter((f) => !('files' in statFile(pack.asarPath, f)));
  }, 240_000);
  afterAll(async () => pack?.cleanup());

  it('holds only the bundled output and its run-time assets', () => {
    expect(files.filter((f) => !ALLOWED.some((re) => re.test(f)))).toEqual([]);
    for (const must of [
      'dist/main/main.cjs',
      'dist/preload/preload.cjs',
      'dist/renderer/index.html',
    ]) {
      expect(files).toContain(must);
    }
    expect(files.filter((f) => f.startsWith('resources/tray/'))).toHaveLength(56);
  });

  it('ships no source maps, sources, tests, CLI or dependencies', () => {
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => /\.(ts|tsx|mts)$/.test(f))).toEqual([]);
    expect(files.filter((f) => /\.test\.|__tests__|\/testing\//.test(f))).toEqual([]);
    // Every dependency is bundled; one listed under "dependencies" would land here: move it to
    // devDependencies instead.
    expect(files.filter((f) => f.startsWith('node_modules/'))).toEqual([]);
    expect(
      files.filter((f) => /^(dist\/cli|scripts|electron|renderer\/src|docs|bin)\//.test(f)),
    ).toEqual([]);
    const code = ['dist/main/main.cjs', 'dist/preload/preload.cjs'].map((f) =>
      extractFile(pack.asarPath, f).toString('utf8'),
    );
    for (const c of code) expect(c).not.toMatch(/sourceMappingURL=/);
    expect(statSync(pack.asarPath).size).toBeLessThan(MAX_ASAR_BYTES);
  });

  it('carries a package.json with an author, the bundled entry and no dependency lists', () => {
    const pkg = JSON.parse(extractFile(pack.asarPath, 'package.json').toString('utf8')) as Record<
      string,
      unknown
    >;
    expect(pkg.main).toBe('dist/main/main.cjs');
    expect(pkg.author).toMatchObject({
      name: expect.any(String),
      email: expect.stringMatching(/@/),
    });
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.devDependencies).toBeUndefined();
    expect(pkg.scripts).toBeUndefined();
  });

  it('ships the production CSP (no test-bridge socket, no inline code)', () => {
    const html = extractFile(pack.asarPath, 'dist/renderer/index.html').toString('utf8');
    expect(html).toContain(`content="${rendererCsp('production')}"`);
    expect(html).not.toMatch(/ws:\/\/|unsafe-inline|<script>(?!<\/script>)|<style/);
  });

  it('flips the Electron fuses', () => {
    expect(readFuses(pack.executable)).toEqual({
      runAsNode: 'off',
      enableCookieEncryption: 'on',
      enableNodeOptionsEnvironmentVariable: 'off',
      enableNodeCliInspectArguments: 'off',
      enableEmbeddedAsarIntegrityValidation: 'on',
      onlyLoadAppFromAsar: 'on',
      loadBrowserProcessSpecificV8Snapshot: 'off',
      grantFileProtocolExtraPrivileges: 'on',
    });
  });

  it('points the built-in update feed at the repository the app defaults to', () => {
    const yml = readFileSync(join(pack.appDir, 'resources/app-update.yml'), 'utf8');
    expect(yml).toMatch(/^provider: github$/m);
    expect(yml).toContain(`owner: ${GITHUB_FEED.owner}`);
    expect(yml).toContain(`repo: ${GITHUB_FEED.repo}`);
  });
});
