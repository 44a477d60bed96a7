import { describe, expect, it } from 'vitest';
import { applyEnv, NOT_APPLIED } from './env';
import { defaultSettings } from './settings';

const apply = (env: Record<string, string>) => applyEnv(defaultSettings(), env);

describe('applyEnv: settings', () => {
  it.each([
    [
      { PORT: '9000' },
      'server.port',
      (s: ReturnType<typeof apply>) => s.settings.server.port,
      9000,
    ],
    [
      { HOST: '::1' },
      'server.host',
      (s: ReturnType<typeof apply>) => s.settings.server.host,
      '::1',
    ],
    [
      { GATEWAY_MAX_IN_FLIGHT: '12' },
      'routing.maxInFlight',
      (s: ReturnType<typeof apply>) => s.settings.routing.maxInFlight,
      12,
    ],
    [
      { GATEWAY_MAX_IN_FLIGHT: '-1' },
      'routing.maxInFlight',
      (s: ReturnType<typeof apply>) => s.settings.routing.maxInFlight,
      0,
    ],
    [
      { GATEWAY_QUEUE_TIMEOUT_SEC: '2.5' },
      'routing.queueTimeoutMs',
      (s: ReturnType<typeof apply>) => s.settings.routing.queueTimeoutMs,
      2500,
    ],
    [
      { LINGMA_BIN: '/opt/lingma/Lingma' },
      'lingma.binaryPath',
      (s: ReturnType<typeof apply>) => s.settings.lingma.binaryPath,
      '/opt/lingma/Lingma',
    ],
    [
      { LINGMA_VSIX_URL: 'https://example.com/l.vsix' },
      'lingma.vsixUrl',
      (s: ReturnType<typeof apply>) => s.settings.lingma.vsixUrl,
      'https://example.com/l.vsix',
    ],
    [
      { DEFAULT_MODEL: 'org_auto' },
      'models.defaultModel',
      (s: ReturnType<typeof apply>) => s.settings.models.defaultModel,
      'org_auto',
    ],
    [
      { DEFAULT_ASK_MODE: 'Agent' },
      'models.askMode',
      (s: ReturnType<typeof apply>) => s.settings.models.askMode,
      'agent',
    ],
    [
      { SESSION_REUSE_ENABLED: 'false' },
      'sessionReuse.enabled',
      (s: ReturnType<typeof apply>) => s.settings.sessionReuse.enabled,
      false,
    ],
    [
      { SESSION_CACHE_MAX_ENTRIES: '64' },
      'sessionReuse.maxEntries',
      (s: ReturnType<typeof apply>) => s.settings.sessionReuse.maxEntries,
      64,
    ],
    [
      { SESSION_CACHE_TTL_SEC: '600' },
      'sessionReuse.ttlSeconds',
      (s: ReturnType<typeof apply>) => s.settings.sessionReuse.ttlSeconds,
      600,
    ],
    [
      { LINGMA_INSTANCE_COUNT: '3' },
      'routing.workersPerAccount',
      (s: ReturnType<typeof apply>) => s.settings.routing.workersPerAccount,
      3,
    ],
  ])('%j sets %s', (env, path, read, expected) => {
    const r = apply(env);
    expect(read(r)).toBe(expected);
    expect(r.overridden).toEqual([path]);
    expect(r.warnings).toEqual([]);
  });

  it('turns allowLan on for a non-loopback HOST, and says so', () => {
    const r = apply({ HOST: '0.0.0.0' });
    expect(r.settings.server).toMatchObject({ host: '0.0.0.0', allowLan: true });
    expect(r.overridden).toEqual(['server.host', 'server.allowLan']);
    expect(r.warnings[0]).toMatch(/reachable from other machines/);
  });

  it('ignores bad values with a warning and keeps the stored setting', () => {
    const base = defaultSettings();
    base.server.port = 9100;
    const r = applyEnv(base, {
      PORT: 'eighty',
      SESSION_CACHE_MAX_ENTRIES: '0',
      SESSION_REUSE_ENABLED: 'maybe',
    });
    expect(r.settings.server.port).toBe(9100);
    expect(r.settings.sessionReuse.maxEntries).toBe(256);
    expect(r.overridden).toEqual([]);
    expect(r.warnings).toHaveLength(3);
    expect(r.warnings.join('\n')).toMatch(/PORT="eighty"/);
  });

  it('treats empty values as unset', () => {
    const r = apply({ PORT: '', ADMIN_TOKEN: ' ', API_KEYS: '' });
    expect(r.overridden).toEqual([]);
    expect(r.secrets).toEqual({});
  });

  it('respects LINGMA_SOURCE_TYPE for the VSIX URL', () => {
    const r = apply({ LINGMA_SOURCE_TYPE: 'marketplace', LINGMA_VSIX_URL: 'https://x/y.vsix' });
    expect(r.settings.lingma.vsixUrl).toBe('');
    expect(r.warnings[0]).toMatch(/LINGMA_VSIX_URL ignored/);
    expect(apply({ LINGMA_SOURCE_TYPE: 'vsix' }).warnings[0]).toMatch(/without LINGMA_VSIX_URL/);
  });

  it('divides LINGMA_INSTANCE_COUNT over the accounts', () => {
    const r = apply({ LINGMA_INSTANCE_COUNT: '5', LINGMA_ACCOUNTS: 'a,b' });
    expect(r.settings.routing.workersPerAccount).toBe(3);
  });
});

describe('applyEnv: secrets, logging, accounts', () => {
  it('maps API_KEYS, ADMIN_TOKEN and METRICS_TOKEN', () => {
    const r = apply({
      API_KEYS: 'sk-one, sk-two,,sk-one,bad key',
      ADMIN_TOKEN: 'adm',
      METRICS_TOKEN: 'met',
    });
    expect(r.secrets).toEqual({
      apiKeys: ['sk-one', 'sk-two'],
      adminToken: 'adm',
      metricsToken: 'met',
    });
    expect(r.warnings).toEqual([expect.stringMatching(/1 key\(s\) contain spaces/)]);
    expect(r.warnings.join()).not.toMatch(/bad key/);
  });

  it('maps LOG_LEVEL to the logger levels', () => {
    expect(apply({ LOG_LEVEL: 'WARNING' }).logLevel).toBe('warn');
    expect(apply({ LOG_LEVEL: 'DEBUG' }).logLevel).toBe('debug');
    expect(apply({ LOG_LEVEL: 'loud' }).warnings).toHaveLength(1);
  });

  it('maps LINGMA_ACCOUNTS and ignores the single-account variables then', () => {
    const r = apply({ LINGMA_ACCOUNTS: 'alice:pw1,bob:pw2', LINGMA_USERNAME: 'carol' });
    expect(r.accounts).toEqual([{ name: 'alice' }, { name: 'bob' }]);
    expect(r.warnings.join('\n')).toMatch(/LINGMA_USERNAME ignored/);
    expect(r.warnings.join('\n')).not.toMatch(/pw1|pw2/);
  });

  it('maps LINGMA_USERNAME with its bundle, file preferred over inline', () => {
    const r = apply({
      LINGMA_USERNAME: 'carol',
      LINGMA_PASSWORD: 'secret-pw',
      LINGMA_SESSION_BUNDLE_FILE: '/secrets/c.b64',
      LINGMA_SESSION_BUNDLE: 'H4sI',
    });
    expect(r.accounts).toEqual([{ name: 'carol', bundle: { file: '/secrets/c.b64' } }]);
    expect(r.warnings.join('\n')).toMatch(/LINGMA_PASSWORD is not used/);
    expect(r.warnings.join('\n')).not.toMatch(/secret-pw/);
  });

  it('gives a lone bundle a "default" account', () => {
    expect(apply({ LINGMA_SESSION_BUNDLE: 'eyJ9' }).accounts).toEqual([
      { name: 'default', bundle: { inline: 'eyJ9' } },
    ]);
    expect(apply({}).accounts).toBeUndefined();
  });

  it('warns about every predecessor variable that does not apply', () => {
    const env = Object.fromEntries(Object.keys(NOT_APPLIED).map((k) => [k, '1']));
    const r = apply(env);
    for (const name of Object.keys(NOT_APPLIED)) {
      expect(r.warnings.some((w) => w.startsWith(`${name} is not used`))).toBe(true);
    }
    expect(r.settings).toEqual(defaultSettings());
  });
});
