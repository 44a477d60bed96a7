import { describe, expect, it, vi } from 'vitest';
import type { AccountDto, BinaryStatusDto, GatewayStatusDto } from '../../shared/dto';
import { accountDto, gatewayDto } from '../../shared/testing/dto-fixtures';
import type { CoreApi } from '../core-api';
import { runNextStep } from './state-action';

function host(over: {
  gateway?: Partial<GatewayStatusDto>;
  accounts?: AccountDto[];
  binary?: BinaryStatusDto;
}) {
  const core = {
    gatewayStatus: () => gatewayDto(over.gateway),
    listAccounts: () => over.accounts ?? [],
    binaryStatus: () => over.binary ?? { state: 'found', path: '/bin/Lingma' },
    downloadBinary: vi.fn(async () => ({ state: 'found' })),
    cancelBinaryDownload: vi.fn(async () => ({ state: 'missing' })),
    startGateway: vi.fn(async () => ({})),
    updateSettings: vi.fn(async () => ({})),
  } as unknown as CoreApi;
  return { core, login: vi.fn(async () => undefined), showDashboard: vi.fn() };
}

const account = (over: Partial<AccountDto>): AccountDto => accountDto({ id: 'a', ...over });

describe('the tray’s "next step"', () => {
  it('gets Lingma (and shows the dashboard, where the progress is)', async () => {
    const h = host({ binary: { state: 'missing' } });
    await runNextStep(h);
    expect(h.core.downloadBinary).toHaveBeenCalled();
    expect(h.showDashboard).toHaveBeenCalled();
  });

  it('logs in the account that needs it', async () => {
    const h = host({
      accounts: [account({}), account({ id: 'b', name: 'home', state: 'logged-out' })],
    });
    await runNextStep(h);
    expect(h.login).toHaveBeenCalledWith('b');
  });

  it('moves a listener whose port is taken to the free one, and starts a stopped one', async () => {
    const taken = host({
      accounts: [account({})],
      gateway: { state: 'error', listening: false, suggestedPort: 8766 },
    });
    await runNextStep(taken);
    expect(taken.core.updateSettings).toHaveBeenCalledWith({ server: { port: 8766 } });
    expect(taken.core.startGateway).toHaveBeenCalled();
    const stopped = host({
      accounts: [account({})],
      gateway: { state: 'stopped', listening: false },
    });
    await runNextStep(stopped);
    expect(stopped.core.startGateway).toHaveBeenCalled();
  });

  it('does nothing when everything is ready', async () => {
    const h = host({ accounts: [account({})] });
    await runNextStep(h);
    expect(h.login).not.toHaveBeenCalled();
    expect(h.core.startGateway).not.toHaveBeenCalled();
    expect(h.showDashboard).not.toHaveBeenCalled();
  });
});
