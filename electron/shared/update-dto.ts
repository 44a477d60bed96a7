/**
 * The app's own updates as the UI and tray see them (issue 17). Pure types, shared by main, the
 * preload, the renderer and the core's update service.
 */

/**
 * - `unsupported`: this build cannot update itself (not installed from a release package)
 * - `idle`: nothing checked yet; `up-to-date`: the last check found nothing newer
 * - `checking`, `downloading` (with progress), `downloaded` (ready: restart to install)
 * - `offline`: the last attempt found no network; it is retried later by itself
 * - `error`: the last attempt failed otherwise (see `error`); retried later as well
 */
export type UpdatePhase =
  | 'unsupported'
  | 'idle'
  | 'checking'
  | 'up-to-date'
  | 'downloading'
  | 'downloaded'
  | 'offline'
  | 'error';

export interface UpdateProgressDto {
  /** 0–100. */
  percent: number;
  transferred: number;
  total: number;
  bytesPerSecond: number;
}

export interface UpdateRestartDto {
  /** True when nothing is in flight, so restarting now interrupts no request or stream. */
  ready: boolean;
  /** Requests (streams included) being served right now. */
  inFlight: number;
  /** A restart was asked for while busy: it happens once the gateway has been idle a while. */
  pending: boolean;
}

export interface UpdateStatusDto {
  phase: UpdatePhase;
  currentVersion: string;
  /** Checks and downloads run by themselves (the `app.autoUpdate` setting). */
  automatic: boolean;
  /** Where updates come from: "GitHub releases" or the configured feed URL. */
  feed: string;
  /** The newer version on offer (downloading / downloaded). */
  version?: string;
  releaseName?: string;
  releaseDate?: string;
  /** Release notes as plain text (HTML from the feed is reduced to text, never rendered). */
  releaseNotes?: string;
  progress?: UpdateProgressDto;
  /** Present once an update is downloaded. */
  restart?: UpdateRestartDto;
  /** Epoch ms of the last finished check. */
  lastCheckedAt?: number;
  /** Epoch ms of the next automatic check or retry, when one is scheduled. */
  nextCheckAt?: number;
  /** What went wrong (`offline`, `error`) or why updates are unavailable (`unsupported`). */
  error?: string;
}
