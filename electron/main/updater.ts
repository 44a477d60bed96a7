/**
 * electron-updater behind the core's UpdaterPort. The service decides when to check, download and
 * restart; this file only translates. Automatic download is off (the service downloads after a
 * check, and reports progress); a downloaded update still installs on a normal quit.
 */
import type { AppUpdater, ProgressInfo, UpdateCheckResult } from 'electron-updater';
import type { UpdaterPort } from '../core/update/updater-port';
import type { Logger } from '../core/util/logger';

/** The part of electron-updater's AppUpdater used here (a fake stands in for it in tests). */
export type AppUpdaterLike = Pick<
  AppUpdater,
  | 'autoDownload'
  | 'autoInstallOnAppQuit'
  | 'logger'
  | 'isUpdaterActive'
  | 'setFeedURL'
  | 'checkForUpdates'
  | 'downloadUpdate'
  | 'quitAndInstall'
> & {
  on(event: 'error', listener: (err: Error) => void): unknown;
  on(event: 'download-progress', listener: (p: ProgressInfo) => void): unknown;
  removeListener(event: 'download-progress', listener: (p: ProgressInfo) => void): unknown;
};

const text = (m: unknown): string => (m instanceof Error ? m.message : String(m));

export function electronUpdaterPort(
  u: AppUpdaterLike,
  o: { logger: Logger; beforeInstall(): void },
): UpdaterPort {
  const log = o.logger.child({ component: 'updater' });
  u.autoDownload = false;
  u.autoInstallOnAppQuit = true;
  u.logger = {
    info: (m: unknown) => log.debug(text(m)),
    warn: (m: unknown) => log.warn(text(m)),
    error: (m: unknown) => log.debug(text(m)),
    debug: (m: string) => log.debug(m),
  };
  // Failures also reject the calls below, where the service handles them; an 'error' event with
  // no listener would throw from inside electron-updater instead.
  u.on('error', (err) => log.debug('updater error event', { err: err.message }));
  return {
    get supported() {
      return u.isUpdaterActive();
    },
    setFeed(feed) {
      u.setFeedURL(
        feed.provider === 'github'
          ? { provider: 'github', owner: feed.owner, repo: feed.repo }
          : { provider: 'generic', url: feed.url },
      );
    },
    async check() {
      const r: UpdateCheckResult | null = await u.checkForUpdates();
      if (!r?.isUpdateAvailable) return null;
      const i = r.updateInfo;
      return {
        version: i.version,
        releaseName: i.releaseName ?? null,
        releaseDate: i.releaseDate,
        releaseNotes: i.releaseNotes ?? null,
      };
    },
    async download(onProgress) {
      const listener = (p: ProgressInfo): void =>
        onProgress({
          percent: p.percent,
          transferred: p.transferred,
          total: p.total,
          bytesPerSecond: p.bytesPerSecond,
        });
      u.on('download-progress', listener);
      try {
        await u.downloadUpdate();
      } finally {
        u.removeListener('download-progress', listener);
      }
    },
    install() {
      // Windows must be allowed to close (not hide to the tray) for the installer to take over.
      o.beforeInstall();
      u.quitAndInstall(false, true);
    },
  };
}
