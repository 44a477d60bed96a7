import { describe, expect, it } from 'vitest';
import { normalizeSettings } from '../config/settings';
import { describeFeed, feedFor, GITHUB_FEED, isUpdateFeedUrl } from './feed';
import { htmlToText, releaseNotesText } from './release-notes';
import {
  DEFAULT_UPDATE_TIMING as T,
  isOfflineError,
  nextCheckDelay,
  restartVerdict,
} from './update-policy';

describe('update policy: when to check', () => {
  it('checks every few hours after finding nothing, and stops once an update waits', () => {
    expect(nextCheckDelay('up-to-date', 0)).toBe(T.intervalMs);
    expect(nextCheckDelay('downloaded', 0)).toBeNull();
    expect(nextCheckDelay('error', 0)).toBe(T.errorRetryMs);
  });

  it('retries sooner when offline, backing off up to the last step', () => {
    const delays = [1, 2, 3, 4, 5, 9].map((n) => nextCheckDelay('offline', n));
    expect(delays).toEqual([...T.offlineRetryMs, T.offlineRetryMs.at(-1), T.offlineRetryMs.at(-1)]);
    expect(delays[0]).toBeLessThan(T.intervalMs);
  });

  it('tells "no network" from a broken feed', () => {
    expect(isOfflineError(Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' }))).toBe(
      true,
    );
    expect(isOfflineError(new Error('net::ERR_INTERNET_DISCONNECTED'))).toBe(true);
    expect(isOfflineError(new Error('x', { cause: { code: 'ECONNRESET' } }))).toBe(true);
    expect(isOfflineError(new Error('HttpError: 404 Not Found'))).toBe(false);
    expect(isOfflineError(new Error('sha512 checksum mismatch'))).toBe(false);
    expect(isOfflineError(undefined)).toBe(false);
  });
});

describe('update policy: when to restart', () => {
  const base = { downloaded: true, inFlight: 0, deferred: false, idleSinceMs: 0, now: 100_000 };

  it('never restarts while a request or stream is in flight', () => {
    expect(restartVerdict({ ...base, inFlight: 1 })).toEqual({ now: false, reason: 'busy' });
    expect(restartVerdict({ ...base, inFlight: 3, deferred: true })).toEqual({
      now: false,
      reason: 'busy',
    });
  });

  it('restarts at once when asked while idle, and only with something downloaded', () => {
    expect(restartVerdict(base)).toEqual({ now: true });
    expect(restartVerdict({ ...base, downloaded: false })).toEqual({
      now: false,
      reason: 'nothing-downloaded',
    });
  });

  it('lets a deferred restart happen only after a quiet spell (not between agent turns)', () => {
    const deferred = { ...base, deferred: true };
    expect(restartVerdict({ ...deferred, idleSinceMs: undefined }).now).toBe(false);
    expect(
      restartVerdict({ ...deferred, idleSinceMs: base.now - T.quietBeforeRestartMs + 1 }),
    ).toEqual({
      now: false,
      reason: 'not-quiet-yet',
    });
    expect(restartVerdict({ ...deferred, idleSinceMs: base.now - T.quietBeforeRestartMs })).toEqual(
      {
        now: true,
      },
    );
  });
});

describe('update feed', () => {
  it('defaults to GitHub releases and accepts an https feed', () => {
    expect(feedFor('')).toEqual(GITHUB_FEED);
    expect(feedFor(' https://updates.example.com/lgw/ ')).toEqual({
      provider: 'generic',
      url: 'https://updates.example.com/lgw/',
    });
    expect(describeFeed(feedFor(''))).toMatch(/GitHub releases/);
  });

  it('refuses plain http except on this machine, in the feed and in settings', () => {
    expect(isUpdateFeedUrl('http://updates.example.com/')).toBe(false);
    expect(isUpdateFeedUrl('http://127.0.0.1:8080/feed/')).toBe(true);
    expect(isUpdateFeedUrl('file:///tmp/feed')).toBe(false);
    expect(feedFor('http://updates.example.com/')).toEqual(GITHUB_FEED);
    const r = normalizeSettings({
      schemaVersion: 1,
      app: { autoUpdate: false, updateFeedUrl: 'http://updates.example.com/' },
    });
    expect(r.settings.app).toMatchObject({ autoUpdate: false, updateFeedUrl: '' });
    expect(r.warnings.join(' ')).toMatch(/app\.updateFeedUrl/);
  });
});

describe('release notes', () => {
  it('reduces the feed HTML to text, dropping scripts and decoding entities', () => {
    const html =
      '<h2>What&#39;s new</h2><ul><li>Faster &amp; <b>leaner</b></li><li>Fix &lt;crash&gt;</li></ul>' +
      '<script>alert(1)</script><p>Thanks&nbsp;all</p>';
    expect(htmlToText(html)).toBe("What's new\n\n• Faster & leaner\n• Fix <crash>\n\nThanks all");
  });

  it('joins per-version notes and passes Markdown through', () => {
    expect(
      releaseNotesText([
        { version: '1.2.0', note: '<p>B</p>' },
        { version: '1.1.0', note: null },
      ]),
    ).toBe('1.2.0\nB\n\n1.1.0');
    expect(releaseNotesText('## Changes\n- one')).toBe('## Changes\n- one');
    expect(releaseNotesText(null)).toBeUndefined();
    expect(releaseNotesText('<p> </p>')).toBeUndefined();
  });
});
