import type { InvokeHandlers, PushFn } from '../../shared/contract';
import type { LoginPhase } from '../../shared/dto';
import type { CoreApi } from '../core-api';
import { updateHandlers } from '../update/update-handlers';
import type { UpdateControl } from '../update/update-service';
import type { Logger } from '../util/logger';
import type { DesktopPlatform, LoginWindowHandle } from './platform';

export interface AppServiceOptions {
  core: CoreApi;
  platform: DesktopPlatform;
  logger: Logger;
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
  dispose(): void;
}

interface ActiveLogin {
  abort: AbortController;
  window?: LoginWindowHandle;
}

/**
 * Implements the IPC contract over the core: the same object serves Electron's ipcMain and the
 * browser-test bridge, so the UI tests exercise the real handlers.
 */
export function createAppService(o: AppServiceOptions): AppService {
  const { core, platform } = o;
  const logins = new Map<string, ActiveLogin>();
  const pushers = new Set<PushFn>();
  const progress = (accountId: string, phase: LoginPhase, message?: string, url?: string): void => {
    for (const push of pushers) push('login:progress', { accountId, phase, message, url });
  };

  const cancelLogin = (id: string): void => {
    const active = logins.get(id);
    if (!active) return;
    logins.delete(id);
    active.abort.abort(new Error('cancelled'));
    active.window?.close();
  };

  const login = async (id: string): Promise<void> => {
    cancelLogin(id);
    const account = core.listAccounts().find((a) => a.id === id);
    if (!account) throw Object.assign(new Error(`No account ${id}.`), { code: 'not_found' });
    const active: ActiveLogin = { abort: new AbortController() };
    logins.set(id, active);
    progress(id, 'starting');
    let start;
    try {
      start = await core.beginLogin(id);
    } catch (err) {
      logins.delete(id);
      const message = err instanceof Error ? err.message : String(err);
      progress(id, 'failed', message);
      throw err;
    }
    if (active.abort.signal.aborted) return;
    active.window = platform.openLoginWindow({
      accountId: id,
      accountName: account.name,
      url: start.url,
      callbackPort: start.callbackPort,
    });
    progress(id, 'waiting', undefined, start.url);
    const window = active.window;
    void window.closed.then((how) => {
      if (how === 'closed-by-user' && logins.get(id) === active) {
        logins.delete(id);
        active.abort.abort(new Error('closed'));
        progress(id, 'cancelled', 'The login window was closed.');
      }
    });
    core
      .waitForLogin(id, { timeoutMs: o.loginTimeoutMs ?? 10 * 60_000, signal: active.abort.signal })
      .then(() => {
        if (logins.get(id) !== active) return;
        logins.delete(id);
        window.close();
        progress(id, 'succeeded');
      })
      .catch((err: unknown) => {
        if (logins.get(id) !== active) return;
        logins.delete(id);
        window.close();
        const timeout = (err as { code?: unknown }).code === 'timeout';
        progress(
          id,
          timeout ? 'timeout' : 'failed',
          err instanceof Error ? err.message : String(err),
        );
        o.logger.warn('login did not complete', { accountId: id, err });
      });
  };

  const handlers: InvokeHandlers = {
    'app:info': async () => ({
      version: platform.appVersion(),
      platform: process.platform,
      secretsEncrypted: o.secretsEncrypted,
      dataDir: core.dataDir,
    }),
    'gateway:status': async () => core.gatewayStatus(),
    'gateway:start': () => core.startGateway(),
    'gateway:stop': () => core.stopGateway(),
    'accounts:list': async () => core.listAccounts(),
    'accounts:add': ({ name }) => core.addAccount(name),
    'accounts:login': ({ id }) => login(id),
    'accounts:cancel-login': async ({ id }) => {
      if (logins.has(id)) progress(id, 'cancelled');
      cancelLogin(id);
    },
    // The login window keeps waiting; a pasted callback completes the same login (§6.2).
    'accounts:login-paste': ({ id, url }) => core.completeLoginPaste(id, url),
    'accounts:logout': ({ id }) => core.logoutAccount(id),
    'accounts:set-enabled': ({ id, enabled }) => core.setAccountEnabled(id, enabled),
    'accounts:remove': async ({ id, deleteData }) => {
      cancelLogin(id);
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
      const result = await core.updateSettings(patch);
      platform.setLaunchAtLogin(result.settings.app.launchAtLogin);
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
    'usage:get': ({ days }) => core.usage(days),
    'binary:status': async () => core.binaryStatus(),
    'binary:check-update': () => core.checkBinaryUpdate(),
    'binary:download': () => core.downloadBinary(),
    ...updateHandlers(o.updates, () => platform.appVersion()),
  };

  return {
    handlers,
    login,
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
    dispose() {
      for (const id of [...logins.keys()]) cancelLogin(id);
    },
  };
}
