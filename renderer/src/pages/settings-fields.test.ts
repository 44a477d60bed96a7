import { describe, expect, it } from 'vitest';
import { applySettingsPatch, defaultSettings } from '../../../electron/core/config/settings';
import type { SettingsDto } from '../../../electron/shared/dto';
import { SETTING_FIELDS } from '../../../electron/shared/settings';
import { createTranslator } from '../../../electron/shared/i18n';
import { changedPaths, draftErrors, mergeIncoming, patchOf, toDraft } from './settings-draft';
import { FIELDS, GROUPS, parseNumber } from './settings-fields';

const settings = (): SettingsDto => defaultSettings() as SettingsDto;

describe('settings form rules', () => {
  it('has a label and help text for every field, group, option and apply hint, in both languages', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const t = createTranslator(lang);
      const missing = (key: string) => t(key, { defaultValue: '\u0000' }) === '\u0000';
      const keys = [
        ...GROUPS.flatMap((g) => [`settings.group.${g.id}.title`, `settings.group.${g.id}.help`]),
        ...FIELDS.flatMap((f) => [
          `settings.field.${f.path}.label`,
          `settings.field.${f.path}.help`,
          ...(f.options ?? []).map((o) => `settings.field.${f.path}.option.${o}`),
          ...(f.apply === 'live' ? [] : [`settings.apply.${f.apply}`]),
        ]),
      ];
      expect(keys.filter(missing), lang).toEqual([]);
    }
  });

  it('shows every setting: on a card, or under "This computer" with its own control', () => {
    const shown = new Set(FIELDS.map((f) => f.path));
    const own = SETTING_FIELDS.filter((f) => f.group === 'app').map((f) => f.path);
    expect(own.sort()).toEqual(['app.language', 'app.launchAtLogin']);
    expect(SETTING_FIELDS.filter((f) => !shown.has(f.path) && f.group !== 'app')).toEqual([]);
    // The settings the form did not have before it was derived from the description.
    for (const path of [
      'lingma.flavour',
      'models.agentSessionType',
      'server.firstEventTimeoutMs',
      'server.maxConnections',
      'routing.failoverOnTimeout',
      'app.autoUpdate',
      'app.updateFeedUrl',
    ]) {
      expect(shown.has(path), path).toBe(true);
    }
  });

  it('checks numbers within what the core’s normaliser accepts', () => {
    const base = defaultSettings();
    const accepts = (path: string, value: unknown) => {
      const [section, key] = path.split('.') as [string, string];
      return applySettingsPatch(base, { [section]: { [key]: value } }).warnings.length === 0;
    };
    for (const f of FIELDS.filter((x) => x.kind === 'number')) {
      expect(accepts(f.path, f.min), `${f.path} min`).toBe(true);
      expect(accepts(f.path, f.max), `${f.path} max`).toBe(true);
      expect(accepts(f.path, (f.max ?? 0) + 1), `${f.path} above max`).toBe(false);
    }
  });

  it('refuses in the form what the core would refuse', () => {
    const check = (path: string, text: string) =>
      FIELDS.find((f) => f.path === path)?.check?.(text);
    expect(check('server.host', '')).toBe('empty');
    expect(check('server.host', 'not a host')).toBe('badHost');
    expect(check('server.host', '0.0.0.0')).toBeUndefined();
    expect(check('lingma.vsixUrl', 'ftp://x')).toBe('badUrl');
    expect(check('lingma.vsixUrl', '')).toBeUndefined();
    expect(check('app.updateFeedUrl', 'http://updates.example')).toBe('badFeedUrl');
    expect(check('app.updateFeedUrl', 'https://updates.example/feed')).toBeUndefined();
    expect(check('models.aliases', 'gpt-4o = qwen3-coder\nnothing')).toBe('badAlias');
  });

  it('edits model names as "name = model" lines and saves them as a map', () => {
    const base = toDraft(settings());
    expect(base['models.aliases']).toBe('');
    const draft = { ...base, 'models.aliases': 'gpt-4o = qwen3-coder\n claude-x=qwen3-thinking ' };
    expect(draftErrors(base, draft)).toEqual({});
    expect(patchOf(base, draft)).toEqual({
      models: { aliases: { 'gpt-4o': 'qwen3-coder', 'claude-x': 'qwen3-thinking' } },
    });
    const saved = settings();
    saved.models.aliases = { 'gpt-4o': 'qwen3-coder' };
    expect(toDraft(saved)['models.aliases']).toBe('gpt-4o = qwen3-coder');
  });

  it('never turns an empty or odd number into 0', () => {
    expect(parseNumber('', 1, 10)).toEqual({ error: 'empty' });
    expect(parseNumber('  ', 1, 10)).toEqual({ error: 'empty' });
    expect(parseNumber('3.5', 1, 10)).toEqual({ error: 'notInteger' });
    expect(parseNumber('0', 1, 10)).toEqual({ error: 'tooSmall' });
    expect(parseNumber('11', 1, 10)).toEqual({ error: 'tooBig' });
    expect(parseNumber(' 7 ', 1, 10)).toEqual({ value: 7 });
  });

  it('checks and saves only the fields the user changed', () => {
    const s = settings();
    s.server.port = 0; // set by the CLI; not the form's business unless edited
    const base = toDraft(s);
    expect(draftErrors(base, base)).toEqual({});
    const draft = {
      ...base,
      'routing.maxInFlight': '',
      'server.allowedOrigins': 'http://a:1\nnope',
    };
    expect(draftErrors(base, draft)).toEqual({
      'routing.maxInFlight': 'empty',
      'server.allowedOrigins': 'badOrigin',
    });
    const good = { ...base, 'routing.maxInFlight': '7', 'server.allowLan': true };
    expect(patchOf(base, good)).toEqual({
      routing: { maxInFlight: 7 },
      server: { allowLan: true },
    });
  });

  it('takes changes from elsewhere into untouched fields and keeps the user’s edits', () => {
    const base = toDraft(settings());
    const draft = { ...base, 'routing.maxInFlight': '7' };
    const other = settings();
    other.routing.maxInFlight = 3;
    other.logs.retentionDays = 9;
    const merged = mergeIncoming(base, toDraft(other), draft);
    expect(merged.draft['routing.maxInFlight']).toBe('7');
    expect(merged.draft['logs.retentionDays']).toBe('9');
    expect(merged.changedElsewhere.sort()).toEqual(['logs.retentionDays', 'routing.maxInFlight']);
    expect(changedPaths(merged.base, merged.draft)).toEqual(['routing.maxInFlight']);
    // Nothing edited: the new values simply show, with no notice.
    expect(mergeIncoming(base, toDraft(other), base).changedElsewhere).toEqual([]);
  });
});
