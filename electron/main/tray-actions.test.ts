import { describe, expect, it } from 'vitest';
import type { DesktopPlatform } from '../core/desktop/platform';
import type { InvokeApi } from '../shared/contract';
import type { UpdateControl } from '../core/update/update-service';
import { createTranslator } from '../shared/i18n';
import type { UpdateStatusDto } from '../shared/update-dto';
import { trayActionHandler } from './tray-actions';

const status = (over: Partial<UpdateStatusDto>): UpdateStatusDto => ({
  phase: 'idle',
  currentVersion: '1.2.0',
  automatic: true,
  feed: 'GitHub releases',
  ...over,
});

function setup(afterCheck: UpdateStatusDto, restartFromNotes = false) {
  const calls: string[] = [];
  let autoUpdate = true;
  const api = {
    gatewayStatus: async () => ({ listening: true, baseUrl: 'http://127.0.0.1:8765' }),
    settingsGet: async () => ({ app: { autoUpdate, launchAtLogin: false } }),
    settingsUpdate: async (patch: { app: { autoUpdate: boolean } }) => {
      autoUpdate = patch.app.autoUpdate;
      calls.push(`autoUpdate=${autoUpdate}`);
    },
  } as unknown as InvokeApi;
  const platform = {
    notify: (title: string) => calls.push(`notify: ${title}`),
  } as unknown as DesktopPlatform;
  const updates: UpdateControl = {
    status: () => status({ phase: 'downloaded', version: '1.3.0' }),
    checkNow: async () => (calls.push('check'), afterCheck),
    requestRestart: () => (calls.push('restart'), status({})),
    onChange: () => () => undefined,
  };
  const handle = trayActionHandler({
    api,
    platform,
    updates,
    showDashboard: () => calls.push('dashboard'),
    showReleaseNotes: async (s) => (calls.push(`notes ${s.version}`), restartFromNotes),
    quit: () => calls.push('quit'),
    t: () => createTranslator('en'),
  });
  return { handle, calls };
}

describe('tray update actions', () => {
  it('checks on demand and says so when there is nothing new or no network', async () => {
    const a = setup(status({ phase: 'up-to-date' }));
    await a.handle('update-check');
    expect(a.calls).toEqual(['check', 'notify: Lingma Gateway is up to date']);
    const b = setup(status({ phase: 'offline', error: 'No connection' }));
    await b.handle('update-check');
    expect(b.calls).toEqual(['check', 'notify: Could not check for updates']);
    const c = setup(status({ phase: 'downloading' }));
    await c.handle('update-check');
    expect(c.calls).toEqual(['check']);
  });

  it('restarts through the service (which refuses while busy), from the menu or the notes', async () => {
    const a = setup(status({}));
    await a.handle('update-restart');
    expect(a.calls).toEqual(['restart']);
    const later = setup(status({}), false);
    await later.handle('update-notes');
    expect(later.calls).toEqual(['notes 1.3.0']);
    const now = setup(status({}), true);
    await now.handle('update-notes');
    expect(now.calls).toEqual(['notes 1.3.0', 'restart']);
  });

  it('speaks the tray language in its notifications', async () => {
    const calls: string[] = [];
    const handle = trayActionHandler({
      api: {
        gatewayStatus: async () => ({ listening: false, baseUrl: null }),
      } as unknown as InvokeApi,
      platform: { notify: (title: string) => calls.push(title) } as unknown as DesktopPlatform,
      updates: {
        status: () => status({}),
        checkNow: async () => status({ phase: 'up-to-date' }),
        requestRestart: () => status({}),
        onChange: () => () => undefined,
      },
      showDashboard: () => undefined,
      showReleaseNotes: async () => false,
      quit: () => undefined,
      t: () => createTranslator('zh-CN'),
    });
    await handle('update-check');
    expect(calls).toEqual(['Lingma Gateway 已是最新版本']);
  });

  it('turns automatic updates off and on through the settings', async () => {
    const a = setup(status({}));
    await a.handle('toggle-auto-update');
    await a.handle('toggle-auto-update');
    expect(a.calls).toEqual(['autoUpdate=false', 'autoUpdate=true']);
  });
});
