/**
 * The login flow shared by the tray and the accounts page: make sure Lingma is there (joining or
 * starting its download), have the account's child issue a login URL, open the login window,
 * wait for the child to report the login, and report every phase as `login:progress`.
 */
import type { LoginPhase } from '../../shared/dto';
import { createTranslator, resolveLanguage } from '../../shared/i18n';
import type { CoreApi } from '../core-api';
import type { Logger } from '../util/logger';
import type { DesktopPlatform, LoginWindowHandle } from './platform';

interface ActiveLogin {
  abort: AbortController;
  window?: LoginWindowHandle;
}

export type ProgressFn = (
  accountId: string,
  phase: LoginPhase,
  message?: string,
  url?: string,
) => void;

export interface LoginFlow {
  login(id: string): Promise<void>;
  cancel(id: string): void;
  isActive(id: string): boolean;
  dispose(): void;
}

export function createLoginFlow(o: {
  core: CoreApi;
  platform: DesktopPlatform;
  logger: Logger;
  timeoutMs?: number;
  progress: ProgressFn;
}): LoginFlow {
  const { core, platform, progress } = o;
  const logins = new Map<string, ActiveLogin>();

  const cancel = (id: string): void => {
    const active = logins.get(id);
    if (!active) return;
    logins.delete(id);
    active.abort.abort(new Error('cancelled'));
    active.window?.close();
  };

  /** Lingma must be on disk before a child can start: wait for (or start) its download. */
  const ensureBinary = async (): Promise<void> => {
    if (core.binaryStatus().path) return;
    const status = await core.downloadBinary();
    if (!status.path) {
      throw Object.assign(
        new Error(status.failure?.message ?? status.error ?? 'Lingma is not installed.'),
        { code: 'binary_missing' },
      );
    }
  };

  const login = async (id: string): Promise<void> => {
    cancel(id);
    const account = core.listAccounts().find((a) => a.id === id);
    if (!account) throw Object.assign(new Error(`No account ${id}.`), { code: 'not_found' });
    const active: ActiveLogin = { abort: new AbortController() };
    logins.set(id, active);
    progress(id, 'starting');
    let start;
    try {
      await ensureBinary();
      if (active.abort.signal.aborted) return;
      start = await core.beginLogin(id);
    } catch (err) {
      if (logins.get(id) !== active) return;
      logins.delete(id);
      progress(id, 'failed', err instanceof Error ? err.message : String(err));
      throw err;
    }
    if (active.abort.signal.aborted) return;
    const lang = resolveLanguage(core.getSettings().app.language, platform.systemLocales());
    active.window = platform.openLoginWindow({
      accountId: id,
      accountName: account.name,
      url: start.url,
      callbackPort: start.callbackPort,
      title: createTranslator(lang)('login.windowTitle', { name: account.name }),
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
      .waitForLogin(id, { timeoutMs: o.timeoutMs ?? 10 * 60_000, signal: active.abort.signal })
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

  return {
    login,
    cancel,
    isActive: (id) => logins.has(id),
    dispose() {
      for (const id of [...logins.keys()]) cancel(id);
    },
  };
}
