import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiKeyDto, SettingsDto } from '../../shared/dto';
import { tempHome, type TempHome } from '../client-setup/testing';
import { defaultSettings } from '../config/settings';
import {
  readXdgAutostart,
  setXdgAutostart,
  type XdgAutostartOptions,
} from '../desktop/autostart/xdg-autostart';
import type { CoreServices } from '../services/core-services';
import { reconcileLaunchAtLogin } from './app';
import type { HostPorts } from './host';
import { createHandlers } from './index';

let h: TempHome;
beforeEach(async () => (h = await tempHome()));
afterEach(() => h.close());

/** The handlers over fake services, with a desktop host: real tool configs, a real XDG entry. */
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
  const create = vi.fn(async (name: string) => {
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
    return { info, key: secret };
  });
  const services = {
    dataDir: '/data',
    secretsEncrypted: true,
    gateway: {
      status: () => ({
        state: 'stopped',
        listening: false,
        host: '127.0.0.1',
        port: 8765,
        baseUrl: null,
      }),
    },
    pool: {
      models: async () => [
        { key: 'qwen3-coder', displayName: 'Qwen3 Coder', isReasoning: false, isVl: false },
      ],
    },
    settings: {
      get: () => settings,
      update: vi.fn(async (patch: { app?: Partial<SettingsDto['app']> }) => {
        settings = { ...settings, app: { ...settings.app, ...patch.app } };
        return { settings, warnings: [], restartNeeded: false };
      }),
    },
    keys: {
      list: () => keys.map(({ secret: _s, ...k }) => k),
      reveal: async (id: string) => keys.find((k) => k.id === id)?.secret ?? '',
      create,
    },
  } as unknown as CoreServices;
  const xdg: XdgAutostartOptions = {
    env: {},
    home: h.home,
    exec: ['/opt/lgw/lingma-gateway'],
    name: 'Lingma Gateway',
    fileName: 'lingma-gateway.desktop',
  };
  const host: HostPorts = {
    launchAtLogin: {
      get: () => readXdgAutostart(xdg),
      set: (e: boolean) => setXdgAutostart(xdg, e),
    },
    systemLocales: () => ['en-US'],
    appVersion: () => '1.2.3',
    clients: h.setup,
  };
  const handlers = createHandlers(services, host);
  return { services, host, handlers, create, xdg, settings: () => settings };
}

describe('one-click setup through the handlers', () => {
  it('writes the configured address and a key of the tool’s own, reused on the next run', async () => {
    const s = setup();
    const r = await s.handlers['clients:apply']({ id: 'claude-code' });
    expect(r.keyName).toBe('Claude Code (one-click setup)');
    const env = JSON.parse(await h.read('.claude/settings.json')).env;
    expect(env).toMatchObject({
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:8765',
      ANTHROPIC_AUTH_TOKEN: 'lgw-secret-1',
      ANTHROPIC_MODEL: 'qwen3-coder',
    });
    await s.handlers['clients:apply']({ id: 'claude-code', model: 'other-model' });
    expect(s.create).toHaveBeenCalledTimes(1);
    const list = await s.handlers['clients:detect']();
    expect(list.find((c) => c.id === 'claude-code')).toMatchObject({ configured: 'ours' });
    await s.handlers['clients:restore']({ id: 'claude-code' });
    expect(JSON.parse(await h.read('.claude/settings.json')).env.ANTHROPIC_MODEL).toBe(
      'qwen3-coder',
    );
  });
});

describe('launch at login', () => {
  it('writes the autostart entry and stores what the OS reports', async () => {
    const s = setup();
    const on = await s.handlers['app:set-launch-at-login']({ enabled: true });
    expect(on).toMatchObject({ enabled: true, method: 'xdg' });
    expect(s.settings().app.launchAtLogin).toBe(true);
    expect(
      await readFile(join(h.home, '.config/autostart/lingma-gateway.desktop'), 'utf8'),
    ).toContain('Exec=/opt/lgw/lingma-gateway');
    const viaSettings = await s.handlers['settings:update']({
      app: { launchAtLogin: false },
    });
    expect(viaSettings.settings.app.launchAtLogin).toBe(false);
    expect((await s.handlers['app:launch-at-login']()).enabled).toBe(false);
  });

  it('follows the OS when the entry was removed outside the app', async () => {
    const s = setup();
    await s.handlers['app:set-launch-at-login']({ enabled: true });
    await rm(join(h.home, '.config/autostart/lingma-gateway.desktop'));
    await reconcileLaunchAtLogin(s.services, s.host);
    expect(s.settings().app.launchAtLogin).toBe(false);
  });
});

describe('the app and the hosts that lend less', () => {
  it('tells the renderer the version, the OS languages and where secrets are', async () => {
    const s = setup();
    expect(await s.handlers['app:info']()).toMatchObject({
      version: '1.2.3',
      locales: ['en-US'],
      secretsEncrypted: true,
      dataDir: '/data',
    });
  });

  it('answers `unsupported` where the host lends nothing, and stores launch at login alone', async () => {
    const s = setup();
    const headless = createHandlers(s.services, {});
    await expect(headless['clipboard:write']({ text: 'x' })).rejects.toMatchObject({
      code: 'unsupported',
    });
    await expect(headless['clients:detect']()).rejects.toMatchObject({ code: 'unsupported' });
    await expect(headless['logs:export']({})).rejects.toMatchObject({ code: 'unsupported' });
    expect(await headless['app:launch-at-login']()).toMatchObject({ supported: false });
    expect(await headless['app:set-launch-at-login']({ enabled: true })).toMatchObject({
      enabled: true,
      supported: false,
    });
    expect(s.settings().app.launchAtLogin).toBe(true);
    expect((await headless['update:status']()).phase).toBe('unsupported');
  });
});
