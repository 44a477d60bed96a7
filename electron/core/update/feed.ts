/**
 * Where updates come from. By default the project's GitHub releases — the same repository that
 * electron-builder.yml publishes to (a packaging test checks they agree); the `app.updateFeedUrl`
 * setting points the app at any other electron-updater "generic" feed (a directory holding
 * latest.yml / latest-mac.yml / latest-linux.yml and the installers).
 */
import type { UpdateFeed } from './updater-port';

export const GITHUB_FEED = {
  provider: 'github',
  owner: 'lingma-gateway',
  repo: 'lingma-gateway',
} as const;

/** True for a feed URL we accept: https, or plain http only on this machine (a local test feed). */
export function isUpdateFeedUrl(url: string): boolean {
  try {
    const u = new URL(url);
    if (u.protocol === 'https:') return true;
    return u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}

export function feedFor(feedUrl: string): UpdateFeed {
  const url = feedUrl.trim();
  return url !== '' && isUpdateFeedUrl(url) ? { provider: 'generic', url } : { ...GITHUB_FEED };
}

export function describeFeed(feed: UpdateFeed): string {
  return feed.provider === 'github' ? `GitHub releases (${feed.owner}/${feed.repo})` : feed.url;
}
