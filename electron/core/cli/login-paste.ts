/**
 * `lingma-gateway login <name> --paste`: log in from another machine. The login URL can be opened
 * in any browser; the callback address that browser then fails to open is pasted here and handed
 * to the child that issued the URL (§6.2). A login finished on this machine meanwhile also ends it.
 */
import { createInterface } from 'node:readline';
import type { CoreApi } from '../core-api';

/** Mistakes worth another try; anything else (expired, refused, not running) ends the command. */
const RETRYABLE = new Set(['bad_link', 'foreign_link']);

export async function loginByPaste(
  core: CoreApi,
  id: string,
  url: string,
  timeoutMs: number,
): Promise<void> {
  process.stdout.write(
    `Open this URL in a browser on any machine and log in:\n${url}\n\n` +
      'The browser then fails to open an address starting with http://127.0.0.1:…/auth/callback?\n' +
      'Copy that whole address from its address bar and paste it here.\n',
  );
  const abort = new AbortController();
  const loggedIn = core
    .waitForLogin(id, { timeoutMs, signal: abort.signal })
    .then(() => 'done' as const);
  const rl = createInterface({ input: process.stdin, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  try {
    for (;;) {
      process.stdout.write('Address: ');
      const next = await Promise.race([lines.next(), loggedIn]);
      if (typeof next === 'string') return;
      if (next.done === true) throw new Error('No address was pasted (standard input closed).');
      const line = String(next.value).trim();
      if (line === '') continue;
      try {
        await core.completeLoginPaste(id, line);
        return;
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        if (typeof code !== 'string' || !RETRYABLE.has(code)) throw err;
        process.stdout.write(`${(err as Error).message}\n`);
      }
    }
  } finally {
    abort.abort(new Error('login finished'));
    loggedIn.catch(() => undefined);
    rl.close();
  }
}
