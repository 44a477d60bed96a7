/**
 * What the update service needs from an updater: electron-updater in the app (electron/main/
 * updater.ts), a scripted fake in tests. Promise-based so the service owns all sequencing.
 */

export interface ReleaseNoteEntry {
  version: string;
  note: string | null;
}

/** A newer release on the feed (electron-updater's UpdateInfo, reduced to what we show). */
export interface AvailableUpdate {
  version: string;
  releaseName?: string | null;
  releaseDate?: string;
  /** HTML or Markdown from the feed, or one entry per version. */
  releaseNotes?: string | ReleaseNoteEntry[] | null;
}

export interface DownloadProgress {
  percent: number;
  transferred: number;
  total: number;
  bytesPerSecond: number;
}

/** GitHub releases of the project (the default), or any electron-updater "generic" feed. */
export type UpdateFeed =
  { provider: 'github'; owner: string; repo: string } | { provider: 'generic'; url: string };

export interface UpdaterPort {
  /** False when this build cannot update itself (not packaged, unsupported package type). */
  readonly supported: boolean;
  setFeed(feed: UpdateFeed): void;
  /** Resolves to the newer release, or null when this version is the latest. */
  check(): Promise<AvailableUpdate | null>;
  /** Downloads the release found by the last check, reporting progress. */
  download(onProgress: (p: DownloadProgress) => void): Promise<void>;
  /** Quits and installs the downloaded update, relaunching the app afterwards. */
  install(): void;
}
