/**
 * Finds a Lingma binary to spawn, in a fixed order (first hit wins):
 *
 * 1. the path set in Settings;
 * 2. env `LINGMA_BIN` (or `LINGMA_SERVICE_BINARY`, the convention of other Lingma tools);
 * 3. binaries we bootstrapped: `<appDataDir>/lingma-bin/<newest ver>/<platform>/`;
 * 4. the IDE hosts' cache `~/.lingma/bin/<ver>/<platform>/` (the version named in its
 *    `config.json` first, then the newest);
 * 5. the Lingma desktop app's bundled copy (../shared/lingma-protocol.md §2.3);
 * 6. `Lingma` on PATH.
 *
 * An explicit path (1, 2) that is missing or not executable is reported as an error rather than
 * skipped: silently running some other copy would hide the user's mistake.
 */
import { constants } from 'node:fs';
import { access, readdir, readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  APP_BINARY_DIR,
  executableNames,
  isVersion,
  lingmaPlatformDir,
  newestFirst,
  versionFromBinaryPath,
} from './platform';

/** Where a resolved binary came from. */
export type LingmaBinarySource =
  'setting' | 'env' | 'app-data' | 'user-cache' | 'desktop-app' | 'path';

/** Inputs of {@link resolveLingmaBinary}; every host fact is injectable for tests. */
export interface ResolveOptions {
  /** The binary path from Settings (empty or blank means unset). `~/` is expanded. */
  settingPath?: string;
  /** The app's data dir; bootstrapped binaries live in its `lingma-bin/`. */
  appDataDir?: string;
  homeDir?: string;
  platform?: NodeJS.Platform;
  arch?: string;
  env?: Record<string, string | undefined>;
  /** Replaces the built-in desktop-app locations (tests; unusual installs). */
  desktopAppPaths?: string[];
}

/** A usable binary. */
export interface LingmaBinaryFound {
  found: true;
  path: string;
  version?: string;
  source: LingmaBinarySource;
}

/** No usable binary; `searched` lists every location looked at, for the UI and logs. */
export interface LingmaBinaryMissing {
  found: false;
  /** `invalid-setting`: the setting or env var points at something unusable. */
  reason: 'not-found' | 'invalid-setting';
  message: string;
  searched: string[];
  /** For `invalid-setting`: which one, and the offending path. */
  source?: 'setting' | 'env';
  path?: string;
}

/** Result of {@link resolveLingmaBinary}. */
export type ResolveResult = LingmaBinaryFound | LingmaBinaryMissing;

type Usability = 'ok' | 'missing' | 'not-a-file' | 'not-executable';

async function usability(path: string, platform: NodeJS.Platform): Promise<Usability> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return 'missing';
  if (!info.isFile()) return 'not-a-file';
  // Windows has no execute bit; a file with the right name is as good as it gets.
  if (platform === 'win32') return 'ok';
  return access(path, constants.X_OK).then(
    () => 'ok' as const,
    () => 'not-executable' as const,
  );
}

/** Env lookup that ignores case on Windows, where `Path` and `PATH` are the same variable. */
function envValue(
  env: ResolveOptions['env'],
  key: string,
  platform: NodeJS.Platform,
): string | undefined {
  if (!env) return undefined;
  if (platform !== 'win32') return env[key];
  const match = Object.keys(env).find((k) => k.toUpperCase() === key);
  return match === undefined ? undefined : env[match];
}

/** Desktop-app locations per OS (§2.3); the Linux ones are unverified guesses from other tools. */
export function desktopAppCandidates(
  platform: NodeJS.Platform,
  platformDir: string,
  homeDir: string,
  env: ResolveOptions['env'] = {},
): string[] {
  const { lingma } = executableNames(platform);
  const tail = join('resources', 'bin', platformDir, lingma);
  if (platform === 'darwin') {
    const bundle = join('Lingma.app', 'Contents', 'Resources', 'app', tail);
    return [join('/Applications', bundle), join(homeDir, 'Applications', bundle)];
  }
  if (platform === 'win32') {
    const roots = [
      envValue(env, 'LOCALAPPDATA', platform) &&
        join(envValue(env, 'LOCALAPPDATA', platform) ?? '', 'Programs', 'Lingma'),
      envValue(env, 'PROGRAMFILES', platform) &&
        join(envValue(env, 'PROGRAMFILES', platform) ?? '', 'Lingma'),
    ].filter((r): r is string => typeof r === 'string' && r !== '');
    return roots.map((root) => join(root, 'resources', 'app', tail));
  }
  return [
    join('/usr/local/bin', lingma),
    join(homeDir, '.config', 'lingma', 'bin', platformDir, lingma),
  ];
}

/** Reads `cosy.core.version` from `~/.lingma/bin/config.json` (flat or nested key). */
async function configuredCacheVersion(binRoot: string): Promise<string | undefined> {
  try {
    const config = JSON.parse(await readFile(join(binRoot, 'config.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const nested = (config.cosy as { core?: { version?: unknown } } | undefined)?.core?.version;
    const value = config['cosy.core.version'] ?? nested;
    return typeof value === 'string' && isVersion(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Version dirs under `root` holding a usable `<platformDir>/<exe>`, newest first. */
async function searchVersionDirs(
  root: string,
  platformDir: string,
  exe: string,
  platform: NodeJS.Platform,
  preferred?: string,
): Promise<{ path: string; version: string } | undefined> {
  const versions = newestFirst(await readdir(root).catch(() => [] as string[]));
  if (preferred && versions.includes(preferred)) versions.unshift(preferred);
  for (const version of versions) {
    const path = join(root, version, platformDir, exe);
    if ((await usability(path, platform)) === 'ok') return { path, version };
  }
  return undefined;
}

const PROBLEMS: Record<Exclude<Usability, 'ok'>, string> = {
  missing: 'does not exist',
  'not-a-file': 'is not a file',
  'not-executable': 'is not executable (chmod +x it)',
};

/** Finds the Lingma binary; never throws for ordinary file-system conditions. */
export async function resolveLingmaBinary(options: ResolveOptions = {}): Promise<ResolveResult> {
  const platform = options.platform ?? process.platform;
  const arch = options.arch ?? process.arch;
  const env = options.env ?? process.env;
  const homeDir = options.homeDir ?? homedir();
  const { lingma: exe } = executableNames(platform);
  const searched: string[] = [];

  const explicit: { source: 'setting' | 'env'; label: string; value: string | undefined }[] = [
    { source: 'setting', label: 'The Lingma binary set in Settings', value: options.settingPath },
    { source: 'env', label: 'LINGMA_BIN', value: envValue(env, 'LINGMA_BIN', platform) },
    {
      source: 'env',
      label: 'LINGMA_SERVICE_BINARY',
      value: envValue(env, 'LINGMA_SERVICE_BINARY', platform),
    },
  ];
  for (const { source, label, value } of explicit) {
    const trimmed = value?.trim();
    if (!trimmed) continue;
    const path = trimmed.startsWith('~/') ? join(homeDir, trimmed.slice(2)) : trimmed;
    searched.push(path);
    const state = await usability(path, platform);
    if (state === 'ok') return { found: true, path, version: versionFromBinaryPath(path), source };
    return {
      found: false,
      reason: 'invalid-setting',
      message: `${label} (${path}) ${PROBLEMS[state]}. Fix or clear it to use another copy.`,
      searched,
      source,
      path,
    };
  }

  const platformDir = lingmaPlatformDir(platform, arch);
  if (platformDir) {
    if (options.appDataDir) {
      const root = join(options.appDataDir, APP_BINARY_DIR);
      searched.push(join(root, '<version>', platformDir, exe));
      const hit = await searchVersionDirs(root, platformDir, exe, platform);
      if (hit) return { found: true, ...hit, source: 'app-data' };
    }
    const cacheRoot = join(homeDir, '.lingma', 'bin');
    searched.push(join(cacheRoot, '<version>', platformDir, exe));
    const preferred = await configuredCacheVersion(cacheRoot);
    const hit = await searchVersionDirs(cacheRoot, platformDir, exe, platform, preferred);
    if (hit) return { found: true, ...hit, source: 'user-cache' };

    const candidates =
      options.desktopAppPaths ?? desktopAppCandidates(platform, platformDir, homeDir, env);
    for (const path of candidates) {
      searched.push(path);
      if ((await usability(path, platform)) === 'ok') {
        return { found: true, path, version: versionFromBinaryPath(path), source: 'desktop-app' };
      }
    }
  }

  const pathVar = envValue(env, 'PATH', platform) ?? '';
  for (const dir of pathVar.split(platform === 'win32' ? ';' : ':')) {
    const clean = dir.trim().replace(/^"(.*)"$/, '$1');
    if (!clean) continue;
    const path = join(clean, exe);
    searched.push(path);
    if ((await usability(path, platform)) === 'ok') return { found: true, path, source: 'path' };
  }

  const platformNote = platformDir ? '' : ` Lingma ships no build for ${platform}-${arch}.`;
  return {
    found: false,
    reason: 'not-found',
    message:
      `The Lingma binary was not found.${platformNote} Set its path in Settings, install the ` +
      'Tongyi Lingma VS Code extension, or let the app download it.',
    searched,
  };
}
