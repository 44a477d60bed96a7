import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AccountDto, BinaryStatusDto, GatewayStatusDto } from '../shared/dto';
import { Tray, nativeTheme, type FakeMenuItem } from './testing/electron-mock';
import { TrayController } from './tray';
import { trayIconFile } from './tray-icons';
import type { TrayAction } from './tray-model';

const gateway: GatewayStatusDto = {
  state: 'running',
  listening: true,
  host: '127.0.0.1',
  port: 8765,
  baseUrl: 'http://127.0.0.1:8765',
  readyAccounts: 1,
  totalAccounts: 2,
  inFlight: 0,
  requestsToday: 0,
};
const accounts: AccountDto[] = [
  { id: 'a', name: 'a', enabled: true, state: 'ready', served: 0, errors: 0, workers: 1 },
  { id: 'b', name: 'b', enabled: true, state: 'logged-out', served: 0, errors: 0, workers: 1 },
];
const binary: BinaryStatusDto = { state: 'found', path: '/bin/Lingma' };
const base = { binary, launchAtLogin: false, hasApiKey: true, language: 'en' as const };

function flatten(items: FakeMenuItem[]): FakeMenuItem[] {
  return items.flatMap((i) => [i, ...flatten(i.submenu ?? [])]);
}

describe('TrayController', () => {
  it('shows the partly-down icon variant for the theme and wires menu clicks to actions', () => {
    const actions: TrayAction[] = [];
    const c = new TrayController('/res', (a) => actions.push(a));
    c.update({ gateway, accounts, ...base });
    const tray = Tray.last;
    expect(tray?.image?.path).toBe(trayIconFile('/res', 'partial', process.platform, false));
    expect(tray?.tooltip).toContain('Partly down (1 of 2)');
    const items = flatten(tray?.menu?.items ?? []);
    items.find((i) => i.label === 'Stop gateway')?.click?.();
    items.find((i) => i.label === 'Log in…')?.click?.();
    expect(actions).toEqual(['toggle-gateway', 'relogin:b']);
  });

  it('re-renders with the other variant when the OS theme changes', () => {
    const c = new TrayController('/res', () => undefined);
    c.update({ gateway, accounts: [accounts[0] as AccountDto], ...base });
    nativeTheme.shouldUseDarkColors = true;
    nativeTheme.emit('updated');
    expect(Tray.last?.image?.path).toBe(trayIconFile('/res', 'ready', process.platform, true));
    nativeTheme.shouldUseDarkColors = false;
  });

  it('uses template images on macOS and light/dark files elsewhere', () => {
    expect(trayIconFile('/r', 'error', 'darwin', true)).toBe(join('/r/tray/errorTemplate.png'));
    expect(trayIconFile('/r', 'down', 'win32', true)).toBe(join('/r/tray/down-light.png'));
    expect(trayIconFile('/r', 'setup', 'linux', false)).toBe(join('/r/tray/setup-dark.png'));
  });
});
