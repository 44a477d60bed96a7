/**
 * Where updates come from. By default the project's GitHub releases — the same repository that
 * electron-builder.yml publishes to (a packaging test checks they agree); the `app.updateFeedUrl`
 * setting points the app at any other electron-updater "generic" feed (a directory holding
 * latest.yml / latest-mac.yml / latest-linux.yml and the installers).
 */
import { isUpdateFeedUrl } from '../../shared/settings';
import type { UpdateFeed } from './updater-port';

/** True for a feed URL we accept (the setting's own rule, shared/settings/rules.ts). */
export { isUpdateFeedUrl };

export const GITHUB_FEED = {
  provider: 'github',
  owner: 'lingma-gateway',
  repo: 'lingma-gateway',
} as const;

export function feedFor(feedUrl: string): UpdateFeed {
  const url = feedUrl.trim();
  return url !== '' && isUpdateFeedUrl(url) ? { provider: 'generic', url } : { ...GITHUB_FEED };
}

export function describeFeed(feed: UpdateFeed): string {
  return feed.provider === 'github' ? `GitHub releases (${feed.owner}/${feed.repo})` : feed.url;
}
