/**
 * The desktop as a host of the core: the contract's handlers served with everything the Electron
 * shell (or the browser tests' fake) lends, and the pushes forwarded. The same object serves
 * Electron's ipcMain, the tray and the browser-test bridge, so the UI tests exercise the real
 * handlers.
 */
import type { InvokeApi, InvokeHandlers, PushFn } from '../../shared/contract';
import { invokeApi } from '../../shared/contract';
import type { ClientSetup } from '../client-setup/client-setup';
import type { Core } from '../core-api';
import { reconcileLaunchAtLogin } from '../handlers/app';
import type { HostPorts } from '../handlers/host';
import type { UpdateControl } from '../update/update-service';
import type { DesktopPlatform } from './platform';

export interface AppServiceOptions {
  core: Core;
  platform: DesktopPlatform;
  /** One-click setup of the user's tools (temp HOME in tests). */
  clients: ClientSetup;
  /** The app's self-update (desktop app only; absent elsewhere, the channels say so). */
  updates?: UpdateControl;
}

export interface AppService {
  handlers: InvokeHandlers;
  /** The handlers as named calls, for the tray and the app's own code. */
  api: InvokeApi;
  /** Forwards core events as pushes; returns the unsubscribe. */
  connect(push: PushFn): () => void;
  /** Makes the launch-at-login setting match the OS (the user may have changed it there). */
  reconcileLaunchAtLogin(): Promise<void>;
}

export function createAppService(o: AppServiceOptions): AppService {
  const host: HostPorts = { ...o.platform, clients: o.clients, updates: o.updates };
  const handlers = o.core.handlers(host);
  return {
    handlers,
    api: invokeApi(handlers),
    connect: (push) => o.core.connect(push, host),
    reconcileLaunchAtLogin: () => reconcileLaunchAtLogin(o.core.services, host),
  };
}
