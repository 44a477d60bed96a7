/**
 * The app's self-update, in plain Node: checks on a schedule (update-policy.ts), downloads a newer
 * release in the background with progress, and restarts into it only when nothing is in flight.
 * The updater itself (electron-updater) sits behind UpdaterPort, so every rule here is tested
 * with a fake updater and a fake clock.
 */
import type { UpdatePhase, UpdateStatusDto } from '../../shared/update-dto';
import type { Clock, TimerHandle } from '../util/clock';
import type { Logger } from '../util/logger';
import { describeFeed, feedFor } from './feed';
import { releaseNotesText } from './release-notes';
import {
  DEFAULT_UPDATE_TIMING,
  isOfflineError,
  nextCheckDelay,
  restartVerdict,
  type CheckOutcome,
  type UpdateTiming,
} from './update-policy';
import type { AvailableUpdate, DownloadProgress, UpdaterPort } from './updater-port';

export interface UpdateSettings {
  /** Check and download by themselves (manual checks work either way). */
  autoUpdate: boolean;
  /** '' = the project's GitHub releases. */
  updateFeedUrl: string;
}

export interface UpdateServiceOptions {
  updater: UpdaterPort;
  settings(): UpdateSettings;
  /** Requests being served right now, streams included. */
  inFlight(): number;
  currentVersion: string;
  clock: Clock;
  logger: Logger;
  timing?: Partial<UpdateTiming>;
}

/** What the IPC handlers and the tray use. */
export interface UpdateControl {
  status(): UpdateStatusDto;
  checkNow(): Promise<UpdateStatusDto>;
  requestRestart(): UpdateStatusDto;
  onChange(listener: (status: UpdateStatusDto) => void): () => void;
}

export class UpdateService implements UpdateControl {
  private readonly t: UpdateTiming;
  private phase: UpdatePhase = 'idle';
  private release: AvailableUpdate | undefined;
  private progress: DownloadProgress | undefined;
  private error: string | undefined;
  private lastCheckedAt: number | undefined;
  private nextCheckAt: number | undefined;
  private offlineFailures = 0;
  private running: Promise<UpdateStatusDto> | undefined;
  private checkTimer: TimerHandle | undefined;
  private pollTimer: TimerHandle | undefined;
  private restartPending = false;
  private idleSince: number | undefined;
  private lastReady: boolean | undefined;
  private feedUrl: string | undefined;
  private automatic: boolean;
  private readonly listeners = new Set<(s: UpdateStatusDto) => void>();

  constructor(private readonly o: UpdateServiceOptions) {
    this.t = { ...DEFAULT_UPDATE_TIMING, ...o.timing };
    this.automatic = o.settings().autoUpdate;
  }

  start(): void {
    if (!this.o.updater.supported) {
      this.phase = 'unsupported';
      this.error = 'This build does not update itself: install it from a release package.';
      this.emit();
      return;
    }
    this.applySettings();
    if (this.automatic) this.schedule(this.t.firstCheckDelayMs);
    this.emit();
  }

  stop(): void {
    this.clearCheck();
    this.stopPoll();
  }

  /** Re-reads the settings: feed URL and automatic checks take effect at once. */
  settingsChanged(): void {
    if (this.phase === 'unsupported') return;
    const wasAutomatic = this.automatic;
    this.applySettings();
    if (this.automatic && !wasAutomatic && this.checkTimer === undefined && !this.running) {
      if (this.phase !== 'downloaded') this.schedule(this.t.firstCheckDelayMs);
    } else if (!this.automatic) {
      this.clearCheck();
    }
    this.emit();
  }

  status(): UpdateStatusDto {
    const r = this.release;
    return {
      phase: this.phase,
      currentVersion: this.o.currentVersion,
      automatic: this.automatic,
      feed: describeFeed(feedFor(this.o.settings().updateFeedUrl)),
      ...(r ? { version: r.version } : {}),
      ...(r?.releaseName ? { releaseName: r.releaseName } : {}),
      ...(r?.releaseDate ? { releaseDate: r.releaseDate } : {}),
      ...(r && releaseNotesText(r.releaseNotes)
        ? { releaseNotes: releaseNotesText(r.releaseNotes) }
        : {}),
      ...(this.phase === 'downloading' && this.progress ? { progress: { ...this.progress } } : {}),
      ...(this.phase === 'downloaded' ? { restart: this.restartStatus() } : {}),
      ...(this.lastCheckedAt !== undefined ? { lastCheckedAt: this.lastCheckedAt } : {}),
      ...(this.nextCheckAt !== undefined ? { nextCheckAt: this.nextCheckAt } : {}),
      ...(this.error ? { error: this.error } : {}),
    };
  }

  onChange(listener: (status: UpdateStatusDto) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A check now (tray, UI): downloads what it finds even when automatic updates are off. */
  checkNow(): Promise<UpdateStatusDto> {
    if (this.phase === 'unsupported' || this.phase === 'downloaded') {
      return Promise.resolve(this.status());
    }
    this.running ??= this.cycle().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Restarts now when idle; when busy, once the gateway has been idle for a quiet spell. */
  requestRestart(): UpdateStatusDto {
    const verdict = restartVerdict({
      downloaded: this.phase === 'downloaded',
      inFlight: this.o.inFlight(),
      deferred: false,
      idleSinceMs: this.idleSince,
      now: this.o.clock.now(),
      timing: this.t,
    });
    if (verdict.now) {
      this.install();
    } else if (verdict.reason === 'busy') {
      this.restartPending = true;
      this.o.logger.info('update: restart waits until no request is in flight');
      this.emit();
    }
    return this.status();
  }

  private applySettings(): void {
    const s = this.o.settings();
    this.automatic = s.autoUpdate;
    if (s.updateFeedUrl !== this.feedUrl) {
      this.feedUrl = s.updateFeedUrl;
      this.o.updater.setFeed(feedFor(s.updateFeedUrl));
    }
  }

  private async cycle(): Promise<UpdateStatusDto> {
    this.clearCheck();
    this.set('checking');
    let outcome: CheckOutcome;
    try {
      const found = await this.o.updater.check();
      this.lastCheckedAt = this.o.clock.now();
      if (!found) {
        outcome = 'up-to-date';
        this.set('up-to-date');
      } else {
        this.release = found;
        this.progress = { percent: 0, transferred: 0, total: 0, bytesPerSecond: 0 };
        this.set('downloading');
        await this.o.updater.download((p) => {
          this.progress = p;
          this.emit();
        });
        outcome = 'downloaded';
        this.set('downloaded');
        this.o.logger.info('update downloaded', { version: found.version });
        this.startPoll();
      }
      this.offlineFailures = 0;
    } catch (err) {
      const offline = isOfflineError(err);
      outcome = offline ? 'offline' : 'error';
      if (offline) this.offlineFailures += 1;
      const message = err instanceof Error ? err.message : String(err);
      this.error = offline ? `No connection to the update feed (${message}).` : message;
      this.phase = outcome;
      this.o.logger.warn('update check failed', { offline, err });
    }
    const delay = this.automatic ? nextCheckDelay(outcome, this.offlineFailures, this.t) : null;
    if (delay !== null) this.schedule(delay);
    this.emit();
    return this.status();
  }

  private set(phase: UpdatePhase): void {
    this.phase = phase;
    this.error = undefined;
    this.emit();
  }

  private schedule(delayMs: number): void {
    this.clearCheck();
    this.nextCheckAt = this.o.clock.now() + delayMs;
    this.checkTimer = this.o.clock.setTimeout(() => {
      this.checkTimer = undefined;
      void this.checkNow();
    }, delayMs);
  }

  private clearCheck(): void {
    if (this.checkTimer !== undefined) this.o.clock.clearTimeout(this.checkTimer);
    this.checkTimer = undefined;
    this.nextCheckAt = undefined;
  }

  private restartStatus(): { ready: boolean; inFlight: number; pending: boolean } {
    const inFlight = this.o.inFlight();
    return { ready: inFlight === 0, inFlight, pending: this.restartPending };
  }

  /** While an update waits: follow the gateway's load (for "Restart to update") and idleness. */
  private startPoll(): void {
    this.stopPoll();
    const tick = (): void => {
      const now = this.o.clock.now();
      const inFlight = this.o.inFlight();
      if (inFlight > 0) this.idleSince = undefined;
      else this.idleSince ??= now;
      if (this.restartPending) {
        const v = restartVerdict({
          downloaded: true,
          inFlight,
          deferred: true,
          idleSinceMs: this.idleSince,
          now,
          timing: this.t,
        });
        if (v.now) {
          this.install();
          return;
        }
      }
      if (this.lastReady !== (inFlight === 0)) this.emit();
      this.pollTimer = this.o.clock.setTimeout(tick, this.t.idlePollMs);
    };
    tick();
  }

  private stopPoll(): void {
    if (this.pollTimer !== undefined) this.o.clock.clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
  }

  private install(): void {
    this.stopPoll();
    this.restartPending = false;
    this.o.logger.info('update: restarting to install', { version: this.release?.version });
    this.o.updater.install();
  }

  private emit(): void {
    const status = this.status();
    this.lastReady = status.restart?.ready;
    for (const listener of this.listeners) listener(status);
  }
}
