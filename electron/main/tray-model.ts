/**
 * What the tray shows, as plain data: the icon variant, the tooltip and the menu. Pure so it is
 * unit-tested without Electron; tray.ts turns it into a real Tray and Menu.
 */
import type { AccountDto, GatewayStatusDto, InstanceStateDto } from '../shared/dto';
import type { UpdateStatusDto } from '../shared/update-dto';
import { trayIconFor, type AppStateKind, type TrayIconId } from './tray-icons';
import { updateMenuItems, updateTooltip, type UpdateTrayAction } from './tray-update-items';

export type TrayAction =
  | 'toggle-gateway'
  | 'copy-base-url'
  | 'copy-api-key'
  | 'copy-claude-code'
  | 'open-dashboard'
  | 'add-account'
  | 'toggle-launch-at-login'
  | 'quit'
  | `relogin:${string}`
  | `open-account:${string}`
  | UpdateTrayAction;

export interface TrayMenuItem {
  label?: string;
  action?: TrayAction;
  enabled?: boolean;
  type?: 'normal' | 'separator' | 'checkbox' | 'submenu';
  checked?: boolean;
  submenu?: TrayMenuItem[];
}

export interface TrayModelInput {
  gateway: GatewayStatusDto;
  accounts: AccountDto[];
  launchAtLogin: boolean;
  hasApiKey: boolean;
  /** The app's own update state (absent: no update items). */
  update?: UpdateStatusDto;
}

export interface TrayModel {
  icon: TrayIconId;
  tooltip: string;
  menu: TrayMenuItem[];
}

const STATE_LABEL: Record<InstanceStateDto, string> = {
  starting: 'starting…',
  ready: 'ready',
  'logged-out': 'logged out',
  'cooling-down': 'cooling down',
  crashed: 'crashed',
  disabled: 'disabled',
  stopped: 'stopped',
};

/**
 * The app state the tray shows, until the shared state model (issue 15) provides it: no enabled
 * account = needs setup; then the gateway's own state; then how many enabled accounts are ready.
 */
export function trayAppState(gateway: GatewayStatusDto, accounts: AccountDto[]): AppStateKind {
  if (gateway.state === 'error') return 'error';
  const enabled = accounts.filter((a) => a.enabled);
  if (enabled.length === 0) return 'setup';
  if (gateway.state === 'starting') return 'starting';
  if (!gateway.listening) return 'stopped';
  const ready = enabled.filter((a) => a.state === 'ready').length;
  if (ready === enabled.length) return 'ready';
  if (ready > 0) return 'partial';
  return enabled.some((a) => a.state === 'starting') ? 'starting' : 'down';
}

function statusLine(g: GatewayStatusDto, accounts: AccountDto[]): string {
  if (g.state === 'error') return `Gateway error: ${g.error ?? 'unknown'}`;
  if (!g.listening) return 'Gateway stopped';
  const enabled = accounts.filter((a) => a.enabled).length;
  const ready = accounts.filter((a) => a.enabled && a.state === 'ready').length;
  return `Port ${g.port} · ${ready}/${enabled} accounts ready · ${g.requestsToday} requests today`;
}

function accountLabel(a: AccountDto): string {
  const state =
    a.login && (a.login.phase === 'starting' || a.login.phase === 'waiting')
      ? 'logging in…'
      : STATE_LABEL[a.state];
  return `${a.name} — ${state}`;
}

export function buildTrayModel(input: TrayModelInput): TrayModel {
  const { gateway: g, accounts } = input;
  const icon = trayIconFor(trayAppState(g, accounts));
  const status = statusLine(g, accounts);
  const listening = g.listening && g.baseUrl !== null;
  const accountItems: TrayMenuItem[] =
    accounts.length === 0
      ? [{ label: 'No accounts yet', enabled: false }]
      : accounts.map((a) => ({
          label: accountLabel(a),
          type: 'submenu',
          submenu: [
            { label: 'Show in dashboard', action: `open-account:${a.id}` },
            {
              label: a.state === 'logged-out' ? 'Log in…' : 'Log in again…',
              action: `relogin:${a.id}`,
              enabled: a.enabled,
            },
          ],
        }));
  return {
    icon,
    tooltip: `Lingma Gateway — ${status}${updateTooltip(input.update)}`,
    menu: [
      { label: status, enabled: false },
      { type: 'separator' },
      {
        label: g.listening ? 'Stop gateway' : 'Start gateway',
        action: 'toggle-gateway',
        enabled: g.state !== 'starting',
      },
      { label: 'Copy base URL', action: 'copy-base-url', enabled: listening },
      { label: 'Copy API key', action: 'copy-api-key', enabled: input.hasApiKey },
      {
        label: 'Copy Claude Code setup',
        action: 'copy-claude-code',
        enabled: listening && input.hasApiKey,
      },
      { type: 'separator' },
      {
        label: 'Accounts',
        type: 'submenu',
        submenu: [
          ...accountItems,
          { type: 'separator' },
          { label: 'Add account…', action: 'add-account' },
        ],
      },
      { label: 'Open dashboard', action: 'open-dashboard' },
      {
        label: 'Launch at login',
        type: 'checkbox',
        checked: input.launchAtLogin,
        action: 'toggle-launch-at-login',
      },
      { type: 'separator' },
      ...updateMenuItems(input.update),
      ...(input.update && input.update.phase !== 'unsupported'
        ? [{ type: 'separator' as const }]
        : []),
      { label: 'Quit Lingma Gateway', action: 'quit' },
    ],
  };
}
