/**
 * `/internal/*` as a host of the same handlers: its login is `accounts:login` with the page
 * handed back instead of shown, its paste is `accounts:login-paste`, its session export is
 * `accounts:export-bundle` with the file delivered in the response. The operator-only reads
 * (stats, raw models) come from the composition root.
 */
import type { InternalDeps } from '../gateway/routes/internal/route';
import type { CoreServices } from '../services/core-services';
import { accountList } from './accounts';
import { createHandlers } from './index';

export type InternalExtras = Pick<InternalDeps, 'adminToken' | 'stats' | 'modelsRaw'>;

/** `services` is read on each request (the gateway app is built before the services exist). */
export function internalDeps(services: () => CoreServices, extras: InternalExtras): InternalDeps {
  return {
    ...extras,
    accounts: () => accountList(services()),
    startLogin: async (accountId) => {
      let url: string | undefined;
      const host = { openLoginWindow: (page: { url: string }) => void (url = page.url) };
      await createHandlers(services(), host)['accounts:login']({ id: accountId });
      // Another start for the same account (a second click, a second script) took over first.
      if (url === undefined)
        throw Object.assign(new Error('A newer login of this account replaced this one.'), {
          code: 'replaced',
        });
      return { url };
    },
    completeLoginPaste: (accountId, url) =>
      createHandlers(services())['accounts:login-paste']({ id: accountId, url }),
    exportBundle: async (accountId, passphrase) => {
      let file: Buffer | undefined;
      const host = { saveFile: async (name: string, data: Buffer) => ((file = data), name) };
      await createHandlers(services(), host)['accounts:export-bundle']({
        id: accountId,
        passphrase,
      });
      if (!file) throw new Error('The session export produced no file.');
      return file;
    },
    // The stored entries as they are: the operator API's own shape, not the UI's list view.
    queryLogs: async (q) => services().logs.query(q),
    getLog: async (id) => {
      const entry = await services().logs.get(id);
      return entry ? (entry as unknown as Awaited<ReturnType<InternalDeps['getLog']>>) : null;
    },
  };
}
