import { describe, expect, it } from 'vitest';
import { CALLBACK, LOGIN_URL, loginRig, tick } from './testing/login-rig';

describe('the login flow, as a desktop host runs it (accounts:login)', () => {
  it('opens the login window on the child URL, titled in the OS language, and closes it on success', async () => {
    const r = loginRig({ locales: ['zh-CN', 'en-US'] });
    await r.handlers['accounts:login']({ id: 'a1' });
    expect(r.windows).toEqual([
      {
        accountId: 'a1',
        accountName: 'work',
        url: LOGIN_URL,
        callbackPort: 5001,
        title: '登录 Lingma — work',
      },
    ]);
    expect(r.phases()).toEqual(['starting', 'waiting']);
    r.loginLands();
    await tick();
    expect(r.windowClose).toHaveBeenCalled();
    expect(r.phases()).toEqual(['starting', 'waiting', 'succeeded']);
    expect(r.accounts.loggedIn).toHaveBeenCalledWith('a1');
  });

  it('reports cancellation when the user closes the window', async () => {
    const r = loginRig();
    await r.handlers['accounts:login']({ id: 'a1' });
    r.userCloses();
    await tick();
    expect(r.phases()).toEqual(['starting', 'waiting', 'cancelled']);
    expect(r.logins.isActive('a1')).toBe(false);
  });

  it('reports a timeout (the pool’s own code) and closes the window', async () => {
    const r = loginRig();
    await r.handlers['accounts:login']({ id: 'a1' });
    r.loginFails(Object.assign(new Error('no login after 10 minutes'), { code: 'timeout' }));
    await tick();
    expect(r.progress.at(-1)).toMatchObject({
      phase: 'timeout',
      message: 'no login after 10 minutes',
    });
    expect(r.windowClose).toHaveBeenCalled();
  });

  it('reports a failure to start and rethrows it', async () => {
    const r = loginRig();
    r.pool.loginClient.mockRejectedValueOnce(new Error('binary missing'));
    await expect(r.handlers['accounts:login']({ id: 'a1' })).rejects.toThrow('binary missing');
    expect(r.progress.at(-1)).toMatchObject({ phase: 'failed', message: 'binary missing' });
    expect(r.windows).toEqual([]);
  });

  it('cancel from the UI aborts the wait and closes the window', async () => {
    const r = loginRig();
    await r.handlers['accounts:login']({ id: 'a1' });
    await r.handlers['accounts:cancel-login']({ id: 'a1' });
    await tick();
    expect(r.phases()).toEqual(['starting', 'waiting', 'cancelled']);
    expect(r.windowClose).toHaveBeenCalled();
    // Nothing to cancel any more: no second report.
    await r.handlers['accounts:cancel-login']({ id: 'a1' });
    expect(r.phases()).toHaveLength(3);
  });

  it('downloads Lingma first when it is missing, then logs in', async () => {
    const r = loginRig({ binary: [{ state: 'missing' }, { state: 'found', path: '/bin/Lingma' }] });
    await r.handlers['accounts:login']({ id: 'a1' });
    expect(r.binary.download).toHaveBeenCalledTimes(1);
    expect(r.accounts.prepareLogin).toHaveBeenCalledWith('a1');
    expect(r.phases()).toEqual(['starting', 'waiting']);
  });

  it('reports the download failure once, as the login failure, without asking the child', async () => {
    const failure = { code: 'offline', message: 'Could not download: offline', at: 1 };
    const r = loginRig({ binary: [{ state: 'missing' }, { state: 'failed', failure }] });
    await expect(r.handlers['accounts:login']({ id: 'a1' })).rejects.toMatchObject({
      code: 'binary_missing',
    });
    expect(r.pool.loginClient).not.toHaveBeenCalled();
    expect(r.progress.at(-1)).toMatchObject({ phase: 'failed', message: failure.message });
  });

  it('refuses an unknown account before reporting anything', async () => {
    const r = loginRig();
    await expect(r.handlers['accounts:login']({ id: 'nope' })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(r.progress).toEqual([]);
  });
});

describe('the login flow: pasting the callback address (accounts:login-paste)', () => {
  it('completes the running login: the same window closes and the login succeeds once', async () => {
    const r = loginRig();
    await r.handlers['accounts:login']({ id: 'a1' });
    const pasted = r.handlers['accounts:login-paste']({ id: 'a1', url: CALLBACK });
    await tick();
    expect(r.delivered).toEqual(['n'.repeat(32)]);
    r.loginLands();
    await pasted;
    expect(r.phases()).toEqual(['starting', 'waiting', 'succeeded']);
    expect(r.windowClose).toHaveBeenCalled();
  });

  it('still completes a login whose window was closed (the link lives in the child)', async () => {
    const r = loginRig();
    await r.handlers['accounts:login']({ id: 'a1' });
    r.userCloses();
    await tick();
    const pasted = r.handlers['accounts:login-paste']({ id: 'a1', url: CALLBACK });
    await tick();
    r.loginLands();
    await pasted;
    expect(r.phases()).toEqual(['starting', 'waiting', 'cancelled', 'waiting', 'succeeded']);
  });

  it('says there is no login to complete when none was started', async () => {
    const r = loginRig();
    await expect(
      r.handlers['accounts:login-paste']({ id: 'a1', url: CALLBACK }),
    ).rejects.toMatchObject({ code: 'no_login' });
    expect(r.progress).toEqual([]);
  });
});

describe('the login flow, as the headless hosts run it', () => {
  it('hands the URL back when the host shows nothing (/internal), and settles `done`', async () => {
    const r = loginRig();
    const started = await r.logins.start('a1');
    expect(started).toMatchObject({ url: LOGIN_URL, callbackPort: 5001 });
    expect(r.logins.current('a1')).toMatchObject({ phase: 'waiting', url: LOGIN_URL });
    r.loginLands();
    await expect(started.done).resolves.toBeUndefined();
    expect(r.logins.current('a1')).toBeUndefined();
  });

  it('a new login of the same account replaces the running one without a cancel report', async () => {
    const r = loginRig();
    const first = await r.logins.start('a1');
    await r.logins.start('a1');
    await expect(first.done).rejects.toMatchObject({ code: 'cancelled' });
    expect(r.phases()).toEqual(['starting', 'waiting', 'starting', 'waiting']);
  });
});
