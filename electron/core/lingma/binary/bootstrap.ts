/**
 * Bootstrap: download the Lingma VS Code extension, pull the platform's `Lingma` and
 * `LingmaLocal` out of it and install them under `<appDataDir>/lingma-bin/<ver>/<platform>/`.
 *
 * Everything happens in a private `.staging-*` directory next to the install directory (same
 * file system, so the final `rename` is atomic). Concurrent bootstraps each use their own
 * staging directory; the last rename wins with identical content, and `Lingma` is renamed last
 * so its presence means the install is complete. Any failure removes the staging directory, so
 * nothing partial is ever visible to the resolver.
 */
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { silentLogger, type Logger } from '../../util/logger';
import { downloadToFile } from './download';
import { LingmaBinaryError } from './errors';
import { extractBinaries, type StagedFile } from './extract';
import {
  BROWSER_USER_AGENT,
  fetchLatestVersion,
  PINNED_LINGMA_VERSION,
  vsixUrl,
  type VsixSource,
} from './marketplace';
import {
  APP_BINARY_DIR,
  executableNames,
  lingmaPlatformDir,
  type LingmaExecutable,
} from './platform';
import { ProgressEmitter, type BootstrapProgress } from './progress';
import { checkSize, installFile, localVsix, sweepStaleStaging } from './staging';

/** Defaults from ../shared/lingma-protocol.md §2.1: real builds are ~100 MB and ~5 MB. */
export const DEFAULT_MIN_SIZES: Record<LingmaExecutable, number> = {
  lingma: 50 * 1024 * 1024,
  lingmaLocal: 1024 * 1024,
};

/** Inputs of {@link bootstrapLingmaBinary}. Only `appDataDir` is required. */
export interface BootstrapOptions {
  appDataDir: string;
  platform?: NodeJS.Platform;
  arch?: string;
  /** A concrete version or `latest`. Default {@link PINNED_LINGMA_VERSION}. */
  version?: string;
  /** Marketplace `vspackage` endpoint (default) or the gallery CDN asset URL. */
  source?: VsixSource;
  /** Download from here instead (a setting); falls back to env `LINGMA_VSIX_URL`. */
  vsixUrl?: string;
  /** Use a VSIX already on disk (plain or gzip-wrapped) and skip the download. */
  vsixFile?: string;
  env?: Record<string, string | undefined>;
  /** Gallery API base, used to resolve `latest` for the `gallery` source. */
  apiUrl?: string;
  fetch?: typeof fetch;
  userAgent?: string;
  /** Whole-download limit. Default 5 min. */
  timeoutMs?: number;
  /** Abort when no byte arrives for this long. Default 60 s. */
  idleTimeoutMs?: number;
  /** Minimum plausible sizes; tests with fake binaries lower them. */
  minSizes?: Partial<Record<LingmaExecutable, number>>;
  onProgress?: (event: BootstrapProgress) => void;
  signal?: AbortSignal;
  logger?: Logger;
  now?: () => number;
}

/** A finished install. */
export interface BootstrapResult {
  /** The `Lingma[.exe]` to spawn. */
  path: string;
  /** `LingmaLocal[.exe]`, when the package had one. */
  localPath?: string;
  version: string;
  platformDir: string;
  /** The install directory. */
  dir: string;
  layout: 'nested-zip' | 'desktop';
  /** Where the VSIX came from (a URL or a file path). */
  origin: string;
}

/**
 * Downloads and installs the Lingma binary for this platform. Throws {@link LingmaBinaryError}
 * (codes: offline, http, timeout, aborted, bad-archive, not-in-archive, too-small,
 * unsupported-platform, io); on any failure nothing is left behind.
 */
export async function bootstrapLingmaBinary(options: BootstrapOptions): Promise<BootstrapResult> {
  const platform = options.platform ?? process.platform;
  const arch = options.arch ?? process.arch;
  const env = options.env ?? process.env;
  const logger = (options.logger ?? silentLogger).child({ component: 'lingma-bootstrap' });
  const platformDir = lingmaPlatformDir(platform, arch);
  if (!platformDir) {
    throw new LingmaBinaryError(
      'unsupported-platform',
      `Lingma has no build for ${platform}-${arch}.`,
    );
  }
  const names = executableNames(platform);
  const minSizes = { ...DEFAULT_MIN_SIZES, ...options.minSizes };
  const progress = new ProgressEmitter(options.onProgress);
  const root = join(options.appDataDir, APP_BINARY_DIR);
  const staging = await (async () => {
    await mkdir(root, { recursive: true });
    await sweepStaleStaging(root, (options.now ?? Date.now)(), logger);
    return mkdtemp(join(root, '.staging-'));
  })().catch((error: unknown) => {
    throw asBinaryError(error, options.signal);
  });

  try {
    const fetchImpl = options.fetch ?? globalThis.fetch;
    let requested = options.version ?? PINNED_LINGMA_VERSION;
    const fromSetting = options.vsixUrl?.trim() || undefined;
    const override = fromSetting ?? (env.LINGMA_VSIX_URL?.trim() || undefined);
    const file = options.vsixFile ?? (override && isAbsolute(override) ? override : undefined);
    let vsixPath: string;
    let origin: string;
    if (file) {
      origin = file;
      vsixPath = await localVsix(file, staging);
      const { size } = await stat(vsixPath);
      progress.report('download', size, size, 100, true);
    } else {
      const source = options.source ?? 'marketplace';
      if (!override && source === 'gallery' && requested === 'latest') {
        const latestOptions = {
          fetch: fetchImpl,
          ...(options.signal ? { signal: options.signal } : {}),
        };
        requested = await fetchLatestVersion(
          options.apiUrl ? { ...latestOptions, apiUrl: options.apiUrl } : latestOptions,
        );
      }
      origin = override ? checkedUrl(override, !fromSetting) : vsixUrl(requested, source);
      vsixPath = join(staging, 'vsix.zip');
      logger.info('downloading Lingma package', { url: origin, version: requested });
      await downloadToFile({
        url: origin,
        destination: vsixPath,
        sourceLabel: override ? new URL(origin).host : 'the VS Code Marketplace',
        fetch: fetchImpl,
        userAgent: options.userAgent ?? BROWSER_USER_AGENT,
        timeoutMs: options.timeoutMs ?? 5 * 60_000,
        idleTimeoutMs: options.idleTimeoutMs ?? 60_000,
        ...(options.signal ? { signal: options.signal } : {}),
        onBytes: (received, total) =>
          progress.report(
            'download',
            received,
            total,
            total ? (100 * received) / total : undefined,
          ),
      });
    }
    progress.report('extract', 0, undefined, 0, true);
    const extracted = await extractBinaries({
      vsixPath,
      stagingDir: staging,
      platformDir,
      names,
      ...(requested !== 'latest' ? { requestedVersion: requested } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      onProgress: (received, total, percent) =>
        progress.report('extract', received, total, percent),
    });

    const staged = [extracted.files.lingmaLocal, extracted.files.lingma].filter(
      (f): f is StagedFile => f !== undefined,
    );
    const totalBytes = staged.reduce((sum, f) => sum + f.size, 0);
    progress.report('verify', 0, totalBytes, 0, true);
    checkSize(extracted.files.lingma, minSizes.lingma);
    if (extracted.files.lingmaLocal) checkSize(extracted.files.lingmaLocal, minSizes.lingmaLocal);
    else logger.warn('Lingma package has no LingmaLocal helper', { platformDir });
    progress.report('verify', totalBytes, totalBytes, 100, true);

    const dir = join(root, extracted.version, platformDir);
    await mkdir(dir, { recursive: true });
    // LingmaLocal first: a present `Lingma` must imply a complete install.
    for (const f of staged) await installFile(f.path, join(dir, f.name), f.size, logger);
    progress.report('done', totalBytes, totalBytes, 100, true);
    logger.info('Lingma installed', { dir, version: extracted.version, layout: extracted.layout });
    return {
      path: join(dir, names.lingma),
      ...(extracted.files.lingmaLocal ? { localPath: join(dir, names.lingmaLocal) } : {}),
      version: extracted.version,
      platformDir,
      dir,
      layout: extracted.layout,
      origin,
    };
  } catch (error) {
    throw asBinaryError(error, options.signal);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Gives stray errors (an abort during extraction, a full disk) the typed shape callers expect. */
function asBinaryError(error: unknown, signal: AbortSignal | undefined): LingmaBinaryError {
  if (error instanceof LingmaBinaryError) return error;
  if (signal?.aborted) {
    return new LingmaBinaryError('aborted', 'The Lingma download was cancelled.', { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new LingmaBinaryError('io', `Could not install Lingma: ${message}`, { cause: error });
}

/** Checks a VSIX URL setting early, so a typo gets a clear message instead of a fetch error. */
function checkedUrl(url: string, fromEnv: boolean): string {
  const where = fromEnv ? 'LINGMA_VSIX_URL' : 'The Lingma package URL setting';
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed && (parsed.protocol === 'http:' || parsed.protocol === 'https:')) return url;
  throw new LingmaBinaryError(
    'invalid-setting',
    `${where} (${url}) is neither an http(s) URL nor an absolute file path.`,
  );
}
