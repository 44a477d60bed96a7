import { describe, expect, it, vi } from 'vitest';
import type { AccountDto, BinaryStatusDto, GatewayStatusDto } from '../../shared/dto';
import { accountDto, gatewayDto } from '../../shared/testing/dto-fixtures';
import type { InvokeApi } from '../../shared/contract';
import { runNextStep } from './state-action';

function host(over: {
  gateway?: Partial<GatewayStatusDto>;
  accounts?: AccountDto[];
  binary?: BinaryStatusDto;
}) {
  const api = {
    gatewayStatus: async () => gatewayDto(over.gateway),
    accountsList: async () => over.accounts ?? [],
    binaryStatus: async () => over.binary ?? { state: 'found', path: '/bin/Lingma' },
    binaryDownload: vi.fn(async () => ({ state: 'found' })),
    binaryCancel: vi.fn(async () => ({ state: 'missing' })),
    accountsLogin: vi.fn(async () => undefined),
    gatewayStart: vi.fn(async () => ({})),
    settingsUpdate: vi.fn(async () => ({})),
  };
  // Only the calls the next step can make; `calls` keeps their mocks typed for the assertions.
  return { api: api as unknown as InvokeApi, calls: api, showDashboard: vi.fn() };
}

const account = (over: Partial<AccountDto>): AccountDto => accountDto({ id: 'a', ...over });

describe('the tray’s "next step"', () => {
  it('gets Lingma (and shows the dashboard, where the progress is)', async () => {
    const h = host({ binary: { state: 'missing' } });
    await runNextStep(h);
    expect(h.calls.binaryDownload).toHaveBeenCalled();
    expect(h.showDashboard).toHaveBeenCalled();
  });

  it('logs in the account that needs it', async () => {
    const h = host({
      accounts: [account({}), account({ id: 'b', name: 'home', state: 'logged-out' })],
    });
    await runNextStep(h);
    expect(h.calls.accountsLogin).toHaveBeenCalledWith({ id: 'b' });
  });

  it('moves a listener whose port is taken to the free one, and starts a stopped one', async () => {
    const taken = host({
      accounts: [account({})],
      gateway: { state: 'error', listening: false, suggestedPort: 8766 },
    });
    await runNextStep(taken);
    expect(taken.calls.settingsUpdate).toHaveBeenCalledWith({ server: { port: 8766 } });
    expect(taken.calls.gatewayStart).toHaveBeenCalled();
    const stopped = host({
      accounts: [account({})],
      gateway: { state: 'stopped', listening: false },
    });
    await runNextStep(stopped);
    expect(stopped.calls.gatewayStart).toHaveBeenCalled();
  });

  it('does nothing when everything is ready', async () => {
    const h = host({ accounts: [account({})] });
    await runNextStep(h);
    expect(h.calls.accountsLogin).not.toHaveBeenCalled();
    expect(h.calls.gatewayStart).not.toHaveBeenCalled();
    expect(h.showDashboard).not.toHaveBeenCalled();
  });
});
