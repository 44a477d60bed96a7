/**
 * Carries out the app state's "next action" (shared/app-state.ts) for hosts that cannot show the
 * dashboard's own buttons: the tray's first menu item runs this.
 */
import { deriveAppState, type StateAction } from '../../shared/app-state';
import type { CoreApi } from '../core-api';

export interface StateActionHost {
  core: CoreApi;
  login(accountId: string): Promise<void>;
  /** Opens the dashboard (for steps that need a form: add an account, Settings). */
  showDashboard(): void;
}

export async function runStateAction(action: StateAction, h: StateActionHost): Promise<void> {
  switch (action.id) {
    case 'download-lingma':
    case 'retry-download':
      h.showDashboard();
      await h.core.downloadBinary();
      return;
    case 'cancel-download':
      await h.core.cancelBinaryDownload();
      return;
    case 'log-in':
      await h.login(action.accountId);
      return;
    case 'use-port':
      await h.core.updateSettings({ server: { port: action.port } });
      await h.core.startGateway();
      return;
    case 'start-gateway':
      await h.core.startGateway();
      return;
    case 'add-account':
    case 'open-settings':
    case 'open-accounts':
      h.showDashboard();
      return;
  }
}

/** The current state's next action, run; nothing when the state has none. */
export async function runNextStep(h: StateActionHost): Promise<void> {
  const view = deriveAppState({
    gateway: h.core.gatewayStatus(),
    accounts: h.core.listAccounts(),
    binary: h.core.binaryStatus(),
  });
  if (view.action) await runStateAction(view.action, h);
}
