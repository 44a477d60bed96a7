/**
 * Release notes of a downloaded update, in a native dialog (text only: notes come from the feed
 * and are never rendered as HTML). Its restart button follows the same rule as the tray: restart
 * now when nothing is in flight, otherwise once the gateway is idle.
 */
import { dialog, type BrowserWindow, type MessageBoxOptions } from 'electron';
import type { UpdateStatusDto } from '../shared/update-dto';

const MAX_NOTES = 4_000;

export function releaseNotesDialog(u: UpdateStatusDto): MessageBoxOptions {
  const notes = u.releaseNotes ?? 'No release notes were published with this version.';
  const trimmed = notes.length > MAX_NOTES ? `${notes.slice(0, MAX_NOTES)}…` : notes;
  const idle = u.restart?.ready ?? false;
  return {
    type: 'info',
    title: 'Lingma Gateway update',
    message: `Lingma Gateway ${u.version ?? ''} is ready to install (you have ${u.currentVersion}).`,
    detail: idle
      ? trimmed
      : `${trimmed}\n\nRequests are in flight: the restart waits until they have finished.`,
    buttons: [idle ? 'Restart now' : 'Restart when idle', 'Later'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  };
}

/** Shows the notes; resolves true when the user chose to restart. */
export async function showReleaseNotes(
  u: UpdateStatusDto,
  parent: BrowserWindow | undefined,
): Promise<boolean> {
  const options = releaseNotesDialog(u);
  const r = parent
    ? await dialog.showMessageBox(parent, options)
    : await dialog.showMessageBox(options);
  return r.response === 0;
}
