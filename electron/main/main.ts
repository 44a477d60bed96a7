/**
 * Electron entry: single instance, tray-resident, ordered shutdown. Everything it does is wiring:
 * the core (electron/core) holds the logic; this file adapts Electron to it.
 */
import { app, BrowserWindow, clipboard } from 'electron';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ClientSetup } from '../core/client-setup/client-setup';
import { createCore } from '../core/create-core';
import { createAppService } from '../core/desktop/app-service';
import { runNextStep } from '../core/desktop/state-action';
import { createJsonLogger } from '../core/util/logger';
import { createTranslator, resolveLanguage, type Language, type Translate } from '../shared/i18n';
import { claudeCodeEnv } from '../shared/snippets';
import { electronPlatform } from './electron-platform';
import { registerIpc } from './ipc';
import { watchForNotifications } from './notifications';
import { keepLast, mergeLogBatches, PushBatcher } from './push-batcher';
import { safeStorageCrypto } from './safe-storage-crypto';
import { electronSettingsRepo } from './settings-store';
import { TrayController } from './tray';
import type { TrayAction } from './tray-model';
import { createDashboardWindow, rendererUrl } from './windows';

const appRoot = app.getAppPath();
const resourcesDir = join(appRoot, 'resources');

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void main();
}

async function main(): Promise<void> {
  await app.whenReady();
  if (process.platform === 'darwin') app.dock?.hide();
  const logger = createJsonLogger({ level: process.env.LINGMA_GATEWAY_DEBUG ? 'debug' : 'info' });
  const crypto = safeStorageCrypto();
  const dataDir = app.getPath('userData');
  const core = await createCore({
    dataDir,
    env: process.env,
    logger,
    settingsRepo: electronSettingsRepo(),
    secretCrypto: crypto,
    appVersion: app.getVersion(),
  });

  let window: BrowserWindow | undefined;
  const platform = electronPlatform(() => window);
  const clients = new ClientSetup({
    ctx: { home: homedir(), env: process.env, platform: process.platform },
    backupDir: join(dataDir, 'client-backups'),
  });
  const service = createAppService({
    core,
    platform,
    logger,
    clients,
    secretsEncrypted: crypto.available,
  });
  // Tray and notifications speak the language the renderer shows (setting, else the OS's).
  const language = (): Language =>
    resolveLanguage(core.getSettings().app.language, platform.systemLocales());
  const translators = new Map<Language, Translate>();
  const noticeLanguage = () => {
    const lang = language();
    let t = translators.get(lang);
    if (!t) translators.set(lang, (t = createTranslator(lang)));
    return { t, lang };
  };
  const batcher = new PushBatcher(
    { send: (channel, payload) => window?.webContents.send(channel, payload) },
    {
      'gateway:changed': keepLast,
      'accounts:changed': keepLast,
      'settings:changed': keepLast,
      'binary:progress': keepLast,
      'logs:changed': mergeLogBatches,
    },
  );
  service.connect((channel, payload) => batcher.push(channel, payload));
  registerIpc(service.handlers, rendererUrl(appRoot), () => batcher.setReady(true));

  const showDashboard = (): void => {
    if (!window || window.isDestroyed()) {
      window = createDashboardWindow(appRoot, join(resourcesDir, 'icon.png'));
      batcher.setReady(false);
      // Closing hides to the tray; quitting happens from the tray menu.
      window.on('close', (e) => {
        if (!quitting) {
          e.preventDefault();
          window?.hide();
        }
      });
    } else {
      window.show();
      window.focus();
    }
  };
  app.on('second-instance', showDashboard);
  app.on('activate', showDashboard);
  app.on('window-all-closed', () => undefined);

  const refreshTray = async (): Promise<void> => {
    const settings = core.getSettings();
    tray.update({
      gateway: core.gatewayStatus(),
      accounts: core.listAccounts(),
      binary: core.binaryStatus(),
      launchAtLogin: settings.app.launchAtLogin,
      hasApiKey: (await core.listKeys()).length > 0,
      language: language(),
    });
  };
  const defaultKey = async (): Promise<string | undefined> => {
    const first = (await core.listKeys())[0];
    return first ? core.revealKey(first.id) : undefined;
  };
  const onTray = async (action: TrayAction): Promise<void> => {
    const status = core.gatewayStatus();
    if (action === 'toggle-gateway') {
      await (status.listening ? core.stopGateway() : core.startGateway());
    } else if (action === 'copy-base-url' && status.baseUrl) {
      clipboard.writeText(`${status.baseUrl}/v1`);
    } else if (action === 'copy-api-key') {
      const key = await defaultKey();
      if (key) clipboard.writeText(key);
    } else if (action === 'copy-claude-code' && status.baseUrl) {
      const key = await defaultKey();
      const model =
        core.getSettings().models.defaultModel || (await core.listModels())[0]?.id || 'auto';
      if (key) clipboard.writeText(claudeCodeEnv({ baseUrl: status.baseUrl, apiKey: key, model }));
    } else if (
      action === 'open-dashboard' ||
      action === 'add-account' ||
      action.startsWith('open-account:')
    ) {
      showDashboard();
    } else if (action === 'toggle-launch-at-login') {
      const enabled = !core.getSettings().app.launchAtLogin;
      await service.handlers['app:set-launch-at-login']({ enabled });
    } else if (action === 'next-step') {
      await runNextStep({ core, login: service.login, showDashboard });
    } else if (action.startsWith('relogin:')) {
      await service.login(action.slice('relogin:'.length));
    } else if (action === 'quit') {
      app.quit();
    }
    await refreshTray();
  };
  const tray = new TrayController(resourcesDir, (action) => {
    onTray(action).catch((err: unknown) => logger.error('tray action failed', { action, err }));
  });
  core.onGatewayChange(() => void refreshTray());
  core.onAccountsChange(() => void refreshTray());
  core.onSettingsChange(() => void refreshTray());
  core.onBinaryProgress(() => void refreshTray());
  watchForNotifications(core, platform, noticeLanguage);

  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    service.dispose();
    batcher.dispose();
    core
      .stop()
      .catch((err: unknown) => logger.error('shutdown failed', { err }))
      .finally(() => {
        tray.destroy();
        app.exit(0);
      });
  });

  await core.start();
  await service
    .reconcileLaunchAtLogin()
    .catch((err: unknown) => logger.warn('launch at login unreadable', { err }));
  await refreshTray();
  if (core.listAccounts().length === 0) showDashboard();
}
