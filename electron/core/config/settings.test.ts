import { describe, expect, it } from 'vitest';
import type { SettingsDto } from '../../shared/dto';
import {
  applySettingsPatch,
  defaultSettings,
  listenerChanged,
  migrateSettings,
  normalizeSettings,
  SETTINGS_SCHEMA_VERSION,
  toPersisted,
  type GatewaySettings,
} from './settings';

// Compile-time: the core type and the IPC DTO must stay interchangeable.
const toDto = (s: GatewaySettings): SettingsDto => s;
const fromDto = (s: SettingsDto): GatewaySettings => s;

describe('normalizeSettings', () => {
  it('fills defaults without warnings for a current, empty file', () => {
    const r = normalizeSettings({ schemaVersion: SETTINGS_SCHEMA_VERSION });
    expect(r.settings).toEqual(defaultSettings());
    expect(r.warnings).toEqual([]);
    expect(fromDto(toDto(r.settings))).toBe(r.settings);
  });

  it('has the documented defaults', () => {
    const d = defaultSettings();
    expect(d.server).toMatchObject({ host: '127.0.0.1', port: 8765, allowLan: false });
    expect(d.server.maxBodyBytes).toBe(10 * 1024 * 1024);
    expect(d.routing).toMatchObject({
      strategy: 'least-busy',
      maxInFlight: 4,
      queueTimeoutMs: 30000,
    });
    expect(d.sessionReuse).toEqual({ enabled: true, maxEntries: 256, ttlSeconds: 1800 });
    expect(d.tools.upstreamApproval).toBe('deny');
    expect(d.logs).toEqual({ retentionDays: 14, maxTotalMB: 200, maxBodyBytes: 65536 });
  });

  it.each([
    undefined,
    null,
    42,
    'settings',
    [],
    [1, 2],
    { server: 5 },
    { schemaVersion: 'x', server: [] },
    {
      schemaVersion: 1,
      server: { port: 'abc', host: {} },
      routing: null,
      models: { aliases: [1] },
    },
    {
      schemaVersion: 1,
      logs: { retentionDays: -1, maxTotalMB: 1e12 },
      app: { launchAtLogin: 'yes' },
    },
    { schemaVersion: 99, future: { x: 1 } },
    { __proto__: { server: { port: 1 } } },
  ])('never throws and returns valid settings for %j', (raw) => {
    const r = normalizeSettings(raw);
    expect(normalizeSettings(toPersisted(r.settings)).warnings).toEqual([]);
  });

  it('drops unknown keys and resets wrong types with warnings naming the field', () => {
    const r = normalizeSettings({
      schemaVersion: 1,
      colour: 'blue',
      server: { port: 'abc', turbo: true, keepAliveMs: 1.5 },
      routing: { strategy: 'random', maxInFlight: 16 },
    });
    expect(r.settings.server.port).toBe(8765);
    expect(r.settings.server.keepAliveMs).toBe(15000);
    expect(r.settings.routing.strategy).toBe('least-busy');
    expect(r.settings.routing.maxInFlight).toBe(16);
    expect(r.settings).not.toHaveProperty('colour');
    expect(r.settings.server).not.toHaveProperty('turbo');
    expect(r.warnings).toEqual(
      expect.arrayContaining([
        'Unknown setting "colour" dropped.',
        'Unknown setting "server.turbo" dropped.',
        expect.stringMatching(/^server\.port: expected an integer/),
        expect.stringMatching(/^server\.keepAliveMs: expected an integer/),
        expect.stringMatching(/^routing\.strategy: expected one of/),
      ]),
    );
    expect(r.warnings).toHaveLength(5);
  });

  it('keeps the valid entries of lists and maps', () => {
    const r = normalizeSettings({
      schemaVersion: 1,
      server: { allowedOrigins: ['http://localhost:3000', 'not a url', 7, 'https://a.b/path'] },
      models: { aliases: { 'gpt-4o': 'qwen3', bad: 5, '': 'x' } },
    });
    expect(r.settings.server.allowedOrigins).toEqual(['http://localhost:3000']);
    expect(r.settings.models.aliases).toEqual({ 'gpt-4o': 'qwen3' });
    expect(r.warnings).toHaveLength(2);
  });

  it('refuses a LAN address unless allowLan is on', () => {
    const closed = normalizeSettings({ schemaVersion: 1, server: { host: '0.0.0.0' } });
    expect(closed.settings.server.host).toBe('127.0.0.1');
    expect(closed.warnings[0]).toMatch(/allowLan is off/);
    const open = normalizeSettings({
      schemaVersion: 1,
      server: { host: '0.0.0.0', allowLan: true },
    });
    expect(open.settings.server.host).toBe('0.0.0.0');
    expect(open.warnings).toEqual([]);
  });
});

describe('migrateSettings', () => {
  it('moves the flat v0 layout into sections and converts units', () => {
    const r = normalizeSettings({
      host: '127.0.0.1',
      port: 9000,
      maxInFlight: 8,
      queueTimeoutSec: 12.5,
      sessionReuse: false,
      sessionReuseTtlSeconds: 60,
      defaultModel: 'qwen3',
      launchAtLogin: true,
    });
    expect(r.fromVersion).toBe(0);
    expect(r.warnings).toEqual([]);
    expect(r.settings.server.port).toBe(9000);
    expect(r.settings.routing).toMatchObject({ maxInFlight: 8, queueTimeoutMs: 12500 });
    expect(r.settings.sessionReuse).toEqual({ enabled: false, maxEntries: 256, ttlSeconds: 60 });
    expect(r.settings.models.defaultModel).toBe('qwen3');
    expect(r.settings.app.launchAtLogin).toBe(true);
  });

  it('lets an existing nested value win over a flat one, with a note', () => {
    const r = migrateSettings({ port: 9000, server: { port: 9100 } });
    expect(r.data).toEqual({ server: { port: 9100 } });
    expect(r.warnings[0]).toMatch(/"port" ignored: "server.port" is also set/);
  });

  it('reads a v1 file that lost its version number', () => {
    const r = normalizeSettings({ server: { port: 9001 }, sessionReuse: { maxEntries: 10 } });
    expect(r.settings.server.port).toBe(9001);
    expect(r.settings.sessionReuse.maxEntries).toBe(10);
    expect(r.warnings).toEqual([]);
  });

  it('warns about a file from a newer build', () => {
    const r = normalizeSettings({
      schemaVersion: SETTINGS_SCHEMA_VERSION + 1,
      server: { port: 9002 },
    });
    expect(r.settings.server.port).toBe(9002);
    expect(r.warnings[0]).toMatch(/newer version/);
  });
});

describe('applySettingsPatch', () => {
  it('merges fields, replaces maps whole, and keeps the current value on a bad field', () => {
    const current = normalizeSettings({
      schemaVersion: 1,
      server: { port: 9000 },
      models: { aliases: { a: 'x', b: 'y' } },
    }).settings;
    const r = applySettingsPatch(current, {
      server: { port: 70000, keepAliveMs: 5000 },
      models: { aliases: { c: 'z' } },
      nonsense: 1,
    });
    expect(r.settings.server.port).toBe(9000);
    expect(r.settings.server.keepAliveMs).toBe(5000);
    expect(r.settings.models.aliases).toEqual({ c: 'z' });
    expect(r.warnings).toEqual([
      'Unknown setting "nonsense" dropped.',
      expect.stringMatching(/^server\.port: .*keeping the current value/),
    ]);
  });

  it('refuses a non-object patch without changing anything', () => {
    const r = applySettingsPatch(defaultSettings(), 'x');
    expect(r.settings).toEqual(defaultSettings());
    expect(r.warnings).toHaveLength(1);
  });

  it('tells when the listener must restart', () => {
    const a = defaultSettings();
    expect(listenerChanged(a, applySettingsPatch(a, { server: { port: 1 } }).settings)).toBe(true);
    expect(listenerChanged(a, applySettingsPatch(a, { logs: { retentionDays: 3 } }).settings)).toBe(
      false,
    );
  });
});
