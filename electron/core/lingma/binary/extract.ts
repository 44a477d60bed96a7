/**
 * Finds the current platform's `Lingma` and `LingmaLocal` inside a downloaded VSIX and streams
 * them into a staging directory. Two layouts exist (../shared/lingma-protocol.md §2.1–2.2):
 *
 * - VS Code extension: a nested `extension/dist/bin/lingma-<ver>.zip` holding
 *   `<ver>/<platform>/Lingma` and `LingmaLocal`;
 * - desktop app: `resources/bin/<platform>/Lingma` directly in the archive.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { LingmaBinaryError } from './errors';
import { compareVersions, isVersion, type ExecutableNames } from './platform';
import {
  entryDataOffset,
  extractEntry,
  fileZipSource,
  readZipEntries,
  type ZipEntry,
  type ZipSource,
} from './zip-reader';

/** What {@link extractBinaries} produced in the staging directory. */
export interface ExtractedBinaries {
  layout: 'nested-zip' | 'desktop';
  version: string;
  /** Staged files by role; `lingmaLocal` is absent when the archive has none. */
  files: { lingma: StagedFile; lingmaLocal?: StagedFile };
}

/** One extracted file, not yet verified or installed. */
export interface StagedFile {
  /** Path in the staging directory. */
  path: string;
  /** Final file name, e.g. `Lingma.exe`. */
  name: string;
  size: number;
}

/** Inputs of {@link extractBinaries}. */
export interface ExtractOptions {
  vsixPath: string;
  stagingDir: string;
  platformDir: string;
  names: ExecutableNames;
  /** A concrete version the caller asked for; used when the archive does not name one. */
  requestedVersion?: string;
  signal?: AbortSignal;
  /** Extraction progress: bytes written so far, the total when known, and a 0–100 estimate. */
  onProgress: (receivedBytes: number, totalBytes: number | undefined, percent: number) => void;
}

const NESTED_RE = /(?:^|\/)dist\/bin\/lingma-([^/]+)\.zip$/i;

function notInArchive(detail: string): LingmaBinaryError {
  return new LingmaBinaryError(
    'not-in-archive',
    `The downloaded Lingma package does not contain the Lingma service binary ${detail}. ` +
      'Its layout may have changed; set the binary path in Settings instead.',
  );
}

/** Picks `…/<platformDir>/<file>`, preferring the copy under `<version>/` if there are several. */
function pick(entries: ZipEntry[], suffix: string, version?: string): ZipEntry | undefined {
  const matches = entries.filter((e) => e.name === suffix || e.name.endsWith(`/${suffix}`));
  return matches.find((e) => version && e.name.startsWith(`${version}/`)) ?? matches[0];
}

function platformsIn(entries: ZipEntry[], exe: string): string {
  const dirs = entries
    .filter((e) => e.name.endsWith(`/${exe}`))
    .map((e) => e.name.split('/').at(-2) ?? '');
  return [...new Set(dirs)].filter(Boolean).join(', ') || 'none';
}

/** Reads `version` from the package.json of a VSIX or desktop-app archive, if there is one. */
async function packageVersion(
  source: ZipSource,
  entries: ZipEntry[],
  stagingDir: string,
): Promise<string | undefined> {
  const manifest = entries.find((e) => /^(extension|resources\/app)\/package\.json$/.test(e.name));
  if (!manifest || manifest.size > 1024 * 1024) return undefined;
  const temp = join(stagingDir, 'package.json');
  await extractEntry(source, manifest, temp);
  try {
    const parsed = JSON.parse(await readFile(temp, 'utf8')) as { version?: unknown };
    return typeof parsed.version === 'string' && isVersion(parsed.version)
      ? parsed.version
      : undefined;
  } catch {
    return undefined;
  } finally {
    await rm(temp, { force: true });
  }
}

/**
 * Extracts the platform's binaries from the VSIX at `vsixPath` into `stagingDir`. Sizes and
 * CRCs are checked against the archive; minimum sizes are the caller's job.
 */
export async function extractBinaries(options: ExtractOptions): Promise<ExtractedBinaries> {
  const { platformDir, names, stagingDir, signal } = options;
  const outer = await fileZipSource(options.vsixPath);
  const outerEntries = await readZipEntries(outer);
  let written = 0;

  const nested = outerEntries
    .map((entry) => ({ entry, version: NESTED_RE.exec(entry.name)?.[1] ?? '' }))
    .filter((n) => n.version !== '')
    .sort((a, b) => compareVersions(a.version, b.version))
    .at(-1);

  let layout: ExtractedBinaries['layout'];
  let source: ZipSource;
  let entries: ZipEntry[];
  let version: string | undefined;
  // When the inner zip must be inflated first, that step is the first half of the progress bar.
  let base = 0;
  if (nested) {
    layout = 'nested-zip';
    version = isVersion(nested.version) ? nested.version : undefined;
    if (nested.entry.method === 0) {
      // A stored inner zip is a byte range of the VSIX: read it in place, no copy.
      const start = outer.start + (await entryDataOffset(outer, nested.entry));
      source = { path: outer.path, start, length: nested.entry.compressedSize };
    } else {
      const innerPath = join(stagingDir, 'inner.zip');
      const innerSize = nested.entry.size;
      await extractEntry(outer, nested.entry, innerPath, {
        signal,
        onBytes: (n) => {
          written += n;
          options.onProgress(written, undefined, innerSize ? (50 * written) / innerSize : 50);
        },
      });
      source = await fileZipSource(innerPath);
      base = 50;
    }
    entries = await readZipEntries(source);
  } else {
    layout = 'desktop';
    source = outer;
    entries = outerEntries;
  }

  const prefix = layout === 'desktop' ? 'resources/bin/' : '';
  const lingma = pick(entries, `${prefix}${platformDir}/${names.lingma}`, version);
  if (!lingma) {
    throw notInArchive(
      `for ${platformDir} (platforms in the package: ${platformsIn(entries, names.lingma)})`,
    );
  }
  const lingmaLocal = pick(entries, `${prefix}${platformDir}/${names.lingmaLocal}`, version);
  // `<ver>/<platform>/Lingma`: the first path segment names the version when the zip name did not.
  const firstSegment = lingma.name.split('/')[0] ?? '';
  version ??= isVersion(firstSegment) ? firstSegment : undefined;
  version ??= options.requestedVersion;
  version ??= await packageVersion(outer, outerEntries, stagingDir);
  if (!version) {
    throw new LingmaBinaryError(
      'bad-archive',
      'Could not tell which Lingma version the downloaded package contains. Download a specific version instead of "latest".',
    );
  }

  const total = lingma.size + (lingmaLocal?.size ?? 0);
  const startWritten = written;
  const stage = async (entry: ZipEntry, name: string): Promise<StagedFile> => {
    const path = join(stagingDir, name);
    await extractEntry(source, entry, path, {
      mode: 0o755,
      signal,
      onBytes: (n) => {
        written += n;
        const fraction = total ? (written - startWritten) / total : 1;
        options.onProgress(written, base ? undefined : total, base + (100 - base) * fraction);
      },
    });
    return { path, name, size: entry.size };
  };
  const files: ExtractedBinaries['files'] = { lingma: await stage(lingma, names.lingma) };
  if (lingmaLocal) files.lingmaLocal = await stage(lingmaLocal, names.lingmaLocal);
  if (source.path !== outer.path) await rm(source.path, { force: true });
  return { layout, version, files };
}
