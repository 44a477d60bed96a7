import { describe, expect, it } from 'vitest';
import type { CallbackValues, HttpDelivery } from '../lingma/login-paste';
import type { LingmaClientApi } from '../lingma/types';
import { PendingLogins } from './pending-logins';

const NONCE_A = 'a'.repeat(32);
const NONCE_B = 'b'.repeat(32);
const paste = (nonce: string): string =>
  `http://127.0.0.1:9/auth/callback?state=${nonce}&auth=A%23b&token=T%26k`;

interface Rig {
  logins: PendingLogins;
  client: LingmaClientApi;
  http: Array<{ port: number; values: CallbackValues }>;
  rpc: unknown[];
  clock: { t: number };
}

function rig(answer: HttpDelivery = { status: 200 }, rpcFails = false): Rig {
  const clock = { t: 1_000 };
  const http: Rig['http'] = [];
  const rpc: unknown[] = [];
  const client = {
    authCallback: async (p: unknown) => {
      rpc.push(p);
      if (rpcFails) throw new Error('Invalid login nonce');
    },
  } as unknown as LingmaClientApi;
  const logins = new PendingLogins({
    now: () => clock.t,
    deliverHttp: async (port, values) => {
      http.push({ port, values });
      return answer;
    },
  });
  return { logins, client, http, rpc, clock };
}

const codeOf = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'ok',
    (err: { code?: string }) => err.code ?? 'error',
  );

describe('PendingLogins', () => {
  it('hands the callback to the child that issued it, over its HTTP port, decoded', async () => {
    const r = rig();
    r.logins.issued('acc', { nonce: NONCE_A, client: r.client, httpPort: 4321 });
    await r.logins.complete('acc', paste(NONCE_A), r.client, () => undefined);
    expect(r.http).toEqual([{ port: 4321, values: { nonce: NONCE_A, auth: 'A#b', token: 'T&k' } }]);
    // The nonce is spent: the same address again has no login to complete.
    expect(await codeOf(r.logins.complete('acc', paste(NONCE_A), r.client, () => undefined))).toBe(
      'no_login',
    );
  });

  it('names the account a foreign link belongs to, and refuses an older link', async () => {
    const r = rig();
    r.logins.issued('a', { nonce: NONCE_A, client: r.client, httpPort: 1 });
    r.logins.issued('b', { nonce: NONCE_B, client: r.client, httpPort: 2 });
    const names = (id: string) => ({ a: 'alice', b: 'bob' })[id];
    await expect(r.logins.complete('b', paste(NONCE_A), r.client, names)).rejects.toMatchObject({
      code: 'foreign_link',
      message: expect.stringContaining('"alice"'),
    });
    expect(await codeOf(r.logins.complete('b', paste('c'.repeat(32)), r.client, names))).toBe(
      'foreign_link',
    );
    expect(r.http).toHaveLength(0);
  });

  it('refuses an expired link and one whose child restarted, without touching any child', async () => {
    const r = rig();
    r.logins.issued('acc', { nonce: NONCE_A, client: r.client, httpPort: 1 });
    r.clock.t += 10 * 60_000 + 1;
    expect(await codeOf(r.logins.complete('acc', paste(NONCE_A), r.client, () => undefined))).toBe(
      'expired',
    );
    r.logins.issued('acc', { nonce: NONCE_B, client: r.client, httpPort: 1 });
    const restarted = {} as LingmaClientApi;
    expect(await codeOf(r.logins.complete('acc', paste(NONCE_B), restarted, () => undefined))).toBe(
      'expired',
    );
    expect(r.http).toHaveLength(0);
  });

  it('reports a refusal by the child, and falls back to login/auth_callback when HTTP is unreachable', async () => {
    const refused = rig({ status: 400 });
    refused.logins.issued('acc', { nonce: NONCE_A, client: refused.client, httpPort: 1 });
    expect(
      await codeOf(refused.logins.complete('acc', paste(NONCE_A), refused.client, () => undefined)),
    ).toBe('rejected');
    expect(refused.rpc).toHaveLength(0); // the nonce is spent: no second try over RPC

    const down = rig({ error: 'ECONNREFUSED' });
    down.logins.issued('acc', { nonce: NONCE_A, client: down.client, httpPort: 1 });
    await down.logins.complete('acc', paste(NONCE_A), down.client, () => undefined);
    expect(down.rpc).toEqual([{ nonce: NONCE_A, auth: 'A#b', tokenString: 'T&k' }]);

    const both = rig({ error: 'ECONNREFUSED' }, true);
    both.logins.issued('acc', { nonce: NONCE_A, client: both.client, httpPort: 1 });
    expect(
      await codeOf(both.logins.complete('acc', paste(NONCE_A), both.client, () => undefined)),
    ).toBe('rejected');
  });
});
