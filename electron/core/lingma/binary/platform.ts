/**
 * Host → Lingma naming: the platform directory used inside the VSIX and `~/.lingma/bin`, the
 * executable names, and the small version helpers the resolver and bootstrapper share.
 * See ../shared/lingma-protocol.md §2.1.
 */

/** Where bootstrapped binaries live: `<appDataDir>/lingma-bin/<ver>/<platformDir>/`. */
export const APP_BINARY_DIR = 'lingma-bin';

/** The Lingma executables we care about, by role. */
export type LingmaExecutable = 'lingma' | 'lingmaLocal';

/** Names of the Lingma executables for one host OS. */
export interface ExecutableNames {
  lingma: string;
  lingmaLocal: string;
}

const PLATFORM_DIRS: Record<string, string> = {
  'linux-x64': 'x86_64_linux',
  'linux-arm64': 'aarch64_linux',
  'darwin-x64': 'x86_64_darwin',
  'darwin-arm64': 'aarch64_darwin',
  'win32-x64': 'x86_64_windows',
  // No arm64 Windows build is known; Windows on ARM runs the x64 build under emulation.
  'win32-arm64': 'x86_64_windows',
};

/**
 * The directory name Lingma uses for a host (e.g. `x86_64_linux`), or undefined when Lingma
 * ships no build for it.
 */
export function lingmaPlatformDir(platform: NodeJS.Platform, arch: string): string | undefined {
  return PLATFORM_DIRS[`${platform}-${arch}`];
}

/** `Lingma`/`LingmaLocal`, with `.exe` on Windows. */
export function executableNames(platform: NodeJS.Platform): ExecutableNames {
  const ext = platform === 'win32' ? '.exe' : '';
  return { lingma: `Lingma${ext}`, lingmaLocal: `LingmaLocal${ext}` };
}

// The pre-release charset is narrow on purpose: versions from archives become directory names.
const VERSION_RE = /^v?(\d+(?:\.\d+)*)(?:[-+]([0-9A-Za-z.+-]+))?$/;

/** True for strings like `2.11.2`, `v2.5.20` or `2.6.0-beta.1`. */
export function isVersion(text: string): boolean {
  return VERSION_RE.test(text);
}

/**
 * Orders version strings numerically (`2.10.0` > `2.9.9`). A pre-release sorts below its
 * release. Non-version strings sort below every version, so callers can filter by sign.
 */
export function compareVersions(a: string, b: string): number {
  const ma = VERSION_RE.exec(a);
  const mb = VERSION_RE.exec(b);
  if (!ma || !mb) return (ma ? 1 : 0) - (mb ? 1 : 0);
  const pa = (ma[1] ?? '').split('.').map(Number);
  const pb = (mb[1] ?? '').split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  const preA = ma[2];
  const preB = mb[2];
  if (preA === preB) return 0;
  if (preA === undefined) return 1;
  if (preB === undefined) return -1;
  return preA < preB ? -1 : 1;
}

/**
 * Sorts version strings newest first, dropping non-versions (temp and staging dirs, stray files).
 */
export function newestFirst(names: readonly string[]): string[] {
  return names.filter(isVersion).sort((a, b) => compareVersions(b, a));
}

/**
 * Guesses the version from a `…/<ver>/<platform>/Lingma` path, the layout of both caches.
 * Returns undefined for paths that do not follow it (a hand-placed binary, PATH).
 */
export function versionFromBinaryPath(binaryPath: string): string | undefined {
  const parts = binaryPath.split(/[\\/]+/);
  const candidate = parts.at(-3);
  return candidate !== undefined && isVersion(candidate) ? candidate : undefined;
}
