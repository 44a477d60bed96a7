/**
 * Logging an account out from the UI, end to end with two Lingma children per account: every
 * child is logged out, not only the primary (the workers run on copies of the login and kept
 * serving before the logout moved into the pool, pool/account-lifecycle.ts).
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../testing/core-harness';

const ADMIN = 'admin-token-for-logout-tests';
let h: Harness;

/** Each instance's state, as an operator sees it in `/healthz`. */
async function instanceStates(): Promise<Record<string, string>> {
  const res = await fetch(`${h.baseUrl}/healthz`, {
    headers: { authorization: `Bearer ${ADMIN}` },
  });
  const body = (await res.json()) as { instances: Array<{ id: string; state: string }> };
  return Object.fromEntries(body.instances.map((i) => [i.id, i.state]));
}

async function until(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  h = await startHarness({
    accounts: ['alpha'],
    settings: { routing: { workersPerAccount: 2 } },
    env: { ADMIN_TOKEN: ADMIN },
  });
}, 60_000);
afterAll(() => h.close());

describe('logout from the UI with two children per account', () => {
  it('logs out the worker too, so nothing serves the account any more', async () => {
    const [alpha] = h.accountIds as [string];
    const both = { [alpha]: 'ready', [`${alpha}#2`]: 'ready' };
    await until(async () => JSON.stringify(await instanceStates()) === JSON.stringify(both));

    await h.api.accountsLogout({ id: alpha });
    expect(await instanceStates()).toEqual({
      [alpha]: 'logged-out',
      [`${alpha}#2`]: 'logged-out',
    });
    const openai = new OpenAI({ baseURL: `${h.baseUrl}/v1`, apiKey: h.apiKey, maxRetries: 0 });
    await expect(
      openai.chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'anyone there?' }],
      }),
    ).rejects.toMatchObject({ status: 503 });
  });
});
