import { describe, expect, it } from 'vitest';
import type { BinaryStatusDto, GatewayStatusDto } from '../shared/dto';
import { accountDto, gatewayDto } from '../shared/testing/dto-fixtures';
import { buildTrayModel, type TrayMenuItem, type TrayModelInput } from './tray-model';

const gateway = (over: Partial<GatewayStatusDto> = {}): GatewayStatusDto =>
  gatewayDto({ readyAccounts: 1, totalAccounts: 1, requestsToday: 12, ...over });
const account = accountDto;
const binary: BinaryStatusDto = { state: 'found', path: '/bin/Lingma', version: '2.11.2' };
const input = (over: Partial<TrayModelInput> = {}): TrayModelInput => ({
  gateway: gateway(),
  accounts: [account()],
  binary,
  launchAtLogin: true,
  hasApiKey: true,
  language: 'en',
  ...over,
});
const find = (items: TrayMenuItem[], label: string): TrayMenuItem | undefined =>
  items.find((i) => i.label?.startsWith(label));

describe('tray model', () => {
  it('shows the app state as icon, tooltip and the first menu lines', () => {
    const m = buildTrayModel(input());
    expect(m.icon).toBe('ready');
    expect(m.tooltip).toBe('Lingma Gateway — Ready (1 of 1): Every account answers, on port 8765.');
    expect(m.menu[0]).toMatchObject({
      label: 'Ready (1 of 1) · 12 requests today',
      enabled: false,
    });
    expect(find(m.menu, 'Stop gateway')?.action).toBe('toggle-gateway');
    expect(find(m.menu, 'Copy base URL')?.enabled).toBe(true);
    expect(find(m.menu, 'Launch at login')).toMatchObject({ type: 'checkbox', checked: true });
  });

  it('tells 0 of 2 ready apart from 1 of 2, with the next step as a menu item', () => {
    const half = buildTrayModel(
      input({ accounts: [account(), account({ id: 'b', name: 'home', state: 'logged-out' })] }),
    );
    expect(half.icon).toBe('partial');
    expect(half.menu[1]?.label).toBe('home is logged out; the other accounts answer.');
    expect(half.menu[2]).toMatchObject({ label: 'Log in to home', action: 'next-step' });
    const none = buildTrayModel(
      input({
        accounts: [
          account({ state: 'logged-out' }),
          account({ id: 'b', name: 'home', state: 'logged-out' }),
        ],
      }),
    );
    expect(none.icon).toBe('down');
    expect(none.tooltip).toContain('All down (0 of 2)');
  });

  it('shows a fresh install as needing setup, and the download progress in the tooltip', () => {
    const fresh = buildTrayModel(
      input({ accounts: [], binary: { state: 'missing' }, gateway: gateway() }),
    );
    expect(fresh.icon).toBe('setup');
    expect(fresh.menu[2]).toMatchObject({ label: 'Get Lingma', action: 'next-step' });
    const downloading = buildTrayModel(
      input({
        accounts: [],
        binary: {
          state: 'downloading',
          download: {
            phase: 'download',
            receivedBytes: 34_200_000,
            totalBytes: 101_500_000,
            percent: 33,
            bytesPerSecond: 2_300_000,
          },
        },
      }),
    );
    expect(downloading.icon).toBe('starting');
    expect(downloading.tooltip).toBe(
      'Lingma Gateway — Starting: Downloading Lingma: 34 of 102 MB · 2.3 MB/s · about 30 s left',
    );
  });

  it('speaks Simplified Chinese, menu and tooltip alike', () => {
    const m = buildTrayModel(
      input({ language: 'zh-CN', gateway: gateway({ listening: false, state: 'stopped' }) }),
    );
    expect(m.icon).toBe('stopped');
    expect(m.tooltip).toBe('Lingma Gateway — 已停止：网关已关闭：你的工具无法连接。');
    expect(m.menu.find((i) => i.action === 'toggle-gateway')?.label).toBe('启动网关');
    expect(m.menu[2]).toMatchObject({ label: '启动网关', action: 'next-step' });
    expect(find(m.menu, '退出 Lingma Gateway')?.action).toBe('quit');
    const accounts = find(m.menu, '账号')?.submenu ?? [];
    expect(accounts[0]?.label).toBe('work — 就绪');
  });

  it('disables copying when stopped and lists each account with a log-in action', () => {
    const m = buildTrayModel(
      input({
        gateway: gateway({ listening: false, state: 'stopped', baseUrl: null }),
        accounts: [account({ id: 'a1', name: 'alice', state: 'logged-out' })],
        hasApiKey: false,
      }),
    );
    expect(find(m.menu, 'Start gateway')).toBeDefined();
    expect(find(m.menu, 'Copy base URL')?.enabled).toBe(false);
    expect(find(m.menu, 'Copy API key')?.enabled).toBe(false);
    const accounts = find(m.menu, 'Accounts')?.submenu ?? [];
    expect(accounts[0]?.label).toBe('alice — logged out');
    expect(find(accounts[0]?.submenu ?? [], 'Log in')?.action).toBe('relogin:a1');
    expect(find(accounts, 'Add account')?.action).toBe('add-account');
  });
});
