import { beforeEach, describe, expect, it } from 'vitest';
import type { UpdateStatusDto } from '../../shared/update-dto';
import { FakeClock, flush } from '../pool/testing/fake-clock';
import { silentLogger } from '../util/logger';
import { GITHUB_FEED } from './feed';
import { DEFAULT_UPDATE_TIMING as T } from './update-policy';
import { UpdateService, type UpdateSettings } from './update-service';
import type { AvailableUpdate, DownloadProgress, UpdateFeed, UpdaterPort } from './updater-port';

const offline = (): Error =>
  Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });

/** A scripted updater: each check answers from a queue; downloads finish when a test says so. */
class FakeUpdater implements UpdaterPort {
  supported = true;
  feeds: UpdateFeed[] = [];
  answers: Array<AvailableUpdate | null | Error> = [];
  checks = 0;
  installs = 0;
  private finishDownload: ((err?: Error) => void) | undefined;
  private progress: ((p: DownloadProgress) => void) | undefined;
  setFeed(feed: UpdateFeed): void {
    this.feeds.push(feed);
  }
  async check(): Promise<AvailableUpdate | null> {
    this.checks += 1;
    const a = this.answers.shift() ?? null;
    if (a instanceof Error) throw a;
    return a;
  }
  download(onProgress: (p: DownloadProgress) => void): Promise<void> {
    this.progress = onProgress;
    return new Promise((resolve, reject) => {
      this.finishDownload = (err) => (err ? reject(err) : resolve());
    });
  }
  report(percent: number): void {
    this.progress?.({ percent, transferred: percent * 1000, total: 100_000, bytesPerSecond: 5e5 });
  }
  finish(err?: Error): void {
    this.finishDownload?.(err);
  }
  install(): void {
    this.installs += 1;
  }
}

const release: AvailableUpdate = {
  version: '1.3.0',
  releaseName: 'Lingma Gateway 1.3.0',
  releaseNotes: '<p>Faster <b>streams</b></p>',
};

let clock: FakeClock;
let updater: FakeUpdater;
let settings: UpdateSettings;
let inFlight: number;
let seen: UpdateStatusDto[];

function service(): UpdateService {
  const s = new UpdateService({
    updater,
    settings: () => settings,
    inFlight: () => inFlight,
    currentVersion: '1.2.0',
    clock,
    logger: silentLogger,
  });
  s.onChange((st) => seen.push(st));
  return s;
}

/** Runs the service until an update is downloaded. */
async function downloaded(): Promise<UpdateService> {
  updater.answers = [release];
  const s = service();
  s.start();
  const done = s.checkNow();
  await flush();
  updater.finish();
  await done;
  expect(s.status().phase).toBe('downloaded');
  return s;
}

beforeEach(() => {
  clock = new FakeClock();
  updater = new FakeUpdater();
  settings = { autoUpdate: true, updateFeedUrl: '' };
  inFlight = 0;
  seen = [];
});

describe('update service', () => {
  it('checks after start, then every few hours, on the GitHub feed by default', async () => {
    const s = service();
    s.start();
    expect(updater.feeds).toEqual([GITHUB_FEED]);
    expect(s.status()).toMatchObject({ phase: 'idle', automatic: true });
    await clock.advance(T.firstCheckDelayMs - 1);
    expect(updater.checks).toBe(0);
    await clock.advance(1);
    expect(updater.checks).toBe(1);
    expect(s.status()).toMatchObject({
      phase: 'up-to-date',
      lastCheckedAt: clock.now(),
      nextCheckAt: clock.now() + T.intervalMs,
    });
    await clock.advance(T.intervalMs);
    expect(updater.checks).toBe(2);
    s.stop();
    expect(clock.pending).toBe(0);
  });

  it('downloads in the background with progress, then offers the restart with notes', async () => {
    updater.answers = [release];
    const s = service();
    s.start();
    const done = s.checkNow();
    await flush();
    expect(s.status()).toMatchObject({ phase: 'downloading', version: '1.3.0' });
    updater.report(42);
    expect(seen.at(-1)?.progress).toMatchObject({ percent: 42, total: 100_000 });
    updater.finish();
    const st = await done;
    expect(st).toMatchObject({
      phase: 'downloaded',
      version: '1.3.0',
      releaseName: 'Lingma Gateway 1.3.0',
      releaseNotes: 'Faster streams',
      restart: { ready: true, inFlight: 0, pending: false },
    });
    expect(st.progress).toBeUndefined();
    // Nothing more to check until the user restarts.
    expect(st.nextCheckAt).toBeUndefined();
    expect(seen.map((x) => x.phase)).toEqual(
      expect.arrayContaining(['checking', 'downloading', 'downloaded']),
    );
    s.stop();
  });

  it('retries later when offline, sooner than the regular interval, backing off', async () => {
    updater.answers = [offline(), offline(), release];
    const s = service();
    s.start();
    await clock.advance(T.firstCheckDelayMs);
    expect(s.status()).toMatchObject({
      phase: 'offline',
      error: expect.stringMatching(/ENOTFOUND/),
    });
    expect(s.status().nextCheckAt).toBe(clock.now() + (T.offlineRetryMs[0] ?? 0));
    await clock.advance(T.offlineRetryMs[0] ?? 0);
    expect(updater.checks).toBe(2);
    expect(s.status().nextCheckAt).toBe(clock.now() + (T.offlineRetryMs[1] ?? 0));
    await clock.advance(T.offlineRetryMs[1] ?? 0);
    expect(s.status().phase).toBe('downloading');
    updater.finish();
    await flush();
    expect(s.status().phase).toBe('downloaded');
    s.stop();
  });

  it('retries a download that lost the network, and reports other failures as errors', async () => {
    updater.answers = [release, new Error('HttpError: 404 latest.yml not found')];
    const s = service();
    s.start();
    const first = s.checkNow();
    await flush();
    updater.finish(offline());
    expect((await first).phase).toBe('offline');
    const second = await s.checkNow();
    expect(second).toMatchObject({ phase: 'error', error: expect.stringMatching(/404/) });
    expect(second.nextCheckAt).toBe(clock.now() + T.errorRetryMs);
    s.stop();
  });

  it('never restarts during a stream: a restart asked while busy waits for a quiet spell', async () => {
    const s = await downloaded();
    inFlight = 2;
    await clock.advance(T.idlePollMs);
    expect(s.status().restart).toEqual({ ready: false, inFlight: 2, pending: false });
    expect(s.requestRestart().restart).toMatchObject({ ready: false, pending: true });
    await clock.advance(60_000);
    expect(updater.installs).toBe(0);
    // The stream ends; a new turn starts before the quiet spell is over; then all is quiet.
    inFlight = 0;
    await clock.advance(T.quietBeforeRestartMs / 2);
    inFlight = 1;
    await clock.advance(T.idlePollMs);
    inFlight = 0;
    await clock.advance(T.quietBeforeRestartMs - T.idlePollMs);
    expect(updater.installs).toBe(0);
    await clock.advance(T.idlePollMs * 2);
    expect(updater.installs).toBe(1);
    s.stop();
  });

  it('restarts at once when asked while idle, and tells the tray when load changes', async () => {
    const s = await downloaded();
    inFlight = 1;
    await clock.advance(T.idlePollMs);
    expect(seen.at(-1)?.restart?.ready).toBe(false);
    inFlight = 0;
    await clock.advance(T.idlePollMs);
    expect(seen.at(-1)?.restart?.ready).toBe(true);
    s.requestRestart();
    expect(updater.installs).toBe(1);
    s.stop();
  });

  it('follows the settings: off means no automatic checks, a manual check still works', async () => {
    settings = { autoUpdate: false, updateFeedUrl: '' };
    const s = service();
    s.start();
    await clock.advance(T.firstCheckDelayMs * 10);
    expect(updater.checks).toBe(0);
    expect(s.status().automatic).toBe(false);
    expect((await s.checkNow()).phase).toBe('up-to-date');
    expect(s.status().nextCheckAt).toBeUndefined();
    settings = { autoUpdate: true, updateFeedUrl: 'https://updates.example.com/lgw/' };
    s.settingsChanged();
    expect(updater.feeds.at(-1)).toEqual({
      provider: 'generic',
      url: 'https://updates.example.com/lgw/',
    });
    expect(s.status().feed).toBe('https://updates.example.com/lgw/');
    await clock.advance(T.firstCheckDelayMs);
    expect(updater.checks).toBe(2);
    s.stop();
  });

  it('says so when this build cannot update itself, and does nothing', async () => {
    updater.supported = false;
    const s = service();
    s.start();
    expect(s.status()).toMatchObject({ phase: 'unsupported', error: expect.any(String) });
    expect((await s.checkNow()).phase).toBe('unsupported');
    await clock.advance(T.intervalMs);
    expect(updater.checks).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it('runs one check at a time', async () => {
    updater.answers = [release];
    const s = service();
    s.start();
    const a = s.checkNow();
    const b = s.checkNow();
    await flush();
    updater.finish();
    expect(await a).toEqual(await b);
    expect(updater.checks).toBe(1);
    s.stop();
  });
});
