/**
 * `accounts:*`: the accounts and their logins. Every host logs in through `accounts:login`, which
 * runs the one login flow (services/login-flow.ts) and shows the page the host's way.
 */
import type { InvokeHandlers } from '../../shared/contract';
import type { AccountDto } from '../../shared/dto';
import { createTranslator, resolveLanguage } from '../../shared/i18n';
import type { CoreServices } from '../services/core-services';
import type { LoginPresenter } from '../services/login-flow';
import { unsupported, type HostPorts } from './host';

type AccountChannels =
  | 'accounts:list'
  | 'accounts:add'
  | 'accounts:login'
  | 'accounts:cancel-login'
  | 'accounts:login-paste'
  | 'accounts:logout'
  | 'accounts:set-enabled'
  | 'accounts:remove'
  | 'accounts:export-bundle'
  | 'accounts:import-bundle';

/** The host's way of showing a login page, titled in the user's language. */
function presenter(s: CoreServices, host: HostPorts): LoginPresenter | undefined {
  const open = host.openLoginWindow?.bind(host);
  if (!open) return undefined;
  return (page) => {
    const lang = resolveLanguage(s.settings.get().app.language, host.systemLocales?.() ?? []);
    const title = createTranslator(lang)('login.windowTitle', { name: page.accountName });
    return open({ ...page, title });
  };
}

/** The accounts as every host shows them, each with its running login's latest report. */
export function accountList(s: CoreServices): AccountDto[] {
  return s.accounts.list().map((a) => {
    const login = s.logins.current(a.id);
    return login ? { ...a, login } : a;
  });
}

export function accountHandlers(
  s: CoreServices,
  host: HostPorts,
): Pick<InvokeHandlers, AccountChannels> {
  return {
    'accounts:list': async () => accountList(s),
    'accounts:add': ({ name }) => s.accounts.add(name),
    'accounts:login': async ({ id }) => {
      try {
        await s.logins.start(id, presenter(s, host));
      } catch (err) {
        // Cancelled before the page was shown: the progress push already says so.
        if ((err as { code?: unknown }).code !== 'cancelled') throw err;
      }
    },
    'accounts:cancel-login': async ({ id }) => s.logins.cancel(id),
    // A running login window keeps waiting; the pasted callback completes the same login (§6.2).
    'accounts:login-paste': ({ id, url }) => s.logins.paste(id, url),
    'accounts:logout': ({ id }) => s.accounts.logout(id),
    'accounts:set-enabled': ({ id, enabled }) => s.accounts.setEnabled(id, enabled),
    'accounts:remove': async ({ id, deleteData }) => {
      s.logins.cancel(id, { quiet: true });
      await s.accounts.remove(id, deleteData);
    },
    'accounts:export-bundle': async ({ id, passphrase }) => {
      if (!host.saveFile) throw unsupported('Saving a file');
      const data = await s.accounts.exportBundle(id, passphrase);
      const name = s.accounts.get(id)?.name ?? id;
      const path = await host.saveFile(`lingma-login-${name}.lgwbundle`, data);
      return { saved: path !== undefined, path };
    },
    'accounts:import-bundle': async ({ id, passphrase, data }) => {
      const filters = [{ name: 'Lingma Gateway login', extensions: ['lgwbundle', 'json'] }];
      if (data === undefined && !host.openFile) throw unsupported('Choosing a file');
      const bytes =
        data !== undefined ? Buffer.from(data, 'base64') : await host.openFile?.(filters);
      if (!bytes) return { imported: false, message: 'No file chosen.' };
      return s.accounts.importBundle(id, bytes, passphrase);
    },
  };
}
