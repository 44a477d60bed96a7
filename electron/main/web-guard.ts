/**
 * The app-wide guard on every web contents (windows, and any webview or popup that might appear):
 * installed on `web-contents-created`, so nothing can be created before it is in place. Pages may
 * navigate only where their window's policy allows; a contents without a policy may go nowhere.
 * Webviews are never attached, new windows never open (http(s) links go to the system browser).
 */
import type { App, WebContents } from 'electron';

export type NavigationVerdict = 'allow' | 'external' | 'deny';
export type NavigationPolicy = (url: string) => NavigationVerdict;

const policies = new WeakMap<WebContents, NavigationPolicy>();
const guarded = new WeakSet<WebContents>();

const denyAll: NavigationPolicy = () => 'deny';

export function isHttpUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** Declares where a window's page may go (set right after the window is created). */
export function setNavigationPolicy(contents: WebContents, policy: NavigationPolicy): void {
  policies.set(contents, policy);
}

/** True once the app-wide guard has been attached (the window tests check every window). */
export function isGuarded(contents: WebContents): boolean {
  return guarded.has(contents);
}

export function guardWebContents(contents: WebContents, openExternal: (url: string) => void): void {
  if (guarded.has(contents)) return;
  guarded.add(contents);
  const verdict = (url: string): NavigationVerdict => (policies.get(contents) ?? denyAll)(url);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  const onNavigate = (event: { preventDefault(): void }, url: string): void => {
    const v = verdict(url);
    if (v === 'allow') return;
    event.preventDefault();
    if (v === 'external' && isHttpUrl(url)) openExternal(url);
  };
  contents.on('will-navigate', onNavigate);
  contents.on('will-redirect', onNavigate);
  contents.setWindowOpenHandler(({ url }) => {
    if (verdict(url) !== 'deny' && isHttpUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
}

/** Call before the app is ready, so the first window is already covered. */
export function installWebContentsGuard(app: App, openExternal: (url: string) => void): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, openExternal));
}
