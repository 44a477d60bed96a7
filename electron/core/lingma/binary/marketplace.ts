/**
 * The VS Code Marketplace side: download URLs for the `Alibaba-Cloud.tongyi-lingma` VSIX
 * (../shared/lingma-protocol.md §2.2) and a small "is there a newer version?" query.
 */
import { describeNetworkError, LingmaBinaryError } from './errors';
import { compareVersions, isVersion } from './platform';

/** The extension whose VSIX carries the Lingma binary. */
export const LINGMA_EXTENSION = { publisher: 'Alibaba-Cloud', name: 'tongyi-lingma' } as const;

/** A version known to contain the nested `lingma-<ver>.zip` layout; used when none is asked for. */
export const PINNED_LINGMA_VERSION = '2.11.2';

/** Base of the Marketplace REST API (`…/_apis/public/gallery`). */
export const MARKETPLACE_API_URL = 'https://marketplace.visualstudio.com/_apis/public/gallery';

/**
 * The Marketplace throttles or rejects obvious bots; the sources that download this VSIX send a
 * browser User-Agent, so we do too.
 */
export const BROWSER_USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) ' +
  'Chrome/124.0.0.0 Safari/537.36';

/** Which download endpoint to use. */
export type VsixSource = 'marketplace' | 'gallery';

/**
 * The VSIX URL for a version. `marketplace` is the `vspackage` endpoint, which also accepts
 * `latest`; `gallery` is the CDN asset URL, which needs a concrete version.
 */
export function vsixUrl(version: string, source: VsixSource = 'marketplace'): string {
  const { publisher, name } = LINGMA_EXTENSION;
  const ver = encodeURIComponent(version);
  if (source === 'gallery') {
    return (
      `https://${publisher}.gallery.vsassets.io/_apis/public/gallery/publisher/${publisher}` +
      `/extension/${name}/${ver}/assetbyname/Microsoft.VisualStudio.Services.VSIXPackage`
    );
  }
  return `${MARKETPLACE_API_URL}/publishers/${publisher}/vsextensions/${name}/${ver}/vspackage`;
}

/** Options for {@link checkForUpdate} and {@link fetchLatestVersion}. */
export interface UpdateCheckOptions {
  /** The version installed now (e.g. from `resolveLingmaBinary`); absent → always "available". */
  installedVersion?: string;
  /** Base of the gallery API; tests point it at loopback. */
  apiUrl?: string;
  /** Count pre-release versions too. Default false. */
  includePreRelease?: boolean;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Default 15 s. */
  timeoutMs?: number;
}

/** Result of {@link checkForUpdate}. */
export interface UpdateCheckResult {
  latestVersion: string;
  installedVersion?: string;
  updateAvailable: boolean;
}

interface GalleryVersion {
  version?: unknown;
  properties?: { key?: unknown; value?: unknown }[];
}

// ExtensionQueryFlags: IncludeVersions (0x1) | IncludeVersionProperties (0x10), so pre-releases
// can be told apart. FilterType 7 = ExtensionName ("publisher.name"), 8 = Target.
const QUERY_FLAGS = 0x1 | 0x10;

function isPreRelease(entry: GalleryVersion): boolean {
  return (entry.properties ?? []).some(
    (p) => p.key === 'Microsoft.VisualStudio.Code.PreRelease' && String(p.value) === 'true',
  );
}

/** Asks the Marketplace for the newest published version of the Lingma extension. */
export async function fetchLatestVersion(options: UpdateCheckOptions = {}): Promise<string> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const signals = [AbortSignal.timeout(options.timeoutMs ?? 15_000)];
  if (options.signal) signals.push(options.signal);
  const body = {
    filters: [
      {
        criteria: [
          { filterType: 8, value: 'Microsoft.VisualStudio.Code' },
          { filterType: 7, value: `${LINGMA_EXTENSION.publisher}.${LINGMA_EXTENSION.name}` },
        ],
        pageNumber: 1,
        pageSize: 1,
      },
    ],
    flags: QUERY_FLAGS,
  };
  let response: Response;
  try {
    response = await doFetch(`${options.apiUrl ?? MARKETPLACE_API_URL}/extensionquery`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json;api-version=3.0-preview.1',
        'User-Agent': BROWSER_USER_AGENT,
      },
      body: JSON.stringify(body),
      signal: AbortSignal.any(signals),
    });
  } catch (error) {
    if (options.signal?.aborted) {
      throw new LingmaBinaryError('aborted', 'The Lingma update check was cancelled.', {
        cause: error,
      });
    }
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    const reason = timedOut ? 'the request timed out' : describeNetworkError(error);
    throw new LingmaBinaryError(
      'offline',
      `Could not check the VS Code Marketplace for Lingma updates: ${reason}.`,
      { cause: error },
    );
  }
  if (!response.ok) {
    throw new LingmaBinaryError(
      'http',
      `The VS Code Marketplace answered HTTP ${response.status} to the Lingma update check.`,
    );
  }
  const json = (await response.json().catch(() => undefined)) as
    { results?: { extensions?: { versions?: GalleryVersion[] }[] }[] } | undefined;
  const versions = json?.results?.[0]?.extensions?.[0]?.versions ?? [];
  const candidates = versions
    .filter((v) => options.includePreRelease || !isPreRelease(v))
    .map((v) => v.version)
    .filter((v): v is string => typeof v === 'string' && isVersion(v))
    .sort(compareVersions);
  const latest = candidates.at(-1);
  if (!latest) {
    throw new LingmaBinaryError(
      'bad-response',
      'The VS Code Marketplace did not list any version of the Lingma extension.',
    );
  }
  return latest;
}

/** Compares the installed Lingma version with the newest one on the Marketplace. */
export async function checkForUpdate(options: UpdateCheckOptions = {}): Promise<UpdateCheckResult> {
  const latestVersion = await fetchLatestVersion(options);
  const installed = options.installedVersion;
  return {
    latestVersion,
    ...(installed !== undefined ? { installedVersion: installed } : {}),
    updateAvailable: installed === undefined || compareVersions(latestVersion, installed) > 0,
  };
}
