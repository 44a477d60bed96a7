/**
 * The login flow over fakes: a pool whose login wait the test settles, a Lingma that is there or
 * gets downloaded, a host whose login "window" the test closes, and the `login:progress` reports
 * collected. Handlers are the real ones (handlers/), so tests drive what a host would.
 */
import { vi } from 'vitest';
import type { InvokeHandlers } from '../../../shared/contract';
import type { BinaryStatusDto, LoginProgressDto } from '../../../shared/dto';
import { defaultSettings } from '../../config/settings';
import { createHandlers } from '../index';
import type { HostPorts, LoginWindowRequest } from '../host';
import type { LingmaClientApi } from '../../lingma/types';
import { silentLogger } from '../../util/logger';
import type { AccountService } from '../../services/account-service';
import type { CoreServices } from '../../services/core-services';
import { LoginFlow, type LoginWindowResult } from '../../services/login-flow';
import { PendingLogins } from '../../services/pending-logins';

export const LOGIN_URL = `http://127.0.0.1:5001/lingma/login?nonce=${'n'.repeat(32)}&port=5001`;
export const CALLBACK = `http://127.0.0.1:5001/auth/callback?state=${'n'.repeat(32)}&auth=a&token=t`;

export function loginRig(o: { binary?: BinaryStatusDto[]; locales?: string[] } = {}) {
  const binaryStates = o.binary ?? [{ state: 'found', path: '/bin/Lingma' }];
  let binary: BinaryStatusDto = binaryStates[0] ?? { state: 'unknown' };
  let settle: { resolve(): void; reject(e: Error): void } | undefined;
  const client = {
    generateLoginUrl: vi.fn(async () => ({ loginUrl: LOGIN_URL, nonce: 'n'.repeat(32) })),
  } as unknown as LingmaClientApi;
  const pool = {
    loginClient: vi.fn(async () => client),
    clientFor: () => client,
    snapshot: () => [],
    waitForLogin: vi.fn(
      (_id: string, w: { signal?: AbortSignal }) =>
        new Promise<void>((resolve, reject) => {
          settle = { resolve, reject };
          w.signal?.addEventListener('abort', () => reject(w.signal?.reason as Error));
        }),
    ),
  };
  const accounts = {
    get: (id: string) => (id === 'a1' ? { id, name: 'work', enabled: true } : undefined),
    prepareLogin: vi.fn(async () => undefined),
    loggedIn: vi.fn(async () => undefined),
  } as unknown as AccountService;
  const binaryService = {
    status: () => binary,
    download: vi.fn(async () => (binary = binaryStates[1] ?? binary)),
  };
  const delivered: string[] = [];
  const logins = new LoginFlow({
    accounts,
    pool,
    binary: binaryService,
    logger: silentLogger,
    pending: new PendingLogins({
      deliverHttp: async (_port, values) => {
        delivered.push(values.nonce);
        return { status: 200 };
      },
    }),
  });
  const progress: LoginProgressDto[] = [];
  logins.onProgress((p) => progress.push(p));
  const windows: LoginWindowRequest[] = [];
  let closeWindow: (how: LoginWindowResult) => void = () => undefined;
  const windowClose = vi.fn(() => closeWindow('closed-by-app'));
  const host: HostPorts = {
    openLoginWindow: (request) => {
      windows.push(request);
      return { closed: new Promise((r) => (closeWindow = r)), close: windowClose };
    },
    systemLocales: () => o.locales ?? ['en-US'],
  };
  const services = {
    dataDir: '/tmp/x',
    settings: { get: () => defaultSettings() },
    logins,
  } as unknown as CoreServices;
  const handlers: InvokeHandlers = createHandlers(services, host);
  return {
    handlers,
    services,
    logins,
    pool,
    accounts,
    binary: binaryService,
    progress,
    windows,
    windowClose,
    delivered,
    phases: () => progress.map((p) => p.phase),
    userCloses: () => closeWindow('closed-by-user'),
    loginLands: () => settle?.resolve(),
    loginFails: (e: Error) => settle?.reject(e),
  };
}

export const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));
