import { describe, expect, it } from 'vitest';
import type { AccountDto, GatewayStatusDto } from '../shared/dto';
import { accountNotices, gatewayNotice } from './notifications';

const acc = (
  id: string,
  state: AccountDto['state'],
  extra: Partial<AccountDto> = {},
): AccountDto => ({
  id,
  name: id,
  enabled: true,
  state,
  served: 0,
  errors: 0,
  workers: 1,
  ...extra,
});

describe('notifications', () => {
  it('tells when a ready account logs out', () => {
    expect(accountNotices([acc('a', 'ready')], [acc('a', 'logged-out')])[0]?.[0]).toBe(
      'Lingma account logged out',
    );
    expect(accountNotices([acc('a', 'starting')], [acc('a', 'logged-out')])).toEqual([]);
  });

  it('tells once when every account is cooling down', () => {
    const cooling = [
      acc('a', 'cooling-down', { cooldownUntil: Date.now() + 60_000 }),
      acc('b', 'cooling-down'),
    ];
    expect(accountNotices([acc('a', 'ready'), acc('b', 'cooling-down')], cooling)).toHaveLength(1);
    expect(accountNotices(cooling, cooling)).toEqual([]);
  });

  it('tells when the port is taken and offers another', () => {
    const g = {
      state: 'error',
      listening: false,
      error: 'Port 8765 on 127.0.0.1 is already in use.',
      suggestedPort: 8766,
    } as GatewayStatusDto;
    expect(gatewayNotice(undefined, g)?.[1]).toContain('8766');
    expect(gatewayNotice(g, g)).toBeUndefined();
  });
});
