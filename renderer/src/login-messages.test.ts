import { describe, expect, it } from 'vitest';
import type { AccountDto } from '../../electron/shared/dto';
import { loginMessageApplies, loginsAfterAccounts, type LoginEntry } from './login-messages';

const acc = (state: AccountDto['state']): AccountDto => ({
  id: 'a',
  name: 'work',
  enabled: true,
  state,
  served: 0,
  errors: 0,
  workers: 1,
});

describe('login messages follow the account state', () => {
  it('keeps "logged in" while ready and drops it once the account logs out', () => {
    let logins: Record<string, LoginEntry> = { a: { accountId: 'a', phase: 'succeeded' } };
    // The success may arrive before the account turns ready: it waits.
    logins = loginsAfterAccounts(logins, [acc('logged-out')]);
    expect(logins.a).toBeDefined();
    expect(loginMessageApplies(logins.a!, acc('logged-out'))).toBe(false);
    logins = loginsAfterAccounts(logins, [acc('ready')]);
    expect(loginMessageApplies(logins.a!, acc('ready'))).toBe(true);
    logins = loginsAfterAccounts(logins, [acc('logged-out')]);
    expect(logins.a).toBeUndefined();
  });

  it('keeps a failure while the state is unchanged, drops it when the state moves on', () => {
    const failed: LoginEntry = { accountId: 'a', phase: 'failed', stateAtEnd: 'logged-out' };
    expect(loginsAfterAccounts({ a: failed }, [acc('logged-out')]).a).toBe(failed);
    expect(loginsAfterAccounts({ a: failed }, [acc('ready')]).a).toBeUndefined();
    expect(loginsAfterAccounts({ a: failed }, []).a).toBeUndefined();
  });

  it('keeps a message given while the child was starting once it settles', () => {
    const cancelled: LoginEntry = { accountId: 'a', phase: 'cancelled', stateAtEnd: 'starting' };
    const settled = loginsAfterAccounts({ a: cancelled }, [acc('logged-out')]).a;
    expect(settled).toMatchObject({ phase: 'cancelled', stateAtEnd: 'logged-out' });
    expect(loginsAfterAccounts({ a: settled! }, [acc('ready')]).a).toBeUndefined();
  });

  it('always shows a login in progress', () => {
    const waiting: LoginEntry = { accountId: 'a', phase: 'waiting' };
    expect(loginsAfterAccounts({ a: waiting }, [acc('starting')]).a).toBe(waiting);
  });
});
