import type { AppService } from '../core/desktop/app-service';
import type { DesktopPlatform } from '../core/desktop/platform';
import type { AccountDto, BinaryStatusDto, GatewayStatusDto } from '../shared/dto';
import { formatClock } from '../shared/format';
import type { Language, Translate } from '../shared/i18n';

/** The language notifications are written in, asked at the moment one is shown. */
export interface NoticeLanguage {
  t: Translate;
  lang: Language;
}

/**
 * OS notifications for what a user must act on: an account logged out or expired, every account
 * out of quota, the gateway unable to bind its port, Lingma installed, updated or not downloadable.
 */
export function accountNotices(
  before: AccountDto[],
  after: AccountDto[],
  { t, lang }: NoticeLanguage,
): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const prev = new Map(before.map((a) => [a.id, a]));
  for (const a of after) {
    const p = prev.get(a.id);
    if (p && p.state === 'ready' && a.state === 'logged-out') {
      out.push([t('notify.loggedOutTitle'), t('notify.loggedOutBody', { name: a.name })]);
    }
  }
  const enabled = after.filter((a) => a.enabled);
  const allCooling = enabled.length > 0 && enabled.every((a) => a.state === 'cooling-down');
  const wasAllCooling = before.filter((a) => a.enabled).every((a) => a.state === 'cooling-down');
  if (allCooling && !wasAllCooling) {
    const soonest = Math.min(...enabled.map((a) => a.cooldownUntil ?? Infinity));
    out.push([
      t('notify.allCoolingTitle'),
      Number.isFinite(soonest)
        ? t('notify.allCoolingBodyUntil', { time: formatClock(soonest, lang) })
        : t('notify.allCoolingBody'),
    ]);
  }
  return out;
}

export function gatewayNotice(
  before: GatewayStatusDto | undefined,
  after: GatewayStatusDto,
  { t }: NoticeLanguage,
): [string, string] | undefined {
  if (after.state === 'error' && before?.error !== after.error) {
    return [
      t('notify.portTitle'),
      after.suggestedPort !== undefined
        ? t('notify.portBody', { port: after.port, suggested: after.suggestedPort })
        : t('notify.startFailedBody', { detail: after.error ?? '' }),
    ];
  }
  return undefined;
}

export function binaryNotice(
  before: BinaryStatusDto,
  after: BinaryStatusDto,
  { t }: NoticeLanguage,
): [string, string] | undefined {
  if (before.state === 'downloading' && after.state === 'found' && after.version) {
    return before.path && before.version !== after.version
      ? [t('notify.updatedTitle'), t('notify.updatedBody', { version: after.version })]
      : !before.path
        ? [t('notify.installedTitle'), t('notify.installedBody', { version: after.version })]
        : undefined;
  }
  if (before.state === 'downloading' && after.state === 'failed' && after.failure) {
    const why = t(`binary.failure.${after.failure.code}`, {
      defaultValue: t('binary.failure.unknown'),
    });
    return [t('notify.downloadFailedTitle'), why];
  }
  return undefined;
}

/** Shows the notices as the pushes arrive, comparing each state with the one before it. */
export function watchForNotifications(
  service: Pick<AppService, 'connect'>,
  platform: DesktopPlatform,
  language: () => NoticeLanguage,
  initial: { accounts: AccountDto[]; gateway: GatewayStatusDto; binary: BinaryStatusDto },
): () => void {
  let { accounts, binary } = initial;
  let gateway: GatewayStatusDto | undefined = initial.gateway;
  return service.connect((channel, payload) => {
    if (channel === 'accounts:changed') {
      const next = payload as AccountDto[];
      for (const [title, body] of accountNotices(accounts, next, language())) {
        platform.notify(title, body);
      }
      accounts = next;
    } else if (channel === 'gateway:changed') {
      const next = payload as GatewayStatusDto;
      const n = gatewayNotice(gateway, next, language());
      if (n) platform.notify(n[0], n[1]);
      gateway = next;
    } else if (channel === 'binary:progress') {
      const next = payload as BinaryStatusDto;
      const n = binaryNotice(binary, next, language());
      if (n) platform.notify(n[0], n[1]);
      binary = next;
    }
  });
}
