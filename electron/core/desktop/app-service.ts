import type { InvokeHandlers, PushFn } from '../../shared/contract';
import type { LoginPhase } from '../../shared/dto';
import type { ClientSetup } from '../client-setup/client-setup';
import type { CoreApi } from '../core-api';
import { updateHandlers } from '../update/update-handlers';
import type { UpdateControl } from '../update/update-service';
import type { Logger } from '../util/logger';
import { clientHandlers } from './client-handlers';
import { createLoginFlow } from './login-flow';
import type { DesktopPlatform } from './platform';

export interface AppServiceOptions {
  core: CoreApi;
  platform: DesktopPlatform;
  logger: Logger;
  /** One-click setup of the user's tools (temp HOME in tests). */
  clients: ClientSetup;
  /** How long a login may take before it is abandoned (the user walked away). */
  loginTimeoutMs?: number;
  secretsEncrypted: boolean;
  /** The app's self-update (desktop app only; absent elsewhere, the channels say so). */
  updates?: UpdateControl;
}

export interface AppService {
  handlers: InvokeHandlers;
  /** Forwards core events as pushes; returns the unsubscribe. */
  connect(push: PushFn): () => void;
  /** Starts the login flow (tray menu and the accounts page both use it). */
  login(accountId: string): Promise<void>;
  /** Makes the launch-at-login setting match the OS (the user may have changed it there). */
  reconcileLaunchAtLogin(): Promise<void>;
  dispose(): void;
}

/**
 * Implements the IPC contract over the core: the same object serves Electron's ipcMain and the
 * browser-test bridge, so the UI tests exercise the real handlers.
 */
export function createAppService(o: AppServiceOptions): AppService {
  const { core, platform } = o;
  const pushers = new Set<PushFn>();
  const progress = (accountId: string, phase: LoginPhase, message?: string, url?: string): void => {
    for (const push of pushers) push('login:progress', { accountId, phase, message, url });
  };
  const flow = createLoginFlow({
    core,
    platform,
    logger: o.logger,
    timeoutMs: o.loginTimeoutMs,
    progress,
  });

  const setLaunchAtLogin = async (enabled: boolean) => {
    const state = await platform.launchAtLogin.set(enabled);
    if (core.getSettings().app.launchAtLogin !== state.enabled) {
      await core.updateSettings({ app: { launchAtLogin: state.enabled } });
    }
    return state;
  };

  const handlers: InvokeHandlers = {
    'app:info': async () => ({
      version: platform.appVersion(),
      platform: process.platform,
      locales: platform.systemLocales(),
      secretsEncrypted: o.secretsEncrypted,
      dataDir: core.dataDir,
    }),
    'gateway:status': async () => core.gatewayStatus(),
    'gateway:start': () => core.startGateway(),
    'gateway:stop': () => core.stopGateway(),
    'accounts:list': async () => core.listAccounts(),
    'accounts:add': ({ name }) => core.addAccount(name),
    'accounts:login': ({ id }) => flow.login(id),
    'accounts:cancel-login': async ({ id }) => {
      if (flow.isActive(id)) progress(id, 'cancelled');
      flow.cancel(id);
    },
    // The login window keeps waiting; a pasted callback completes the same login (§6.2).
    'accounts:login-paste': ({ id, url }) => core.completeLoginPaste(id, url),
    'accounts:logout': ({ id }) => core.logoutAccount(id),
    'accounts:set-enabled': ({ id, enabled }) => core.setAccountEnabled(id, enabled),
    'accounts:remove': async ({ id, deleteData }) => {
      flow.cancel(id);
      await core.removeAccount(id, deleteData);
    },
    'accounts:export-bundle': async ({ id, passphrase }) => {
      const data = await core.exportBundle(id, passphrase);
      const name = core.listAccounts().find((a) => a.id === id)?.name ?? id;
      const path = await platform.saveFile(`lingma-login-${name}.lgwbundle`, data);
      return { saved: path !== undefined, path };
    },
    'accounts:import-bundle': async ({ id, passphrase, data }) => {
      const bytes =
        data !== undefined
          ? Buffer.from(data, 'base64')
          : await platform.openFile([
              { name: 'Lingma Gateway login', extensions: ['lgwbundle', 'json'] },
            ]);
      if (!bytes) return { imported: false, message: 'No file chosen.' };
      return core.importBundle(id, bytes, passphrase);
    },
    'keys:list': () => core.listKeys(),
    'keys:create': ({ name }) => core.createKey(name),
    'keys:revoke': ({ id }) => core.revokeKey(id),
    'keys:reveal': ({ id }) => core.revealKey(id),
    'settings:get': async () => core.getSettings(),
    'settings:update': async (patch) => {
      const wanted = patch.app?.launchAtLogin;
      const result = await core.updateSettings(patch);
      // The OS, not the setting, decides: store what it actually did.
      if (wanted !== undefined) {
        await setLaunchAtLogin(wanted);
        return { ...result, settings: core.getSettings() };
      }
      return result;
    },
    'models:list': () => core.listModels(),
    'test:run': (req) => core.runTest(req),
    'clipboard:write': async ({ text }) => platform.writeClipboard(text),
    'shell:open-external': ({ url }) => platform.openExternal(url),
    'logs:query': (q) => core.queryLogs(q),
    'logs:get': ({ id }) => core.getLog(id),
    'logs:export': async ({ ids }) => {
      const { json, count } = await core.exportLogs(ids);
      const path = await platform.saveFile(
        'lingma-gateway-requests.json',
        Buffer.from(json, 'utf8'),
      );
      return { saved: path !== undefined, path, count };
    },
    'logs:stats': (q) => core.logStats(q),
    'usage:get': ({ days }) => core.usage(days),
    'binary:status': async () => core.binaryStatus(),
    'binary:check-update': () => core.checkBinaryUpdate(),
    'binary:download': () => core.downloadBinary(),
    ...updateHandlers(o.updates, () => platform.appVersion()),
    'binary:cancel': () => core.cancelBinaryDownload(),
    ...clientHandlers(core, o.clients),
    'app:launch-at-login': () => platform.launchAtLogin.get(),
    'app:set-launch-at-login': ({ enabled }) => setLaunchAtLogin(enabled),
  };

  return {
    handlers,
    login: flow.login,
    async reconcileLaunchAtLogin() {
      const state = await platform.launchAtLogin.get();
      if (state.supported && core.getSettings().app.launchAtLogin !== state.enabled) {
        await core.updateSettings({ app: { launchAtLogin: state.enabled } });
      }
    },
    connect(push) {
      pushers.add(push);
      const offs = [
        core.onGatewayChange((s) => push('gateway:changed', s)),
        core.onAccountsChange((a) => push('accounts:changed', a)),
        core.onLogs((c) => push('logs:changed', c)),
        core.onBinaryProgress((b) => push('binary:progress', b)),
        core.onSettingsChange((s) => push('settings:changed', s)),
        ...(o.updates ? [o.updates.onChange((s) => push('update:changed', s))] : []),
      ];
      return () => {
        pushers.delete(push);
        offs.forEach((off) => off());
      };
    },
    dispose: () => flow.dispose(),
  };
}
