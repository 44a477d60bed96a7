/**
 * Carries out the app state's "next action" (shared/app-state.ts) for hosts that cannot show the
 * dashboard's own buttons: the tray's first menu item runs this, through the same handlers.
 */
import { deriveAppState, type StateAction } from '../../shared/app-state';
import type { InvokeApi } from '../../shared/contract';

export interface StateActionHost {
  api: InvokeApi;
  /** Opens the dashboard (for steps that need a form: add an account, Settings). */
  showDashboard(): void;
}

export async function runStateAction(action: StateAction, h: StateActionHost): Promise<void> {
  switch (action.id) {
    case 'download-lingma':
    case 'retry-download':
      h.showDashboard();
      await h.api.binaryDownload();
      return;
    case 'cancel-download':
      await h.api.binaryCancel();
      return;
    case 'log-in':
      await h.api.accountsLogin({ id: action.accountId });
      return;
    case 'use-port':
      await h.api.settingsUpdate({ server: { port: action.port } });
      await h.api.gatewayStart();
      return;
    case 'start-gateway':
      await h.api.gatewayStart();
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
  const [gateway, accounts, binary] = await Promise.all([
    h.api.gatewayStatus(),
    h.api.accountsList(),
    h.api.binaryStatus(),
  ]);
  const view = deriveAppState({ gateway, accounts, binary });
  if (view.action) await runStateAction(view.action, h);
}
