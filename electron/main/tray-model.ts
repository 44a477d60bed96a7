/**
 * What the tray shows, as plain data: the icon (one per app state id, see shared/app-state.ts),
 * the tooltip and the menu, in the user's language. Pure so it is unit-tested without Electron;
 * tray.ts turns it into a real Tray and Menu.
 */
import { deriveAppState, type AppStateId } from '../shared/app-state';
import { describeAppState } from '../shared/app-state-text';
import type { AccountDto, BinaryStatusDto, GatewayStatusDto } from '../shared/dto';
import { formatDownload } from '../shared/format';
import { createTranslator, type Language, type Translate } from '../shared/i18n';
import type { UpdateStatusDto } from '../shared/update-dto';
import { updateMenuItems, updateTooltip, type UpdateTrayAction } from './tray-update-items';

/** The tray icon is the app state: issue 17 draws one icon per id. */
export type TrayIconState = AppStateId;

export type TrayAction =
  | 'toggle-gateway'
  | 'copy-base-url'
  | 'copy-api-key'
  | 'copy-claude-code'
  | 'open-dashboard'
  | 'add-account'
  | 'toggle-launch-at-login'
  | 'next-step'
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
  binary: BinaryStatusDto;
  launchAtLogin: boolean;
  hasApiKey: boolean;
  language: Language;
  /** The app's own update state (absent: no update items). */
  update?: UpdateStatusDto;
}

export interface TrayModel {
  icon: TrayIconState;
  tooltip: string;
  menu: TrayMenuItem[];
}

const translators = new Map<Language, Translate>();
function translatorFor(lang: Language): Translate {
  let t = translators.get(lang);
  if (!t) translators.set(lang, (t = createTranslator(lang)));
  return t;
}

function accountLabel(a: AccountDto, t: Translate): string {
  const busy = a.login && (a.login.phase === 'starting' || a.login.phase === 'waiting');
  const state = busy
    ? t('tray.loggingIn')
    : a.state === 'logged-out' && !a.lastLoginAt
      ? t('accountState.never-logged-in')
      : t(`accountState.${a.state}`);
  return t('tray.accountLine', { name: a.name, state });
}

export function buildTrayModel(input: TrayModelInput): TrayModel {
  const { gateway: g, accounts, language } = input;
  const t = translatorFor(language);
  const view = deriveAppState({ gateway: g, accounts, binary: input.binary });
  const text = describeAppState(view, t, language);
  const listening = g.listening && g.baseUrl !== null;
  // A download that is not the headline (an update) still shows in the tooltip.
  const download =
    view.download && view.reason.key !== 'downloading'
      ? ` · ${t('state.reason.downloading', { progress: formatDownload(view.download, t, language) })}`
      : '';
  const accountItems: TrayMenuItem[] =
    accounts.length === 0
      ? [{ label: t('tray.noAccounts'), enabled: false }]
      : accounts.map((a) => ({
          label: accountLabel(a, t),
          type: 'submenu',
          submenu: [
            { label: t('tray.showInDashboard'), action: `open-account:${a.id}` },
            {
              label: a.state === 'ready' ? t('tray.logInAgain') : t('tray.logIn'),
              action: `relogin:${a.id}`,
              enabled: a.enabled,
            },
          ],
        }));
  return {
    icon: view.id,
    tooltip:
      t('tray.tooltip', { title: text.title, reason: text.reason }) +
      download +
      updateTooltip(input.update, t),
    menu: [
      {
        label: t('tray.statusLine', {
          title: text.title,
          requests: t('tray.requestsToday', { count: g.requestsToday }),
        }),
        enabled: false,
      },
      { label: text.reason, enabled: false },
      ...(text.action ? [{ label: text.action, action: 'next-step' as const }] : []),
      { type: 'separator' },
      {
        label: g.listening ? t('tray.stopGateway') : t('tray.startGateway'),
        action: 'toggle-gateway',
        enabled: g.state !== 'starting',
      },
      { label: t('tray.copyBaseUrl'), action: 'copy-base-url', enabled: listening },
      { label: t('tray.copyApiKey'), action: 'copy-api-key', enabled: input.hasApiKey },
      {
        label: t('tray.copyClaudeCode'),
        action: 'copy-claude-code',
        enabled: listening && input.hasApiKey,
      },
      { type: 'separator' },
      {
        label: t('tray.accounts'),
        type: 'submenu',
        submenu: [
          ...accountItems,
          { type: 'separator' },
          { label: t('tray.addAccount'), action: 'add-account' },
        ],
      },
      { label: t('tray.openDashboard'), action: 'open-dashboard' },
      {
        label: t('tray.launchAtLogin'),
        type: 'checkbox',
        checked: input.launchAtLogin,
        action: 'toggle-launch-at-login',
      },
      { type: 'separator' },
      ...updateMenuItems(input.update, t),
      ...(input.update && input.update.phase !== 'unsupported'
        ? [{ type: 'separator' as const }]
        : []),
      { label: t('tray.quit'), action: 'quit' },
    ],
  };
}
