import { describe, expect, it } from 'vitest';
import { deriveAppState, type AppStateInput } from './app-state';
import { describeAppState } from './app-state-text';
import type { AccountDto } from './dto';
import { accountDto, gatewayDto } from './testing/dto-fixtures';
import { createTranslator } from './i18n';

const g = gatewayDto;
const a = (name: string, state: AccountDto['state'], over: Partial<AccountDto> = {}) =>
  accountDto({ id: name, name, state, ...over });
const state = (over: Partial<AppStateInput>) =>
  deriveAppState({
    gateway: g(),
    accounts: [],
    binary: { state: 'found', path: '/bin/Lingma' },
    ...over,
  });
const en = createTranslator('en');
const words = (over: Partial<AppStateInput>) => describeAppState(state(over), en, 'en');

describe('the app state model', () => {
  it('calls a fresh install "needs setup", never degraded', () => {
    expect(state({ binary: { state: 'missing' } })).toMatchObject({
      id: 'setup',
      action: { id: 'download-lingma' },
    });
    expect(state({})).toMatchObject({ id: 'setup', action: { id: 'add-account' } });
    expect(words({})).toEqual({
      title: 'Needs setup',
      reason: 'Add a Lingma account so the gateway can answer requests.',
      action: 'Add account',
    });
    // A first login not finished yet is setup, too.
    expect(
      state({ accounts: [a('work', 'logged-out', { lastLoginAt: undefined })] }),
    ).toMatchObject({
      id: 'setup',
      action: { id: 'log-in', accountId: 'work' },
    });
  });

  it('tells ready, 1 of 2 and 0 of 2 apart', () => {
    expect(state({ accounts: [a('w', 'ready'), a('h', 'ready')] })).toMatchObject({
      id: 'ready',
      ready: 2,
      total: 2,
    });
    const half = state({ accounts: [a('w', 'ready'), a('h', 'logged-out')] });
    expect(half).toMatchObject({ id: 'partial', ready: 1, total: 2, action: { id: 'log-in' } });
    const none = state({ accounts: [a('w', 'logged-out'), a('h', 'logged-out')] });
    expect(none).toMatchObject({ id: 'down', ready: 0, total: 2 });
    expect(describeAppState(none, en, 'en').title).toBe('All down (0 of 2)');
    expect(describeAppState(half, en, 'en').title).toBe('Partly down (1 of 2)');
  });

  it('says why nothing answers: quota, crash, disabled, still starting', () => {
    const until = Date.UTC(2026, 0, 1, 6, 5);
    expect(state({ accounts: [a('w', 'cooling-down', { cooldownUntil: until })] }).reason).toEqual({
      key: 'allCooling',
      until,
    });
    expect(state({ accounts: [a('w', 'crashed'), a('h', 'logged-out')] })).toMatchObject({
      id: 'down',
      reason: { key: 'allBroken', names: 'w, h' },
      action: { id: 'log-in', accountId: 'h' },
    });
    expect(state({ accounts: [a('w', 'disabled', { enabled: false })] })).toMatchObject({
      id: 'down',
      reason: { key: 'allDisabled' },
    });
    expect(state({ accounts: [a('w', 'starting')] })).toMatchObject({ id: 'starting' });
    expect(state({ accounts: [a('w', 'ready'), a('h', 'crashed')] }).reason).toEqual({
      key: 'someBroken',
      names: 'h',
    });
  });

  it('puts a stopped gateway and listener errors before account states', () => {
    const accounts = [a('w', 'ready')];
    expect(state({ accounts, gateway: g({ listening: false, state: 'stopped' }) })).toMatchObject({
      id: 'stopped',
      action: { id: 'start-gateway' },
    });
    expect(
      state({
        accounts,
        gateway: g({ listening: false, state: 'error', error: 'in use', suggestedPort: 8766 }),
      }),
    ).toMatchObject({
      id: 'error',
      reason: { key: 'portInUse', port: 8765 },
      action: { id: 'use-port', port: 8766 },
    });
  });

  it('shows the Lingma download: starting while it runs, error with the cause when it fails', () => {
    const downloading = state({
      binary: {
        state: 'downloading',
        download: {
          phase: 'download',
          receivedBytes: 5_000_000,
          totalBytes: 10_000_000,
          percent: 50,
        },
      },
    });
    expect(downloading).toMatchObject({
      id: 'starting',
      action: { id: 'cancel-download' },
      download: { receivedBytes: 5_000_000, totalBytes: 10_000_000 },
    });
    expect(describeAppState(downloading, en, 'en').reason).toBe('Downloading Lingma: 5.0 of 10 MB');
    const failed = state({
      binary: { state: 'failed', failure: { code: 'offline', message: 'ENOTFOUND', at: 1 } },
    });
    expect(failed).toMatchObject({ id: 'error', action: { id: 'retry-download' } });
    expect(describeAppState(failed, en, 'en').reason).toBe(
      'Lingma could not be downloaded: this computer could not reach the download server (offline, or a proxy in the way).',
    );
    expect(state({ binary: { state: 'missing', cancelled: true } }).reason.key).toBe(
      'downloadCancelled',
    );
  });
});
