/**
 * What each tray menu item does. Electron-free (the host functions come in), so main.ts only
 * wires it up.
 */
import { runNextStep } from '../core/desktop/state-action';
import type { DesktopPlatform } from '../core/desktop/platform';
import type { InvokeApi } from '../shared/contract';
import type { UpdateControl } from '../core/update/update-service';
import type { Translate } from '../shared/i18n';
import { claudeCodeEnv } from '../shared/snippets';
import type { UpdateStatusDto } from '../shared/update-dto';
import type { TrayAction } from './tray-model';

export interface TrayActionDeps {
  /** The contract's handlers, as the app service serves them (tray items are UI actions too). */
  api: InvokeApi;
  platform: DesktopPlatform;
  updates: UpdateControl;
  showDashboard(): void;
  /** Resolves true when the user chose to restart from the release notes. */
  showReleaseNotes(status: UpdateStatusDto): Promise<boolean>;
  quit(): void;
  /** The tray's language (notifications a manual update check sends). */
  t(): Translate;
}

export function trayActionHandler(d: TrayActionDeps): (action: TrayAction) => Promise<void> {
  const { api, platform, updates } = d;
  const defaultKey = async (): Promise<string | undefined> => {
    const first = (await api.keysList())[0];
    return first ? api.keysReveal({ id: first.id }) : undefined;
  };
  return async (action) => {
    const status = await api.gatewayStatus();
    if (action === 'toggle-gateway') {
      await (status.listening ? api.gatewayStop() : api.gatewayStart());
    } else if (action === 'copy-base-url' && status.baseUrl) {
      platform.writeClipboard(`${status.baseUrl}/v1`);
    } else if (action === 'copy-api-key') {
      const key = await defaultKey();
      if (key) platform.writeClipboard(key);
    } else if (action === 'copy-claude-code' && status.baseUrl) {
      const key = await defaultKey();
      const settings = await api.settingsGet();
      const model = settings.models.defaultModel || (await api.modelsList())[0]?.id || 'auto';
      if (key)
        platform.writeClipboard(claudeCodeEnv({ baseUrl: status.baseUrl, apiKey: key, model }));
    } else if (
      action === 'open-dashboard' ||
      action === 'add-account' ||
      action.startsWith('open-account:')
    ) {
      d.showDashboard();
    } else if (action === 'toggle-launch-at-login') {
      // The OS's real state is read back (issue 15).
      const enabled = !(await api.settingsGet()).app.launchAtLogin;
      await api.appSetLaunchAtLogin({ enabled });
    } else if (action === 'next-step') {
      await runNextStep({ api, showDashboard: d.showDashboard });
    } else if (action.startsWith('relogin:')) {
      await api.accountsLogin({ id: action.slice('relogin:'.length) });
    } else if (action === 'update-check') {
      const after = await updates.checkNow();
      // A manual check answers even when there is nothing to do (the menu may be closed by now).
      const t = d.t();
      if (after.phase === 'up-to-date') {
        platform.notify(
          t('update.upToDateTitle'),
          t('update.upToDateBody', { version: after.currentVersion }),
        );
      } else if (after.phase === 'offline' || after.phase === 'error') {
        platform.notify(t('update.checkFailedTitle'), after.error ?? t('update.unknownError'));
      }
    } else if (action === 'update-restart') {
      updates.requestRestart();
    } else if (action === 'update-notes') {
      if (await d.showReleaseNotes(updates.status())) updates.requestRestart();
    } else if (action === 'toggle-auto-update') {
      const { autoUpdate } = (await api.settingsGet()).app;
      await api.settingsUpdate({ app: { autoUpdate: !autoUpdate } });
    } else if (action === 'quit') {
      d.quit();
    }
  };
}
