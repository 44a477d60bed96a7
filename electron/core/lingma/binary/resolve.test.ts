import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveLingmaBinary, type ResolveOptions } from './resolve';

let root: string;
let home: string;
let appData: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'lingma-resolve-'));
  home = join(root, 'home');
  appData = join(root, 'app-data');
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function fakeExe(path: string, mode = 0o755): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, '#!/bin/sh\n');
  await chmod(path, mode);
  return path;
}

const userCache = (ver: string, plat = 'x86_64_linux', exe = 'Lingma') =>
  join(home, '.lingma', 'bin', ver, plat, exe);
const appCache = (ver: string) => join(appData, 'lingma-bin', ver, 'x86_64_linux', 'Lingma');

function resolve(extra: Partial<ResolveOptions> = {}) {
  return resolveLingmaBinary({
    platform: 'linux',
    arch: 'x64',
    homeDir: home,
    appDataDir: appData,
    env: {},
    desktopAppPaths: [],
    ...extra,
  });
}

describe('resolveLingmaBinary', () => {
  it('prefers the setting, then LINGMA_BIN, then our cache, then ~/.lingma', async () => {
    const setting = await fakeExe(join(root, 'setting', 'Lingma'));
    const fromEnv = await fakeExe(join(root, 'env', 'Lingma'));
    const ours = await fakeExe(appCache('2.0.0'));
    const theirs = await fakeExe(userCache('3.0.0'));
    const env = { LINGMA_BIN: fromEnv };

    expect(await resolve({ settingPath: setting, env })).toMatchObject({
      path: setting,
      source: 'setting',
    });
    expect(await resolve({ settingPath: '  ', env })).toMatchObject({
      path: fromEnv,
      source: 'env',
    });
    expect(await resolve()).toMatchObject({ path: ours, source: 'app-data', version: '2.0.0' });
    expect(await resolve({ appDataDir: undefined })).toMatchObject({
      path: theirs,
      source: 'user-cache',
      version: '3.0.0',
    });
  });

  it('accepts LINGMA_SERVICE_BINARY when LINGMA_BIN is unset', async () => {
    const alias = await fakeExe(join(root, 'alias', 'Lingma'));
    expect(await resolve({ env: { LINGMA_SERVICE_BINARY: alias } })).toMatchObject({
      path: alias,
      source: 'env',
    });
  });

  it('picks the highest semver, skipping non-versions and versions without a binary', async () => {
    await fakeExe(userCache('2.9.0'));
    const best = await fakeExe(userCache('2.10.1'));
    await fakeExe(userCache('2.10.0'));
    await fakeExe(join(home, '.lingma', 'bin', 'tmp', 'x86_64_linux', 'Lingma'));
    await mkdir(join(home, '.lingma', 'bin', '3.0.0', 'x86_64_linux'), { recursive: true });
    await fakeExe(userCache('4.0.0', 'aarch64_darwin'));
    expect(await resolve()).toMatchObject({ path: best, version: '2.10.1' });
  });

  it('honours cosy.core.version in ~/.lingma/bin/config.json when that version exists', async () => {
    await fakeExe(userCache('2.11.2'));
    const active = await fakeExe(userCache('2.11.1'));
    const config = join(home, '.lingma', 'bin', 'config.json');
    await writeFile(config, JSON.stringify({ 'cosy.core.version': '2.11.1' }));
    expect(await resolve()).toMatchObject({ path: active, source: 'user-cache' });
    await writeFile(config, JSON.stringify({ 'cosy.core.version': '9.9.9' }));
    expect(await resolve()).toMatchObject({ version: '2.11.2' });
  });

  it('reports a missing or non-executable explicit path instead of falling through', async () => {
    await fakeExe(userCache('2.11.2'));
    const missing = join(root, 'nope', 'Lingma');
    expect(await resolve({ settingPath: missing })).toMatchObject({
      found: false,
      reason: 'invalid-setting',
      source: 'setting',
      path: missing,
      message: expect.stringContaining('does not exist') as unknown,
    });
    const plain = await fakeExe(join(root, 'plain', 'Lingma'), 0o644);
    expect(await resolve({ env: { LINGMA_BIN: plain } })).toMatchObject({
      found: false,
      source: 'env',
      message: expect.stringContaining('LINGMA_BIN') as unknown,
    });
    expect(await resolve({ settingPath: root })).toMatchObject({ reason: 'invalid-setting' });
  });

  it('uses Windows names, directories and a case-insensitive Path', async () => {
    const exe = await fakeExe(userCache('2.11.2', 'x86_64_windows', 'Lingma.exe'), 0o644);
    await fakeExe(userCache('2.11.3', 'x86_64_windows', 'Lingma'));
    expect(await resolve({ platform: 'win32' })).toMatchObject({ path: exe, version: '2.11.2' });

    const onPath = await fakeExe(join(root, 'tools', 'Lingma.exe'), 0o644);
    const result = await resolve({
      platform: 'win32',
      homeDir: join(root, 'empty'),
      env: { Path: `${join(root, 'nothing')};"${join(root, 'tools')}"` },
    });
    expect(result).toMatchObject({ path: onPath, source: 'path' });
  });

  it('falls back to desktop-app locations, then PATH', async () => {
    const desktop = await fakeExe(join(root, 'Lingma.app', 'bin', 'Lingma'));
    const onPath = await fakeExe(join(root, 'usr-bin', 'Lingma'));
    const env = { PATH: join(root, 'usr-bin') };
    expect(await resolve({ env, desktopAppPaths: [join(root, 'x'), desktop] })).toMatchObject({
      path: desktop,
      source: 'desktop-app',
    });
    expect(await resolve({ env })).toMatchObject({ path: onPath, source: 'path' });
  });

  it('lists everything it searched when nothing is found', async () => {
    const result = await resolve({ env: { PATH: '/nonexistent-bin' } });
    expect(result.found).toBe(false);
    if (result.found) return;
    expect(result.reason).toBe('not-found');
    expect(result.searched).toEqual([
      join(appData, 'lingma-bin', '<version>', 'x86_64_linux', 'Lingma'),
      join(home, '.lingma', 'bin', '<version>', 'x86_64_linux', 'Lingma'),
      join('/nonexistent-bin', 'Lingma'),
    ]);
    expect(result.message).toContain('Set its path in Settings');
  });

  it('still searches PATH on a platform Lingma has no build for', async () => {
    const result = await resolve({ arch: 'ia32', env: {} });
    expect(result).toMatchObject({ found: false, reason: 'not-found' });
    if (!result.found) expect(result.message).toContain('no build for linux-ia32');
  });
});
