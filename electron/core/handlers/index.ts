/**
 * The IPC contract (shared/contract.ts), implemented once, per domain, over the core's services.
 * Every host serves these same handlers: the desktop over ipcMain, the browser tests over the
 * test bridge, the CLI in process, `/internal` over HTTP (internal.ts). What differs between hosts
 * is only what they lend (host.ts).
 */
import type { InvokeHandlers } from '../../shared/contract';
import type { CoreServices } from '../services/core-services';
import { updateHandlers } from '../update/update-handlers';
import { accountHandlers } from './accounts';
import { appHandlers } from './app';
import { binaryHandlers } from './binary';
import { clientHandlers } from './clients';
import { gatewayHandlers } from './gateway';
import type { HostPorts } from './host';
import { keyHandlers } from './keys';
import { logHandlers } from './logs';
import { modelHandlers } from './models';
import { settingsHandlers } from './settings';

export function createHandlers(s: CoreServices, host: HostPorts = {}): InvokeHandlers {
  const keys = keyHandlers(s);
  const models = modelHandlers(s);
  return {
    ...appHandlers(s, host),
    ...gatewayHandlers(s),
    ...accountHandlers(s, host),
    ...keys,
    ...settingsHandlers(s, host),
    ...models,
    ...logHandlers(s, host),
    ...binaryHandlers(s),
    ...clientHandlers(s, host, keys, models),
    ...updateHandlers(host.updates, () => host.appVersion?.() ?? ''),
  };
}

export { connectPushes } from './pushes';
export type { HostPorts, LoginWindowRequest } from './host';
