/**
 * True when an IPC message comes from our own renderer document (same origin and path as the
 * URL we loaded). A login page or any other frame can never call main.
 */
export function isTrustedSender(frameUrl: string | undefined, ownUrl: string): boolean {
  if (!frameUrl) return false;
  try {
    const own = new URL(ownUrl);
    const u = new URL(frameUrl);
    return u.protocol === own.protocol && u.host === own.host && u.pathname === own.pathname;
  } catch {
    return false;
  }
}
