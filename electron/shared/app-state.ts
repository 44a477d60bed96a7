/**
 * The ONE state model of the app: what the tray icon and tooltip, the pinned status area and the
 * dashboard all show. Derived, never stored: gateway + accounts + Lingma binary in, one of seven
 * states out, each with a one-line reason and the next action. Pure (no node:, no electron) so
 * main and the renderer compute the same thing from the same DTOs.
 *
 * The ids are shared with the tray icons (resources/tray/<id>…): issue 17 draws one icon per id.
 */
import type { AccountDto, BinaryStatusDto, GatewayStatusDto } from './dto';

/** needs setup / starting / ready n of m / partly down / all down / stopped / error. */
export type AppStateId = 'setup' | 'starting' | 'ready' | 'partial' | 'down' | 'stopped' | 'error';

export const APP_STATE_IDS: readonly AppStateId[] = [
  'setup',
  'starting',
  'ready',
  'partial',
  'down',
  'stopped',
  'error',
];

/** Why the app is in its state: a key under `state.reason.` in the catalogue, plus values. */
export type StateReason =
  | { key: 'lookingForLingma' }
  | { key: 'noLingma' }
  | { key: 'downloadCancelled' }
  | { key: 'downloading' }
  | { key: 'downloadFailed'; code: string; detail: string }
  | { key: 'badBinaryPath'; detail: string }
  | { key: 'noAccounts' }
  | { key: 'notLoggedIn'; name: string }
  | { key: 'portInUse'; port: number }
  | { key: 'gatewayError'; detail: string }
  | { key: 'gatewayStopped' }
  | { key: 'gatewayStarting' }
  | { key: 'accountsStarting'; names: string }
  | { key: 'allDisabled' }
  | { key: 'allLoggedOut'; names: string }
  | { key: 'allCooling'; until?: number }
  | { key: 'allBroken'; names: string }
  | { key: 'someLoggedOut'; names: string }
  | { key: 'someCooling'; names: string; until?: number }
  | { key: 'someBroken'; names: string }
  | { key: 'someStarting'; names: string }
  | { key: 'ready'; port: number };

/** The next step the user can take; a key under `state.action.` in the catalogue. */
export type StateAction =
  | { id: 'download-lingma' }
  | { id: 'retry-download' }
  | { id: 'cancel-download' }
  | { id: 'open-settings' }
  | { id: 'add-account' }
  | { id: 'log-in'; accountId: string; name: string }
  | { id: 'use-port'; port: number }
  | { id: 'start-gateway' }
  | { id: 'open-accounts' };

/** Bytes of a running Lingma download, for the tooltip and progress bars everywhere. */
export interface StateDownload {
  receivedBytes: number;
  totalBytes?: number;
  percent?: number;
  bytesPerSecond?: number;
}

export interface AppStateView {
  id: AppStateId;
  /** Enabled accounts that can answer, and enabled accounts in all. */
  ready: number;
  total: number;
  reason: StateReason;
  action?: StateAction;
  /** Set while Lingma downloads, whatever the state (an update can download while ready). */
  download?: StateDownload;
}

export interface AppStateInput {
  gateway: GatewayStatusDto;
  accounts: AccountDto[];
  binary: BinaryStatusDto;
}

const names = (list: AccountDto[]): string => list.map((a) => a.name).join(', ');

const loggingIn = (a: AccountDto): boolean =>
  a.login?.phase === 'starting' || a.login?.phase === 'waiting';

function downloadOf(binary: BinaryStatusDto): StateDownload | undefined {
  const d = binary.download;
  if (binary.state !== 'downloading' || !d) return undefined;
  return {
    receivedBytes: d.receivedBytes,
    ...(d.totalBytes !== undefined ? { totalBytes: d.totalBytes } : {}),
    ...(d.percent !== undefined ? { percent: d.percent } : {}),
    ...(d.bytesPerSecond !== undefined ? { bytesPerSecond: d.bytesPerSecond } : {}),
  };
}

/** The state before any account matters: the listener and the Lingma binary. */
function hostState(i: AppStateInput): Omit<AppStateView, 'ready' | 'total' | 'download'> | null {
  const { gateway: g, binary: b } = i;
  if (g.state === 'error') {
    if (g.suggestedPort !== undefined) {
      return {
        id: 'error',
        reason: { key: 'portInUse', port: g.port },
        action: { id: 'use-port', port: g.suggestedPort },
      };
    }
    return {
      id: 'error',
      reason: { key: 'gatewayError', detail: g.error ?? '' },
      action: { id: 'open-settings' },
    };
  }
  if (!b.path) {
    switch (b.state) {
      case 'downloading':
        return {
          id: 'starting',
          reason: { key: 'downloading' },
          action: { id: 'cancel-download' },
        };
      case 'failed':
        return b.failure?.code === 'bad-path'
          ? {
              id: 'error',
              reason: { key: 'badBinaryPath', detail: b.failure.message },
              action: { id: 'open-settings' },
            }
          : {
              id: 'error',
              reason: {
                key: 'downloadFailed',
                code: b.failure?.code ?? 'unknown',
                detail: b.failure?.message ?? b.error ?? '',
              },
              action: { id: 'retry-download' },
            };
      case 'missing':
        return {
          id: 'setup',
          reason: { key: b.cancelled ? 'downloadCancelled' : 'noLingma' },
          action: { id: 'download-lingma' },
        };
      default:
        return { id: 'starting', reason: { key: 'lookingForLingma' } };
    }
  }
  return null;
}

/** The one derivation every surface uses. Order: what blocks everything comes first. */
export function deriveAppState(i: AppStateInput): AppStateView {
  const { gateway: g, accounts } = i;
  const enabled = accounts.filter((a) => a.enabled);
  const readyList = enabled.filter((a) => a.state === 'ready');
  const counts = { ready: readyList.length, total: enabled.length };
  const download = downloadOf(i.binary);
  const view = (v: Omit<AppStateView, 'ready' | 'total' | 'download'>): AppStateView => ({
    ...v,
    ...counts,
    ...(download ? { download } : {}),
  });

  const host = hostState(i);
  if (host) return view(host);
  if (accounts.length === 0) {
    return view({ id: 'setup', reason: { key: 'noAccounts' }, action: { id: 'add-account' } });
  }
  // An account that never finished its first login is setup, not an outage.
  const neverLoggedIn = enabled.find((a) => a.state === 'logged-out' && !a.lastLoginAt);
  if (readyList.length === 0 && neverLoggedIn && enabled.every((a) => !a.lastLoginAt)) {
    return view({
      id: 'setup',
      reason: { key: 'notLoggedIn', name: neverLoggedIn.name },
      action: { id: 'log-in', accountId: neverLoggedIn.id, name: neverLoggedIn.name },
    });
  }
  if (g.state === 'starting') return view({ id: 'starting', reason: { key: 'gatewayStarting' } });
  if (!g.listening) {
    return view({
      id: 'stopped',
      reason: { key: 'gatewayStopped' },
      action: { id: 'start-gateway' },
    });
  }
  if (enabled.length === 0) {
    return view({ id: 'down', reason: { key: 'allDisabled' }, action: { id: 'open-accounts' } });
  }
  const notReady = enabled.filter((a) => a.state !== 'ready');
  const starting = notReady.filter((a) => a.state === 'starting' || loggingIn(a));
  const loggedOut = notReady.filter((a) => a.state === 'logged-out' && !loggingIn(a));
  const cooling = notReady.filter((a) => a.state === 'cooling-down');
  const broken = notReady.filter(
    (a) => !starting.includes(a) && !loggedOut.includes(a) && !cooling.includes(a),
  );
  const soonest = cooling
    .map((a) => a.cooldownUntil)
    .filter((t): t is number => t !== undefined)
    .sort((a, b) => a - b)[0];
  const until = soonest !== undefined ? { until: soonest } : {};
  const firstLoggedOut = loggedOut[0];
  const logIn: StateAction | undefined = firstLoggedOut
    ? { id: 'log-in', accountId: firstLoggedOut.id, name: firstLoggedOut.name }
    : undefined;

  if (readyList.length === enabled.length) {
    return view({ id: 'ready', reason: { key: 'ready', port: g.port } });
  }
  if (readyList.length === 0) {
    // Nothing answers: starting if something is on its way, else "all down" with the cause.
    if (starting.length > 0) {
      return view({ id: 'starting', reason: { key: 'accountsStarting', names: names(starting) } });
    }
    if (loggedOut.length === enabled.length) {
      return view({
        id: 'down',
        reason: { key: 'allLoggedOut', names: names(loggedOut) },
        ...(logIn ? { action: logIn } : {}),
      });
    }
    if (cooling.length === enabled.length) {
      return view({ id: 'down', reason: { key: 'allCooling', ...until } });
    }
    return view({
      id: 'down',
      reason: { key: 'allBroken', names: names([...broken, ...loggedOut, ...cooling]) },
      action: logIn ?? { id: 'open-accounts' },
    });
  }
  // Some answer, some do not: say which, worst first.
  if (broken.length > 0) {
    return view({
      id: 'partial',
      reason: { key: 'someBroken', names: names(broken) },
      action: { id: 'open-accounts' },
    });
  }
  if (loggedOut.length > 0 && logIn) {
    return view({
      id: 'partial',
      reason: { key: 'someLoggedOut', names: names(loggedOut) },
      action: logIn,
    });
  }
  if (cooling.length > 0) {
    return view({ id: 'partial', reason: { key: 'someCooling', names: names(cooling), ...until } });
  }
  return view({ id: 'partial', reason: { key: 'someStarting', names: names(starting) } });
}
