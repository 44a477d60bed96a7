/**
 * The tray's update items, as plain data (tray-model.ts puts them in the menu). "Restart to
 * update" is enabled only while nothing is in flight, so a click can never cut a stream short.
 */
import type { Translate } from '../shared/i18n';
import type { UpdateStatusDto } from '../shared/update-dto';
import type { TrayMenuItem } from './tray-model';

export type UpdateTrayAction =
  'update-check' | 'update-restart' | 'update-notes' | 'toggle-auto-update';

export function updateMenuItems(u: UpdateStatusDto | undefined, t: Translate): TrayMenuItem[] {
  if (!u || u.phase === 'unsupported') return [];
  const items: TrayMenuItem[] = [];
  if (u.phase === 'downloaded' && u.version) {
    const r = u.restart;
    const version = u.version;
    let label = t('update.restart', { version });
    if (r?.pending) label = t('update.restartPending');
    else if (r && !r.ready) label = t('update.restartAfter', { version, count: r.inFlight });
    items.push(
      { label, action: 'update-restart', enabled: Boolean(r?.ready && !r.pending) },
      { label: t('update.notes', { version }), action: 'update-notes' },
    );
  } else if (u.phase === 'downloading') {
    const percent = Math.floor(u.progress?.percent ?? 0);
    items.push({
      label: t('update.downloading', { version: u.version ?? '', percent }),
      enabled: false,
    });
  } else if (u.phase === 'checking') {
    items.push({ label: t('update.checking'), enabled: false });
  } else {
    items.push({ label: t('update.check'), action: 'update-check' });
    if (u.phase === 'offline') items.push({ label: t('update.offline'), enabled: false });
    if (u.phase === 'error') items.push({ label: t('update.failed'), enabled: false });
  }
  items.push({
    label: t('update.automatic'),
    type: 'checkbox',
    checked: u.automatic,
    action: 'toggle-auto-update',
  });
  return items;
}

/** A few words for the tray tooltip while an update is under way or waiting. */
export function updateTooltip(u: UpdateStatusDto | undefined, t: Translate): string {
  if (u?.phase === 'downloading')
    return ` · ${t('update.tooltipDownloading', { percent: Math.floor(u.progress?.percent ?? 0) })}`;
  if (u?.phase === 'downloaded' && u.version)
    return ` · ${t('update.tooltipReady', { version: u.version })}`;
  return '';
}
