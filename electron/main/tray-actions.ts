/**
 * What each tray menu item does. Electron-free (the host functions come in), so main.ts only
 * wires it up.
 */
import type { CoreApi } from '../core/core-api';
import { runNextStep } from '../core/desktop/state-action';
import type { AppService } from '../core/desktop/app-service';
import type { DesktopPlatform } from '../core/desktop/platform';
import type { UpdateControl } from '../core/update/update-service';
import type { Translate } from '../shared/i18n';
import { claudeCodeEnv } from '../shared/snippets';
import type { UpdateStatusDto } from '../shared/update-dto';
import type { TrayAction } from './tray-model';

export interface TrayActionDeps {
  core: CoreApi;
  service: AppService;
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
  const { core, platform, updates } = d;
  const defaultKey = async (): Promise<string | undefined> => {
    const first = (await core.listKeys())[0];
    return first ? core.revealKey(first.id) : undefined;
  };
  return async (action) => {
    const status = core.gatewayStatus();
    if (action === 'toggle-gateway') {
      await (status.listening ? core.stopGateway() : core.startGateway());
    } else if (action === 'copy-base-url' && status.baseUrl) {
      platform.writeClipboard(`${status.baseUrl}/v1`);
    } else if (action === 'copy-api-key') {
      const key = await defaultKey();
      if (key) platform.writeClipboard(key);
    } else if (action === 'copy-claude-code' && status.baseUrl) {
      const key = await defaultKey();
      const model =
        core.getSettings().models.defaultModel || (await core.listModels())[0]?.id || 'auto';
      if (key)
        platform.writeClipboard(claudeCodeEnv({ baseUrl: status.baseUrl, apiKey: key, model }));
    } else if (
      action === 'open-dashboard' ||
      action === 'add-account' ||
      action.startsWith('open-account:')
    ) {
      d.showDashboard();
    } else if (action === 'toggle-launch-at-login') {
      // Through the app service, so the OS's real state is read back (issue 15).
      const enabled = !core.getSettings().app.launchAtLogin;
      await d.service.handlers['app:set-launch-at-login']({ enabled });
    } else if (action === 'next-step') {
      await runNextStep({ core, login: d.service.login, showDashboard: d.showDashboard });
    } else if (action.startsWith('relogin:')) {
      await d.service.login(action.slice('relogin:'.length));
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
      await core.updateSettings({ app: { autoUpdate: !core.getSettings().app.autoUpdate } });
    } else if (action === 'quit') {
      d.quit();
    }
  };
}
