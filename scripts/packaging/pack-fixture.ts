/**
 * Packs the app with electron-builder exactly as `npm run dist` configures it, without the
 * Electron binary (which cannot be downloaded here): a copy of the project (its tracked files, the
 * real node_modules, a release build) is packed for Linux as an unpacked directory against a
 * stand-in Electron distribution whose only content is a fuse wire. What comes out is the real
 * app.asar and the real fuse settings electron-builder writes.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SKIP = new Set(['node_modules', 'dist', 'release', '.git', 'test-artifacts', 'coverage']);

/** Electron's fuse wire marker (see @electron/fuses) and its defaults, as in a fresh download. */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
export const FUSE_NAMES = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;
const ELECTRON_DEFAULT_FUSES = '10110001';

export interface PackResult {
  /** The project copy that was packed. */
  projectDir: string;
  /** linux-unpacked: the app directory as an installer would lay it out. */
  appDir: string;
  asarPath: string;
  executable: string;
  cleanup(): Promise<void>;
}

/** Files of the project as a fresh clone has them (git), or a walk when git is unavailable. */
function projectFiles(): string[] {
  try {
    const out = execFileSync(
      'git',
      ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    return out.split('\0').filter((f) => f && existsSync(join(ROOT, f)));
  } catch {
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        if (SKIP.has(e.name)) return [];
        const p = join(dir, e.name);
        return e.isDirectory() ? walk(p) : [relative(ROOT, p)];
      });
    return walk(ROOT);
  }
}

function fakeElectronDist(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const binary = Buffer.concat([
    Buffer.from('stand-in for the Electron binary\0'),
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, FUSE_NAMES.length]),
    Buffer.from(ELECTRON_DEFAULT_FUSES),
    Buffer.from('\0'),
  ]);
  writeFileSync(join(dir, 'electron'), binary, { mode: 0o755 });
  writeFileSync(join(dir, 'LICENSE'), '');
  writeFileSync(join(dir, 'LICENSES.chromium.html'), '');
}

/** Reads the fuse wire back: name → 'on' | 'off'. */
export function readFuses(executable: string): Record<string, 'on' | 'off'> {
  const bin = readFileSync(executable);
  const at = bin.indexOf(FUSE_SENTINEL);
  if (at < 0) throw new Error('no fuse wire in the packed executable');
  const wire = bin.subarray(
    at + FUSE_SENTINEL.length + 2,
    at + FUSE_SENTINEL.length + 2 + FUSE_NAMES.length,
  );
  return Object.fromEntries(FUSE_NAMES.map((name, i) => [name, wire[i] === 0x31 ? 'on' : 'off']));
}

export async function packApp(): Promise<PackResult> {
  const work = await mkdtemp(join(tmpdir(), 'lgw-pack-'));
  const cleanup = (): Promise<void> => rm(work, { recursive: true, force: true });
  try {
    const projectDir = join(work, 'project');
    for (const file of projectFiles()) {
      mkdirSync(dirname(join(projectDir, file)), { recursive: true });
      cpSync(join(ROOT, file), join(projectDir, file));
    }
    // The real dependency tree: anything listed in package.json "dependencies" would be packed.
    symlinkSync(join(ROOT, 'node_modules'), join(projectDir, 'node_modules'), 'junction');
    execFileSync(
      process.execPath,
      [
        join(ROOT, 'scripts/build.mjs'),
        '--release',
        `--out-dir=${join(projectDir, 'dist')}`,
        'main',
        'renderer',
      ],
      { cwd: ROOT, stdio: 'pipe', env: { ...process.env, NODE_ENV: 'production' } },
    );
    const electronDist = join(work, 'electron-dist');
    fakeElectronDist(electronDist);
    const output = join(work, 'out');
    const electronVersion = (
      JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
    const { build, Platform, Arch } = await import('electron-builder');
    await build({
      projectDir,
      targets: Platform.LINUX.createTarget('dir', Arch.x64),
      publish: 'never',
      config: { electronDist, electronVersion, directories: { output } },
    });
    const appDir = join(output, 'linux-unpacked');
    return {
      projectDir,
      appDir,
      asarPath: join(appDir, 'resources/app.asar'),
      executable: join(appDir, 'lingma-gateway'),
      cleanup,
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
