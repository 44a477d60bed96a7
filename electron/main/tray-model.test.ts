import { describe, expect, it } from 'vitest';
import type { AccountDto, GatewayStatusDto } from '../shared/dto';
import { buildTrayModel, trayAppState, type TrayMenuItem } from './tray-model';

const gateway = (over: Partial<GatewayStatusDto> = {}): GatewayStatusDto => ({
  state: 'running',
  listening: true,
  host: '127.0.0.1',
  port: 8765,
  baseUrl: 'http://127.0.0.1:8765',
  readyAccounts: 1,
  totalAccounts: 1,
  inFlight: 0,
  requestsToday: 12,
  ...over,
});
const account = (over: Partial<AccountDto> = {}): AccountDto => ({
  id: 'work',
  name: 'work',
  enabled: true,
  state: 'ready',
  served: 0,
  errors: 0,
  workers: 1,
  ...over,
});
const find = (items: TrayMenuItem[], label: string): TrayMenuItem | undefined =>
  items.find((i) => i.label?.startsWith(label));

describe('tray app state', () => {
  it('tells setup, starting, ready, partial, down, stopped and error apart', () => {
    const b = (over: Partial<AccountDto>) => account({ id: 'b', ...over });
    expect(trayAppState(gateway(), [])).toBe('setup');
    expect(trayAppState(gateway(), [account({ enabled: false, state: 'disabled' })])).toBe('setup');
    expect(trayAppState(gateway({ state: 'starting', listening: false }), [account()])).toBe(
      'starting',
    );
    expect(trayAppState(gateway(), [account()])).toBe('ready');
    expect(trayAppState(gateway(), [account(), b({ state: 'cooling-down' })])).toBe('partial');
    expect(
      trayAppState(gateway(), [account({ state: 'crashed' }), b({ state: 'logged-out' })]),
    ).toBe('down');
    expect(trayAppState(gateway(), [account({ state: 'starting' })])).toBe('starting');
    expect(trayAppState(gateway({ listening: false, state: 'stopped' }), [account()])).toBe(
      'stopped',
    );
    expect(trayAppState(gateway({ state: 'error', listening: false }), [account()])).toBe('error');
  });

  it('gives the menu model the icon of that state', () => {
    const input = { launchAtLogin: false, hasApiKey: true };
    expect(buildTrayModel({ ...input, gateway: gateway(), accounts: [] }).icon).toBe('setup');
    expect(
      buildTrayModel({ ...input, gateway: gateway(), accounts: [account({ state: 'crashed' })] })
        .icon,
    ).toBe('down');
  });
});

describe('tray menu', () => {
  it('shows the status line, the toggle and the copy actions', () => {
    const m = buildTrayModel({
      gateway: gateway(),
      accounts: [account()],
      launchAtLogin: true,
      hasApiKey: true,
    });
    expect(m.menu[0]).toMatchObject({
      label: 'Port 8765 · 1/1 accounts ready · 12 requests today',
      enabled: false,
    });
    expect(find(m.menu, 'Stop gateway')?.action).toBe('toggle-gateway');
    expect(find(m.menu, 'Copy base URL')?.enabled).toBe(true);
    expect(find(m.menu, 'Launch at login')).toMatchObject({ type: 'checkbox', checked: true });
    expect(m.tooltip).toContain('1/1 accounts ready');
  });

  it('disables copying when stopped and offers Start', () => {
    const m = buildTrayModel({
      gateway: gateway({ listening: false, state: 'stopped', baseUrl: null }),
      accounts: [],
      launchAtLogin: false,
      hasApiKey: true,
    });
    expect(find(m.menu, 'Start gateway')).toBeDefined();
    expect(find(m.menu, 'Copy base URL')?.enabled).toBe(false);
    const accounts = find(m.menu, 'Accounts')?.submenu ?? [];
    expect(accounts[0]).toMatchObject({ label: 'No accounts yet', enabled: false });
    expect(find(accounts, 'Add account')?.action).toBe('add-account');
  });

  it('lists each account with its state and a re-login action', () => {
    const m = buildTrayModel({
      gateway: gateway(),
      accounts: [account({ id: 'a1', name: 'alice', state: 'logged-out' })],
      launchAtLogin: false,
      hasApiKey: false,
    });
    const accounts = find(m.menu, 'Accounts')?.submenu ?? [];
    expect(accounts[0]?.label).toBe('alice — logged out');
    expect(find(accounts[0]?.submenu ?? [], 'Log in')?.action).toBe('relogin:a1');
    expect(find(m.menu, 'Copy API key')?.enabled).toBe(false);
  });
});
