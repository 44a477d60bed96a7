import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../electron/core/config/settings';
import { SETTINGS_RULES } from '../../../electron/core/config/settings-schema';
import type { SettingsDto } from '../../../electron/shared/dto';
import { createTranslator } from '../../../electron/shared/i18n';
import { changedPaths, draftErrors, mergeIncoming, patchOf, toDraft } from './settings-draft';
import { FIELDS, GROUPS, parseNumber } from './settings-fields';

const settings = (): SettingsDto => defaultSettings() as SettingsDto;

describe('settings form rules', () => {
  it('has a label and help text for every field, group and option, in both languages', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const t = createTranslator(lang);
      const missing = (key: string) => t(key, { defaultValue: '\u0000' }) === '\u0000';
      const keys = [
        ...GROUPS.flatMap((g) => [`settings.group.${g.id}.title`, `settings.group.${g.id}.help`]),
        ...FIELDS.flatMap((f) => [
          `settings.field.${f.path}.label`,
          `settings.field.${f.path}.help`,
          ...(f.options ?? []).map((o) => `settings.field.${f.path}.option.${o}`),
        ]),
      ];
      expect(keys.filter(missing), lang).toEqual([]);
    }
  });

  it('uses the core’s own ranges: what the form accepts, the core accepts too', () => {
    for (const f of FIELDS.filter((x) => x.kind === 'number')) {
      const [section, key] = f.path.split('.') as [keyof typeof SETTINGS_RULES, string];
      const rule = (
        SETTINGS_RULES[section] as Record<string, { check(v: unknown): { ok: boolean } }>
      )[key];
      expect(rule, f.path).toBeDefined();
      expect(rule!.check(f.min).ok, `${f.path} min`).toBe(true);
      expect(rule!.check(f.max).ok, `${f.path} max`).toBe(true);
      expect(rule!.check((f.max ?? 0) + 1).ok, `${f.path} above max`).toBe(false);
    }
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
