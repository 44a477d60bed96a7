import { describe, expect, it, vi } from 'vitest';
import type { BinaryStatusDto, LoginProgressDto } from '../../shared/dto';
import type { CoreApi } from '../core-api';
import type { ClientSetup } from '../client-setup/client-setup';
import { silentLogger } from '../util/logger';
import { createAppService } from './app-service';
import type { DesktopPlatform, LoginWindowResult } from './platform';

function fakes(
  options: { loginResult?: 'ok' | 'fail' | 'never'; binary?: BinaryStatusDto[] } = {},
) {
  const binaryStates = options.binary ?? [{ state: 'found', path: '/bin/Lingma' }];
  let binary: BinaryStatusDto = binaryStates[0] ?? { state: 'unknown' };
  let resolveLogin: () => void = () => undefined;
  let rejectLogin: (e: Error) => void = () => undefined;
  const core = {
    dataDir: '/tmp/x',
    listAccounts: () => [
      {
        id: 'a1',
        name: 'work',
        enabled: true,
        state: 'logged-out',
        served: 0,
        errors: 0,
        workers: 1,
      },
    ],
    beginLogin: vi.fn(async () => ({
      url: 'http://127.0.0.1:5000/lingma/login?nonce=n',
      callbackPort: 5001,
    })),
    waitForLogin: vi.fn(
      (_id: string, o: { signal?: AbortSignal }) =>
        new Promise<void>((resolve, reject) => {
          resolveLogin = resolve;
          rejectLogin = reject;
          o.signal?.addEventListener('abort', () => reject(new Error('aborted')));
          if (options.loginResult === 'ok') resolve();
          if (options.loginResult === 'fail')
            reject(Object.assign(new Error('too slow'), { code: 'timeout' }));
        }),
    ),
    binaryStatus: () => binary,
    getSettings: () => ({ app: { language: 'system' } }),
    downloadBinary: vi.fn(async () => (binary = binaryStates[1] ?? binary)),
    onGatewayChange: () => () => undefined,
    onAccountsChange: () => () => undefined,
    onLogs: () => () => undefined,
    onBinaryProgress: () => () => undefined,
    onSettingsChange: () => () => undefined,
  } as unknown as CoreApi;
  let closeWindow: (r: LoginWindowResult) => void = () => undefined;
  const windowClose = vi.fn(() => closeWindow('closed-by-app'));
  const platform = {
    openLoginWindow: vi.fn(() => ({
      closed: new Promise<LoginWindowResult>((r) => (closeWindow = r)),
      close: windowClose,
    })),
    appVersion: () => '1.0.0',
    systemLocales: () => ['zh-CN', 'en-US'],
  } as unknown as DesktopPlatform;
  const progress: LoginProgressDto[] = [];
  const service = createAppService({
    core,
    platform,
    logger: silentLogger,
    secretsEncrypted: true,
    clients: {} as ClientSetup,
  });
  service.connect((channel, payload) => {
    if (channel === 'login:progress') progress.push(payload as LoginProgressDto);
  });
  return {
    core,
    platform,
    service,
    progress,
    windowClose,
    userCloses: () => closeWindow('closed-by-user'),
    finish: () => resolveLogin(),
    fail: (e: Error) => rejectLogin(e),
  };
}

const phases = (p: LoginProgressDto[]) => p.map((x) => x.phase);
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('desktop login flow', () => {
  it('opens the login window on the child URL and closes it on success', async () => {
    const f = fakes();
    await f.service.handlers['accounts:login']({ id: 'a1' });
    expect(f.platform.openLoginWindow).toHaveBeenCalledWith({
      accountId: 'a1',
      accountName: 'work',
      url: 'http://127.0.0.1:5000/lingma/login?nonce=n',
      callbackPort: 5001,
      // The OS is Chinese here (systemLocales) and Settings follow it.
      title: '登录 Lingma — work',
    });
    expect(phases(f.progress)).toEqual(['starting', 'waiting']);
    f.finish();
    await tick();
    expect(f.windowClose).toHaveBeenCalled();
    expect(phases(f.progress)).toEqual(['starting', 'waiting', 'succeeded']);
  });

  it('reports cancellation when the user closes the window', async () => {
    const f = fakes();
    await f.service.handlers['accounts:login']({ id: 'a1' });
    f.userCloses();
    await tick();
    await tick();
    expect(phases(f.progress)).toEqual(['starting', 'waiting', 'cancelled']);
  });

  it('reports a timeout and closes the window', async () => {
    const f = fakes();
    await f.service.handlers['accounts:login']({ id: 'a1' });
    f.fail(Object.assign(new Error('no login after 10 minutes'), { code: 'timeout' }));
    await tick();
    expect(phases(f.progress).at(-1)).toBe('timeout');
    expect(f.windowClose).toHaveBeenCalled();
  });

  it('reports a failure to start and rethrows it', async () => {
    const f = fakes();
    vi.mocked(f.core.beginLogin).mockRejectedValueOnce(new Error('binary missing'));
    await expect(f.service.handlers['accounts:login']({ id: 'a1' })).rejects.toThrow(
      'binary missing',
    );
    expect(f.progress.at(-1)).toMatchObject({ phase: 'failed', message: 'binary missing' });
  });

  it('cancel from the UI aborts the wait', async () => {
    const f = fakes();
    await f.service.handlers['accounts:login']({ id: 'a1' });
    await f.service.handlers['accounts:cancel-login']({ id: 'a1' });
    await tick();
    expect(phases(f.progress)).toEqual(['starting', 'waiting', 'cancelled']);
    expect(f.windowClose).toHaveBeenCalled();
  });

  it('downloads Lingma first when it is missing, then logs in', async () => {
    const f = fakes({ binary: [{ state: 'missing' }, { state: 'found', path: '/bin/Lingma' }] });
    await f.service.handlers['accounts:login']({ id: 'a1' });
    expect(f.core.downloadBinary).toHaveBeenCalledTimes(1);
    expect(f.core.beginLogin).toHaveBeenCalledWith('a1');
    expect(phases(f.progress)).toEqual(['starting', 'waiting']);
  });

  it('reports the download failure once, as the login failure, without asking the child', async () => {
    const failure = { code: 'offline', message: 'Could not download: offline', at: 1 };
    const f = fakes({ binary: [{ state: 'missing' }, { state: 'failed', failure }] });
    await expect(f.service.handlers['accounts:login']({ id: 'a1' })).rejects.toMatchObject({
      code: 'binary_missing',
    });
    expect(f.core.beginLogin).not.toHaveBeenCalled();
    expect(f.progress.at(-1)).toMatchObject({ phase: 'failed', message: failure.message });
  });

  it('tells the renderer the OS languages', async () => {
    const f = fakes();
    expect((await f.service.handlers['app:info']()).locales).toEqual(['zh-CN', 'en-US']);
  });
});
