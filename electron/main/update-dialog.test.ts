import { describe, expect, it } from 'vitest';
import type { UpdateStatusDto } from '../shared/update-dto';
import { dialog } from './testing/electron-mock';
import { releaseNotesDialog, showReleaseNotes } from './update-dialog';

const ready = (idle: boolean, notes?: string): UpdateStatusDto => ({
  phase: 'downloaded',
  currentVersion: '1.2.0',
  automatic: true,
  feed: 'GitHub releases',
  version: '1.3.0',
  ...(notes !== undefined ? { releaseNotes: notes } : {}),
  restart: { ready: idle, inFlight: idle ? 0 : 1, pending: false },
});

describe('release notes dialog', () => {
  it('shows the notes as text and offers a restart that respects requests in flight', () => {
    const idle = releaseNotesDialog(ready(true, 'Faster streams'));
    expect(idle).toMatchObject({
      message: expect.stringMatching(/1\.3\.0.*1\.2\.0/),
      detail: 'Faster streams',
    });
    expect(idle.buttons).toEqual(['Restart now', 'Later']);
    const busy = releaseNotesDialog(ready(false, 'x'));
    expect(busy.buttons?.[0]).toBe('Restart when idle');
    expect(busy.detail).toMatch(/in flight/);
    expect(releaseNotesDialog(ready(true)).detail).toMatch(/No release notes/);
    expect(releaseNotesDialog(ready(true, 'y'.repeat(10_000))).detail?.length).toBeLessThan(4_100);
  });

  it('reports the choice', async () => {
    dialog.response = 0;
    expect(await showReleaseNotes(ready(true, 'n'), undefined)).toBe(true);
    dialog.response = 1;
    expect(await showReleaseNotes(ready(true, 'n'), undefined)).toBe(false);
    expect(dialog.shown).toHaveLength(2);
  });
});
