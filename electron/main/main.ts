/**
 * Electron entry: single instance, tray-resident, hardened, self-updating, ordered and bounded
 * shutdown. Everything it does is wiring: the core (electron/core) holds the logic; this file
 * adapts Electron to it.
 */
import { app, Menu, session, shell, type BrowserWindow } from 'electron';
import { autoUpdater } from 'electron-updater';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ClientSetup } from '../core/client-setup/client-setup';
import { createCore } from '../core/create-core';
import { createAppService } from '../core/desktop/app-service';
import { UpdateService } from '../core/update/update-service';
import { systemClock } from '../core/util/clock';
import { createJsonLogger } from '../core/util/logger';
import { appMenuTemplate } from './app-menu';
import { createTranslator, resolveLanguage, type Language, type Translate } from '../shared/i18n';
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
import { trayActionHandler } from './tray-actions';
import { showReleaseNotes } from './update-dialog';
import { electronUpdaterPort } from './updater';
import { installWebContentsGuard, isHttpUrl } from './web-guard';
import { createDashboardWindow, rendererUrl } from './windows';

const appRoot = app.getAppPath();
/** Pushes that change what the tray shows. */
const TRAY_PUSHES: ReadonlySet<string> = new Set([
  'gateway:changed',
  'accounts:changed',
  'settings:changed',
  'binary:progress',
]);
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
  const updates = new UpdateService({
    updater: electronUpdaterPort(autoUpdater, {
      logger,
      beforeInstall: () => shutdown.allowWindowsToClose(),
    }),
    // Read synchronously on the updater's own schedule: the services' current state.
    settings: () => core.services.settings.get().app,
    inFlight: () => core.services.gateway.status().inFlight,
    currentVersion: app.getVersion(),
    clock: systemClock,
    logger,
  });
  const clients = new ClientSetup({
    ctx: { home: homedir(), env: process.env, platform: process.platform },
    backupDir: join(dataDir, 'client-backups'),
  });
  const service = createAppService({ core, platform, clients, updates });
  const { api } = service;
  // Tray and notifications speak the language the renderer shows (setting, else the OS's).
  const language = (): Language =>
    resolveLanguage(core.services.settings.get().app.language, platform.systemLocales());
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
      'update:changed': keepLast,
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
    const [gateway, accounts, binary, settings, keys] = await Promise.all([
      api.gatewayStatus(),
      api.accountsList(),
      api.binaryStatus(),
      api.settingsGet(),
      api.keysList(),
    ]);
    tray.update({
      gateway,
      accounts,
      binary,
      launchAtLogin: settings.app.launchAtLogin,
      hasApiKey: keys.length > 0,
      language: language(),
      update: updates.status(),
    });
  };
  const onTray = trayActionHandler({
    api,
    platform,
    updates,
    showDashboard,
    showReleaseNotes: (status) => showReleaseNotes(status, window),
    quit: () => app.quit(),
    t: () => noticeLanguage().t,
  });
  const tray = new TrayController(resourcesDir, (action) => {
    onTray(action)
      .catch((err: unknown) => logger.error('tray action failed', { action, err }))
      .finally(() => void refreshTray());
  });
  // The tray follows the same pushes as the window.
  service.connect((channel) => {
    if (channel === 'settings:changed') updates.settingsChanged();
    if (TRAY_PUSHES.has(channel)) void refreshTray();
  });
  let lastPhase = updates.status().phase;
  updates.onChange((status) => {
    if (status.phase === 'downloaded' && lastPhase !== 'downloaded') {
      const { t } = noticeLanguage();
      platform.notify(
        t('update.readyTitle', { version: status.version ?? '' }),
        t('update.readyBody'),
      );
    }
    lastPhase = status.phase;
    void refreshTray();
  });
  watchForNotifications(service, platform, noticeLanguage, {
    accounts: await api.accountsList(),
    gateway: await api.gatewayStatus(),
    binary: await api.binaryStatus(),
  });

  const shutdown = createShutdown({
    stop: async () => {
      updates.stop();
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
  updates.start();
  await service
    .reconcileLaunchAtLogin()
    .catch((err: unknown) => logger.warn('launch at login unreadable', { err }));
  await refreshTray();
  if ((await api.accountsList()).length === 0) showDashboard();
}
