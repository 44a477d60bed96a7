/**
 * Electron entry: single instance, tray-resident, ordered shutdown. Everything it does is wiring:
 * the core (electron/core) holds the logic; this file adapts Electron to it.
 */
import { app, clipboard, Menu, session, shell, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { createCore } from '../core/create-core';
import { createAppService } from '../core/desktop/app-service';
import { systemClock } from '../core/util/clock';
import { createJsonLogger } from '../core/util/logger';
import { claudeCodeEnv } from '../shared/snippets';
import { appMenuTemplate } from './app-menu';
import { electronPlatform } from './electron-platform';
import { registerIpc } from './ipc';
import { watchForNotifications } from './notifications';
import { keepLast, mergeLogBatches, PushBatcher } from './push-batcher';
import { safeStorageCrypto } from './safe-storage-crypto';
import { allowDevTools } from './secure-window';
import { installSessionGuard } from './session-guard';
import { electronSettingsRepo } from './settings-store';
import { createShutdown } from './shutdown';
import { TrayController } from './tray';
import type { TrayAction } from './tray-model';
import { installWebContentsGuard, isHttpUrl } from './web-guard';
import { createDashboardWindow, rendererUrl } from './windows';

const appRoot = app.getAppPath();
const resourcesDir = join(appRoot, 'resources');
const packaged = app.isPackaged;

// Before anything can create a window: every web contents gets the navigation guard.
allowDevTools(!packaged);
installWebContentsGuard(app, (url) => {
  if (isHttpUrl(url)) void shell.openExternal(url);
});

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void main();
}

async function main(): Promise<void> {
  await app.whenReady();
  installSessionGuard(app, session.defaultSession);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate({ packaged, platform: process.platform, appName: app.getName() }),
    ),
  );
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
  const service = createAppService({ core, platform, logger, secretsEncrypted: crypto.available });
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
  const ownUrl = rendererUrl(appRoot, { packaged, env: process.env });
  registerIpc(service.handlers, ownUrl, () => batcher.setReady(true));

  const showDashboard = (): void => {
    if (!window || window.isDestroyed()) {
      window = createDashboardWindow(appRoot, ownUrl, join(resourcesDir, 'icon.png'));
      batcher.setReady(false);
      // Closing hides to the tray; quitting happens from the tray menu.
      window.on('close', (e) => {
        if (!shutdown.isQuitting()) {
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
      launchAtLogin: settings.app.launchAtLogin,
      hasApiKey: (await core.listKeys()).length > 0,
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
      await core.updateSettings({ app: { launchAtLogin: enabled } });
      platform.setLaunchAtLogin(enabled);
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
  watchForNotifications(core, platform);

  const shutdown = createShutdown({
    stop: async () => {
      service.dispose();
      batcher.dispose();
      await core.stop();
    },
    finish: () => tray.destroy(),
    quit: () => app.quit(),
    exit: (code) => app.exit(code),
    clock: systemClock,
    logger,
  });
  app.on('before-quit', (event) => shutdown.onBeforeQuit(event));

  await core.start();
  await refreshTray();
  if (core.listAccounts().length === 0) showDashboard();
}
