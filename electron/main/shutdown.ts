/**
 * Quitting, bounded in time. The first quit request is held (before-quit's preventDefault) while
 * the core stops its listener and children; if that takes longer than `stopTimeoutMs` the app
 * quits anyway. The final quit goes through app.quit() so `will-quit`/`quit` still fire (the
 * updater installs a downloaded update on `quit`); if even that stalls, exit hard.
 */
import type { Clock } from '../core/util/clock';
import type { Logger } from '../core/util/logger';

export interface ShutdownOptions {
  /** Stops the core and everything it owns. */
  stop(): Promise<void>;
  /** Last synchronous clean-up (tray) before the real quit. */
  finish(): void;
  quit(): void;
  exit(code: number): void;
  clock: Clock;
  logger: Logger;
  stopTimeoutMs?: number;
  exitTimeoutMs?: number;
}

export interface Shutdown {
  /** The before-quit listener. */
  onBeforeQuit(event: { preventDefault(): void }): void;
  /** Windows may close for real (not hide to the tray) from now on. */
  isQuitting(): boolean;
  /** Lets windows close ahead of a quit someone else starts (the updater's quit-and-install). */
  allowWindowsToClose(): void;
}

export const STOP_TIMEOUT_MS = 10_000;
export const EXIT_TIMEOUT_MS = 5_000;

export function createShutdown(o: ShutdownOptions): Shutdown {
  let phase: 'running' | 'stopping' | 'done' = 'running';
  let windowsMayClose = false;
  const stopTimeout = o.stopTimeoutMs ?? STOP_TIMEOUT_MS;

  const stopBounded = (): Promise<void> =>
    new Promise<void>((resolve) => {
      const timer = o.clock.setTimeout(() => {
        o.logger.warn('shutdown is taking too long; quitting anyway', { afterMs: stopTimeout });
        resolve();
      }, stopTimeout);
      o.stop()
        .catch((err: unknown) => o.logger.error('shutdown failed', { err }))
        .finally(() => {
          o.clock.clearTimeout(timer);
          resolve();
        });
    });

  return {
    onBeforeQuit(event) {
      // Our own final app.quit(): let it through.
      if (phase === 'done') return;
      event.preventDefault();
      if (phase === 'stopping') return;
      phase = 'stopping';
      void stopBounded().then(() => {
        phase = 'done';
        try {
          o.finish();
        } catch (err) {
          o.logger.error('shutdown clean-up failed', { err });
        }
        o.clock.setTimeout(() => o.exit(0), o.exitTimeoutMs ?? EXIT_TIMEOUT_MS);
        o.quit();
      });
    },
    isQuitting: () => windowsMayClose || phase !== 'running',
    allowWindowsToClose() {
      windowsMayClose = true;
    },
  };
}
