import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../core/util/logger';
import { electronUpdaterPort, type AppUpdaterLike } from './updater';

/** Just enough of electron-updater's AppUpdater to drive the adapter. */
class FakeAppUpdater extends EventEmitter {
  autoDownload = true;
  autoInstallOnAppQuit = false;
  logger: AppUpdaterLike['logger'] = null;
  active = true;
  feeds: unknown[] = [];
  result: unknown = null;
  installed: unknown[] = [];
  isUpdaterActive = (): boolean => this.active;
  setFeedURL = (f: unknown): void => void this.feeds.push(f);
  checkForUpdates = async (): Promise<never> => this.result as never;
  downloadUpdate = async (): Promise<string[]> => {
    this.emit('download-progress', {
      percent: 50,
      transferred: 5,
      total: 10,
      bytesPerSecond: 1,
      delta: 5,
    });
    return ['/tmp/update.exe'];
  };
  quitAndInstall = (...args: unknown[]): void => void this.installed.push(args);
}

function setup() {
  const fake = new FakeAppUpdater();
  const events: string[] = [];
  const port = electronUpdaterPort(fake as unknown as AppUpdaterLike, {
    logger: silentLogger,
    beforeInstall: () => events.push('windows may close'),
  });
  return { fake, port, events };
}

describe('electron-updater adapter', () => {
  it('leaves downloading to the service but installs on quit, and never throws on "error"', () => {
    const { fake } = setup();
    expect(fake.autoDownload).toBe(false);
    expect(fake.autoInstallOnAppQuit).toBe(true);
    expect(() => fake.emit('error', new Error('feed down'))).not.toThrow();
  });

  it('maps feeds, checks and progress', async () => {
    const { fake, port } = setup();
    port.setFeed({ provider: 'github', owner: 'o', repo: 'r' });
    port.setFeed({ provider: 'generic', url: 'https://u.example/feed/' });
    expect(fake.feeds).toEqual([
      { provider: 'github', owner: 'o', repo: 'r' },
      { provider: 'generic', url: 'https://u.example/feed/' },
    ]);
    expect(await port.check()).toBeNull();
    fake.result = { isUpdateAvailable: false, updateInfo: { version: '1.0.0' } };
    expect(await port.check()).toBeNull();
    fake.result = {
      isUpdateAvailable: true,
      updateInfo: {
        version: '1.1.0',
        releaseName: 'One',
        releaseNotes: '<p>x</p>',
        releaseDate: 'd',
      },
    };
    expect(await port.check()).toEqual({
      version: '1.1.0',
      releaseName: 'One',
      releaseDate: 'd',
      releaseNotes: '<p>x</p>',
    });
    const progress: number[] = [];
    await port.download((p) => progress.push(p.percent));
    expect(progress).toEqual([50]);
    expect(fake.listenerCount('download-progress')).toBe(0);
  });

  it('reports an inactive updater (unpackaged build) as unsupported', () => {
    const { fake, port } = setup();
    fake.active = false;
    expect(port.supported).toBe(false);
  });

  it('lets windows close, then quits and installs, relaunching', () => {
    const { fake, port, events } = setup();
    port.install();
    expect(events).toEqual(['windows may close']);
    expect(fake.installed).toEqual([[false, true]]);
  });
});
