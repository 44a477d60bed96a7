import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiKeyDto, SettingsDto } from '../../shared/dto';
import { tempHome, type TempHome } from '../client-setup/testing';
import { defaultSettings } from '../config/settings';
import type { CoreApi } from '../core-api';
import { silentLogger } from '../util/logger';
import { createAppService } from './app-service';
import {
  readXdgAutostart,
  setXdgAutostart,
  type XdgAutostartOptions,
} from './autostart/xdg-autostart';
import type { DesktopPlatform } from './platform';

let h: TempHome;
beforeEach(async () => (h = await tempHome()));
afterEach(() => h.close());

function setup() {
  const keys: Array<ApiKeyDto & { secret: string }> = [
    {
      id: 'k0',
      name: 'default',
      prefix: 'lgw-def',
      createdAt: 1,
      readOnly: false,
      secret: 'lgw-default',
    },
  ];
  let settings = defaultSettings() as SettingsDto;
  const core = {
    gatewayStatus: () => ({
      state: 'stopped',
      listening: false,
      host: '127.0.0.1',
      port: 8765,
      baseUrl: null,
    }),
    listModels: async () => [
      { id: 'qwen3-coder', name: 'Qwen3 Coder', reasoning: false, vision: false },
    ],
    getSettings: () => settings,
    updateSettings: vi.fn(async (patch: { app?: Partial<SettingsDto['app']> }) => {
      settings = { ...settings, app: { ...settings.app, ...patch.app } };
      return { settings, warnings: [], restartNeeded: false };
    }),
    listKeys: async () => keys.map(({ secret: _s, ...k }) => k),
    revealKey: async (id: string) => keys.find((k) => k.id === id)?.secret ?? '',
    createKey: vi.fn(async (name: string) => {
      const k = {
        id: `k${keys.length}`,
        name,
        prefix: 'lgw-new',
        createdAt: 2,
        readOnly: false,
        secret: `lgw-secret-${keys.length}`,
      };
      keys.push(k);
      const { secret, ...info } = k;
      return { key: info, secret };
    }),
  } as unknown as CoreApi;
  const xdg: XdgAutostartOptions = {
    env: {},
    home: h.home,
    exec: ['/opt/lgw/lingma-gateway'],
    name: 'Lingma Gateway',
    fileName: 'lingma-gateway.desktop',
  };
  const platform = {
    launchAtLogin: {
      get: () => readXdgAutostart(xdg),
      set: (e: boolean) => setXdgAutostart(xdg, e),
    },
    systemLocales: () => ['en-US'],
  } as unknown as DesktopPlatform;
  const service = createAppService({
    core,
    platform,
    logger: silentLogger,
    secretsEncrypted: true,
    clients: h.setup,
  });
  return { core, service, keys, xdg, settings: () => settings };
}

describe('one-click setup through the app service', () => {
  it('writes the configured address and a key of the tool’s own, reused on the next run', async () => {
    const s = setup();
    const r = await s.service.handlers['clients:apply']({ id: 'claude-code' });
    expect(r.keyName).toBe('Claude Code (one-click setup)');
    const env = JSON.parse(await h.read('.claude/settings.json')).env;
    expect(env).toMatchObject({
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:8765',
      ANTHROPIC_AUTH_TOKEN: 'lgw-secret-1',
      ANTHROPIC_MODEL: 'qwen3-coder',
    });
    await s.service.handlers['clients:apply']({ id: 'claude-code', model: 'other-model' });
    expect(s.core.createKey).toHaveBeenCalledTimes(1);
    const list = await s.service.handlers['clients:detect']();
    expect(list.find((c) => c.id === 'claude-code')).toMatchObject({ configured: 'ours' });
    await s.service.handlers['clients:restore']({ id: 'claude-code' });
    expect(JSON.parse(await h.read('.claude/settings.json')).env.ANTHROPIC_MODEL).toBe(
      'qwen3-coder',
    );
  });
});

describe('launch at login', () => {
  it('writes the autostart entry and stores what the OS reports', async () => {
    const s = setup();
    const on = await s.service.handlers['app:set-launch-at-login']({ enabled: true });
    expect(on).toMatchObject({ enabled: true, method: 'xdg' });
    expect(s.settings().app.launchAtLogin).toBe(true);
    expect(
      await readFile(join(h.home, '.config/autostart/lingma-gateway.desktop'), 'utf8'),
    ).toContain('Exec=/opt/lgw/lingma-gateway');
    const viaSettings = await s.service.handlers['settings:update']({
      app: { launchAtLogin: false },
    });
    expect(viaSettings.settings.app.launchAtLogin).toBe(false);
    expect((await s.service.handlers['app:launch-at-login']()).enabled).toBe(false);
  });

  it('follows the OS when the entry was removed outside the app', async () => {
    const s = setup();
    await s.service.handlers['app:set-launch-at-login']({ enabled: true });
    await rm(join(h.home, '.config/autostart/lingma-gateway.desktop'));
    await s.service.reconcileLaunchAtLogin();
    expect(s.settings().app.launchAtLogin).toBe(false);
  });
});
