/**
 * `lingma-gateway login <name> [--paste]`: the one login flow (`accounts:login`) with the URL
 * printed instead of a window. With `--paste` the URL can be opened in a browser on any machine;
 * the callback address that browser then fails to open is pasted here and goes to the child that
 * issued the URL (`accounts:login-paste`, §6.2). A login finished on this machine meanwhile also
 * ends it.
 */
import { createInterface } from 'node:readline';
import type { InvokeApi } from '../../shared/contract';
import type { Core } from '../core-api';
import { watchLoginEnd } from '../handlers/login-end';

/** Mistakes worth another try; anything else (expired, refused, not running) ends the command. */
const RETRYABLE = new Set(['bad_link', 'foreign_link']);

const OPEN_HERE = 'Open this URL in a browser and log in:\n';
const OPEN_ANYWHERE =
  'Open this URL in a browser on any machine and log in:\n%URL%\n\n' +
  'The browser then fails to open an address starting with http://127.0.0.1:…/auth/callback?\n' +
  'Copy that whole address from its address bar and paste it here.\n';

export async function login(
  core: Core,
  id: string,
  o: { paste: boolean; timeoutMs: number },
): Promise<void> {
  const api = core.api({
    openLoginWindow: ({ url }) => {
      process.stdout.write(o.paste ? OPEN_ANYWHERE.replace('%URL%', url) : `${OPEN_HERE}${url}\n`);
    },
  });
  const end = watchLoginEnd((push) => core.connect(push), id, o.timeoutMs);
  try {
    await api.accountsLogin({ id });
    await (o.paste ? pasteUntilLoggedIn(api, id, end.done) : end.done);
  } catch (err) {
    // Out of time (or input): the login must not keep waiting behind the command.
    await api.accountsCancelLogin({ id });
    throw err;
  } finally {
    end.close();
  }
}

async function pasteUntilLoggedIn(api: InvokeApi, id: string, done: Promise<void>): Promise<void> {
  const loggedIn = done.then(() => 'done' as const);
  const rl = createInterface({ input: process.stdin, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  try {
    for (;;) {
      process.stdout.write('Address: ');
      const next = await Promise.race([lines.next(), loggedIn]);
      if (next === 'done') return;
      if (next.done === true) throw new Error('No address was pasted (standard input closed).');
      const line = String(next.value).trim();
      if (line === '') continue;
      try {
        await api.accountsLoginPaste({ id, url: line });
        return;
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        if (typeof code !== 'string' || !RETRYABLE.has(code)) throw err;
        process.stdout.write(`${(err as Error).message}\n`);
      }
    }
  } finally {
    rl.close();
  }
}
