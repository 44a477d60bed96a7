/**
 * Logging in from another machine, end to end: the login URL is "opened" by a browser that stops
 * at the callback (nothing answers on its 127.0.0.1), and the address as its address bar shows
 * it — `#`, `&` and `%` unescaped — is pasted through `accounts:login-paste`, or into
 * `/internal/login/paste`.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asShownInAddressBar, playBrowserLogin } from '../../../scripts/lingma-sim/testing';
import { startHarness, startLogin, type Harness } from '../testing/core-harness';

const ADMIN = 'admin-token-for-paste-tests';
let h: Harness;

/** Signs in "elsewhere" and returns the callback address the user would paste. */
async function signInElsewhere(loginUrl: string, username: string): Promise<string> {
  const page = await playBrowserLogin(loginUrl, { username, followCallback: false });
  return asShownInAddressBar(page.callbackUrl);
}

interface InternalReply {
  status: number;
  json: { url?: string; loggedIn?: boolean; error?: { code?: string; message: string } };
}

async function internal(path: string, body: unknown): Promise<InternalReply> {
  const res = await fetch(`${h.baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as InternalReply['json'] };
}

beforeAll(async () => {
  h = await startHarness({
    accounts: ['alpha', 'beta'],
    login: false,
    env: { ADMIN_TOKEN: ADMIN },
  });
}, 60_000);
afterAll(() => h.close());

describe('login by pasting the callback address', () => {
  it('completes a login in the core from an unescaped address, and the account serves', async () => {
    const [alpha] = h.accountIds as [string];
    const url = await startLogin(h.core, alpha);
    const pasted = await signInElsewhere(url, 'alice@example.com');
    expect(pasted).toMatch(/[#&%]/); // the trap a standard URL parser falls into
    await h.api.accountsLoginPaste({ id: alpha, url: pasted });
    const account = h.core.listAccounts().find((a) => a.id === alpha);
    expect(account?.userName).toBe('alice@example.com');
    const openai = new OpenAI({ baseURL: `${h.baseUrl}/v1`, apiKey: h.apiKey, maxRetries: 0 });
    const r = await openai.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'logged in from afar?' }],
    });
    expect(r.choices[0]?.message.content).toContain('You said: logged in from afar?');
    // The link is spent: pasting it again finds no login waiting.
    await expect(h.api.accountsLoginPaste({ id: alpha, url: pasted })).rejects.toMatchObject({
      code: 'no_login',
    });
  });

  it("over /internal: refuses another account's link by name, then takes the right one", async () => {
    const [alpha, beta] = h.accountIds as [string, string];
    // Logged in by the test above: a login of a logged-in account ends at once.
    await h.api.accountsLogout({ id: alpha });
    const forAlpha = await startLogin(h.core, alpha);
    const started = await internal('/internal/login/start', { account: beta });
    expect(started.status).toBe(200);
    // The running login shows in the operator's status, as the dashboard shows it.
    const status = (await (
      await fetch(`${h.baseUrl}/internal/auto-login/status`, {
        headers: { authorization: `Bearer ${ADMIN}` },
      })
    ).json()) as { accounts: Array<{ id: string; login: { phase: string; url?: string } | null }> };
    expect(status.accounts.find((a) => a.id === beta)?.login).toMatchObject({
      phase: 'waiting',
      url: started.json.url,
    });
    const alphaLink = await signInElsewhere(forAlpha, 'alice@example.com');
    const wrong = await internal('/internal/login/paste', { account: beta, url: alphaLink });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error).toMatchObject({ code: 'foreign_link' });
    expect(wrong.json.error?.message).toContain('"alpha"');

    const garbage = await internal('/internal/login/paste', { account: beta, url: 'not a link' });
    expect(garbage.json.error).toMatchObject({ code: 'bad_link' });

    const betaLink = await signInElsewhere(started.json.url as string, 'bob@example.com');
    const ok = await internal('/internal/login/paste', { account: beta, url: betaLink });
    expect(ok).toEqual({ status: 200, json: { loggedIn: true } });
    expect(h.core.listAccounts().find((a) => a.id === beta)?.userName).toBe('bob@example.com');
  });
});
