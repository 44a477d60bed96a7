import { describe, expect, it } from 'vitest';
import type { AccountDto, BinaryStatusDto, GatewayStatusDto } from '../shared/dto';
import { createTranslator } from '../shared/i18n';
import { accountNotices, binaryNotice, gatewayNotice } from './notifications';

const en = { t: createTranslator('en'), lang: 'en' as const };
const zh = { t: createTranslator('zh-CN'), lang: 'zh-CN' as const };

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
  it('tells when a ready account logs out, in the chosen language', () => {
    expect(accountNotices([acc('a', 'ready')], [acc('a', 'logged-out')], en)[0]).toEqual([
      'Lingma account logged out',
      'a needs to log in again (Accounts → Log in).',
    ]);
    expect(accountNotices([acc('a', 'ready')], [acc('a', 'logged-out')], zh)[0]?.[0]).toBe(
      'Lingma 账号已退出登录',
    );
    expect(accountNotices([acc('a', 'starting')], [acc('a', 'logged-out')], en)).toEqual([]);
  });

  it('tells once when every account is out of quota', () => {
    const cooling = [
      acc('a', 'cooling-down', { cooldownUntil: Date.now() + 60_000 }),
      acc('b', 'cooling-down'),
    ];
    const first = accountNotices([acc('a', 'ready'), acc('b', 'cooling-down')], cooling, en);
    expect(first).toHaveLength(1);
    expect(first[0]?.[1]).toMatch(/until \d\d:\d\d/);
    expect(accountNotices(cooling, cooling, en)).toEqual([]);
  });

  it('tells when the port is taken and offers another', () => {
    const g = {
      state: 'error',
      listening: false,
      port: 8765,
      error: 'Port 8765 on 127.0.0.1 is already in use.',
      suggestedPort: 8766,
    } as GatewayStatusDto;
    expect(gatewayNotice(undefined, g, en)?.[1]).toBe(
      'Port 8765 is used by another program. Port 8766 is free: use it from the dashboard.',
    );
    expect(gatewayNotice(undefined, g, zh)?.[1]).toContain('8766');
    expect(gatewayNotice(g, g, en)).toBeUndefined();
  });

  it('tells when Lingma got installed, updated, or could not be downloaded', () => {
    const downloading: BinaryStatusDto = { state: 'downloading' };
    expect(
      binaryNotice(downloading, { state: 'found', path: '/x', version: '2.11.2' }, en),
    ).toEqual(['Lingma is ready', 'Lingma 2.11.2 was downloaded and installed.']);
    expect(
      binaryNotice(
        { state: 'downloading', path: '/x', version: '2.11.1' },
        { state: 'found', path: '/y', version: '2.11.2' },
        en,
      )?.[0],
    ).toBe('Lingma updated');
    expect(
      binaryNotice(
        downloading,
        { state: 'failed', failure: { code: 'offline', message: 'x', at: 1 } },
        zh,
      ),
    ).toEqual(['Lingma 下载失败', '本机无法连接下载服务器（可能处于离线状态，或被代理拦截）。']);
    expect(binaryNotice({ state: 'found' }, { state: 'found', version: '1' }, en)).toBeUndefined();
  });
});
