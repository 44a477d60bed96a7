/**
 * Everything the desktop host lends the core: Electron in the app (electron/main), a scripted fake
 * in the browser tests. All of HostPorts (handlers/host.ts) plus OS notifications, which only the
 * shell's tray and notices use. Keeps the core itself plain Node.
 */
import type { HostPorts, LoginWindowRequest } from '../handlers/host';
import type { LoginWindowHandle, LoginWindowResult } from '../services/login-flow';

export type { LoginWindowHandle, LoginWindowRequest, LoginWindowResult };

export interface DesktopPlatform extends Required<Omit<HostPorts, 'clients' | 'updates'>> {
  notify(title: string, body: string): void;
}
