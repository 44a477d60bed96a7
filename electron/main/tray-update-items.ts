/**
 * The tray's update items, as plain data (tray-model.ts puts them in the menu). "Restart to
 * update" is enabled only while nothing is in flight, so a click can never cut a stream short.
 */
import type { UpdateStatusDto } from '../shared/update-dto';
import type { TrayMenuItem } from './tray-model';

export type UpdateTrayAction =
  'update-check' | 'update-restart' | 'update-notes' | 'toggle-auto-update';

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

export function updateMenuItems(u: UpdateStatusDto | undefined): TrayMenuItem[] {
  if (!u || u.phase === 'unsupported') return [];
  const items: TrayMenuItem[] = [];
  if (u.phase === 'downloaded' && u.version) {
    const r = u.restart;
    let label = `Restart to update to ${u.version}`;
    if (r?.pending) label = `Restarting to update once requests finish…`;
    else if (r && !r.ready) label += ` (after ${plural(r.inFlight, 'request')} finish)`;
    items.push(
      { label, action: 'update-restart', enabled: Boolean(r?.ready && !r.pending) },
      { label: `What's new in ${u.version}…`, action: 'update-notes' },
    );
  } else if (u.phase === 'downloading') {
    const pct = Math.floor(u.progress?.percent ?? 0);
    items.push({ label: `Downloading update ${u.version ?? ''}… ${pct}%`, enabled: false });
  } else if (u.phase === 'checking') {
    items.push({ label: 'Checking for updates…', enabled: false });
  } else {
    items.push({ label: 'Check for updates', action: 'update-check' });
    if (u.phase === 'offline')
      items.push({ label: 'Offline: will check again later', enabled: false });
    if (u.phase === 'error')
      items.push({ label: 'Update check failed: will retry', enabled: false });
  }
  items.push({
    label: 'Update automatically',
    type: 'checkbox',
    checked: u.automatic,
    action: 'toggle-auto-update',
  });
  return items;
}

/** A few words for the tray tooltip while an update is under way or waiting. */
export function updateTooltip(u: UpdateStatusDto | undefined): string {
  if (u?.phase === 'downloading')
    return ` · downloading update ${Math.floor(u.progress?.percent ?? 0)}%`;
  if (u?.phase === 'downloaded' && u.version) return ` · update ${u.version} ready`;
  return '';
}
