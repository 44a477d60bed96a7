import type { CoreApi } from '../core/core-api';
import type { DesktopPlatform } from '../core/desktop/platform';
import type { AccountDto, GatewayStatusDto } from '../shared/dto';

/**
 * OS notifications for what a user must act on: an account logged out or expired, every account
 * cooling down, the gateway unable to bind its port, a new Lingma binary installed.
 */
export function accountNotices(before: AccountDto[], after: AccountDto[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const prev = new Map(before.map((a) => [a.id, a]));
  for (const a of after) {
    const p = prev.get(a.id);
    if (p && p.state === 'ready' && a.state === 'logged-out') {
      out.push([
        'Lingma account logged out',
        `${a.name} needs to log in again (Accounts → Log in).`,
      ]);
    }
  }
  const enabled = after.filter((a) => a.enabled);
  const allCooling = enabled.length > 0 && enabled.every((a) => a.state === 'cooling-down');
  const wasAllCooling = before.filter((a) => a.enabled).every((a) => a.state === 'cooling-down');
  if (allCooling && !wasAllCooling) {
    const soonest = Math.min(...enabled.map((a) => a.cooldownUntil ?? Infinity));
    const when = Number.isFinite(soonest) ? ` until ${new Date(soonest).toLocaleTimeString()}` : '';
    out.push(['All Lingma accounts are cooling down', `Requests get 429 answers${when}.`]);
  }
  return out;
}

export function gatewayNotice(
  before: GatewayStatusDto | undefined,
  after: GatewayStatusDto,
): [string, string] | undefined {
  if (after.state === 'error' && before?.error !== after.error) {
    const offer = after.suggestedPort
      ? ` Port ${after.suggestedPort} is free: change it in Settings.`
      : '';
    return ['Lingma Gateway could not start', `${after.error ?? 'Unknown error.'}${offer}`];
  }
  return undefined;
}

export function watchForNotifications(core: CoreApi, platform: DesktopPlatform): () => void {
  let accounts = core.listAccounts();
  let gateway: GatewayStatusDto | undefined = core.gatewayStatus();
  let binaryVersion = core.binaryStatus().version;
  const offs = [
    core.onAccountsChange((next) => {
      for (const [title, body] of accountNotices(accounts, next)) platform.notify(title, body);
      accounts = next;
    }),
    core.onGatewayChange((next) => {
      const n = gatewayNotice(gateway, next);
      if (n) platform.notify(n[0], n[1]);
      gateway = next;
    }),
    core.onBinaryProgress((b) => {
      if (b.download?.phase === 'done' && b.version && b.version !== binaryVersion) {
        platform.notify(
          'Lingma updated',
          `Lingma ${b.version} is installed. Accounts restart with it.`,
        );
        binaryVersion = b.version;
      }
    }),
  ];
  return () => offs.forEach((off) => off());
}
