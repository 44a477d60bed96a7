import { describe, expect, it } from 'vitest';
import { createTranslator } from '../shared/i18n';
import { gatewayDto } from '../shared/testing/dto-fixtures';
import type { UpdateStatusDto } from '../shared/update-dto';
import { buildTrayModel } from './tray-model';
import { updateMenuItems, updateTooltip } from './tray-update-items';

const u = (over: Partial<UpdateStatusDto>): UpdateStatusDto => ({
  phase: 'idle',
  currentVersion: '1.2.0',
  automatic: true,
  feed: 'GitHub releases',
  ...over,
});
const t = createTranslator('en');
const downloaded = (restart: UpdateStatusDto['restart']): UpdateStatusDto =>
  u({ phase: 'downloaded', version: '1.3.0', restart });

describe('tray update items', () => {
  it('enables "Restart to update" only while nothing is in flight', () => {
    const idle = updateMenuItems(downloaded({ ready: true, inFlight: 0, pending: false }), t);
    expect(idle[0]).toEqual({
      label: 'Restart to update to 1.3.0',
      action: 'update-restart',
      enabled: true,
    });
    const busy = updateMenuItems(downloaded({ ready: false, inFlight: 2, pending: false }), t);
    expect(busy[0]).toMatchObject({ enabled: false, label: expect.stringMatching(/2 requests/) });
    const pending = updateMenuItems(downloaded({ ready: true, inFlight: 0, pending: true }), t);
    expect(pending[0]).toMatchObject({ enabled: false, label: expect.stringMatching(/once/) });
    expect(idle[1]).toMatchObject({ action: 'update-notes', label: 'What’s new in 1.3.0…' });
  });

  it('shows progress, checking, offline and the automatic-updates switch', () => {
    const dl = u({
      phase: 'downloading',
      version: '1.3.0',
      progress: { percent: 41.7, transferred: 1, total: 2, bytesPerSecond: 1 },
    });
    expect(updateMenuItems(dl, t)[0]).toEqual({
      label: 'Downloading update 1.3.0… 41%',
      enabled: false,
    });
    expect(updateTooltip(dl, t)).toBe(' · downloading update 41%');
    expect(updateMenuItems(u({ phase: 'checking' }), t)[0]?.enabled).toBe(false);
    const off = updateMenuItems(u({ phase: 'offline', automatic: false }), t);
    expect(off.map((i) => i.label)).toEqual([
      'Check for updates',
      'Offline: will check again later',
      'Update automatically',
    ]);
    expect(off.at(-1)).toMatchObject({
      type: 'checkbox',
      checked: false,
      action: 'toggle-auto-update',
    });
  });

  it('adds nothing where the app cannot update itself', () => {
    expect(updateMenuItems(u({ phase: 'unsupported' }), t)).toEqual([]);
    expect(updateMenuItems(undefined, t)).toEqual([]);
  });

  it('puts the items in the tray menu above Quit', () => {
    const gateway = gatewayDto();
    const m = buildTrayModel({
      gateway,
      accounts: [],
      binary: { state: 'found', path: '/bin/Lingma', version: '2.11.2' },
      launchAtLogin: false,
      hasApiKey: false,
      language: 'en',
      update: downloaded({ ready: true, inFlight: 0, pending: false }),
    });
    const labels = m.menu.map((i) => i.label ?? '—');
    const restart = labels.indexOf('Restart to update to 1.3.0');
    expect(restart).toBeGreaterThan(0);
    expect(restart).toBeLessThan(labels.indexOf('Quit Lingma Gateway'));
    expect(m.tooltip).toMatch(/update 1\.3\.0 ready/);
  });
});
