import { describe, expect, it } from 'vitest';
import { ApiError } from '../gateway/errors';
import { loginStartError } from '../gateway/routes/internal/route';
import { internalDeps } from './internal';
import { LOGIN_URL, loginRig, tick } from './testing/login-rig';

const extras = { adminToken: 'admin', stats: () => ({}), modelsRaw: async () => [] };

describe('/internal login start', () => {
  it('two starts for one account at once: the newer gets the URL, the replaced one says so', async () => {
    const r = loginRig();
    const issue = r.pool.loginClient.getMockImplementation();
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    r.pool.loginClient.mockImplementationOnce(async (...args: unknown[]) => {
      await gate;
      return (issue as (...a: unknown[]) => Promise<never>)(...args);
    });
    const deps = internalDeps(() => r.services, extras as never);
    const first = deps.startLogin('a1');
    await tick();
    const second = deps.startLogin('a1');
    open();
    await expect(first).rejects.toMatchObject({ code: 'replaced' });
    await expect(second).resolves.toEqual({ url: LOGIN_URL });
  });

  it('answers a replaced start 409 login_replaced, a missing binary 503, an unknown account 404', () => {
    const coded = (code: string) => Object.assign(new Error(code), { code });
    expect(loginStartError(coded('replaced'))).toMatchObject({
      status: 409,
      code: 'login_replaced',
    });
    expect(loginStartError(coded('binary_missing'))).toMatchObject({ status: 503 });
    expect(loginStartError(coded('not_found'))).toMatchObject({ status: 404 });
    const other = new Error('something else');
    expect(loginStartError(other)).toBe(other);
    expect(loginStartError(coded('replaced'))).toBeInstanceOf(ApiError);
  });
});
