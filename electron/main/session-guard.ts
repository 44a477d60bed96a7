/**
 * Permission handlers on every session: the dashboard's (default) session and each login
 * partition, plus any session created later (`session-created`). Neither our UI nor the Lingma
 * login page needs a browser permission (camera, notifications, clipboard read, HID, …): all are
 * refused, both when a page asks (request) and when it probes (check). Downloads are refused too.
 */
import type { App, Session } from 'electron';

const hardened = new WeakSet<Session>();

export function hardenSession(ses: Session): void {
  if (hardened.has(ses)) return;
  hardened.add(ses);
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.on('will-download', (event) => event.preventDefault());
}

/** Hardens the default session now and every session created from here on. */
export function installSessionGuard(app: App, defaultSession: Session): void {
  app.on('session-created', hardenSession);
  hardenSession(defaultSession);
}
