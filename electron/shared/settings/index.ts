/**
 * What is derived from the one description (spec.ts): the settings type, the defaults, the flat
 * field list the core's normaliser and the renderer's form walk, and which changes need the
 * listener restarted.
 */
import { SETTINGS_SPEC, type SettingsValues } from './spec';
import type { FieldSpec, GroupId } from './rules';

export { SETTINGS_SPEC, type SettingsValues } from './spec';
export * from './rules';

export type SectionName = keyof SettingsValues;

/** A field with its place: `path` is `section.name`. */
export interface SettingField extends FieldSpec<unknown> {
  path: string;
  section: SectionName;
  name: string;
}

export const SETTINGS_SECTIONS = Object.keys(SETTINGS_SPEC) as SectionName[];

/** Every field, in the description's order. */
export const SETTING_FIELDS: readonly SettingField[] = SETTINGS_SECTIONS.flatMap((section) =>
  Object.entries(SETTINGS_SPEC[section] as Record<string, FieldSpec<unknown>>).map(
    ([name, spec]) => ({ ...spec, path: `${section}.${name}`, section, name }),
  ),
);

/** The fields a Settings card shows, in order. */
export function fieldsOfGroup(group: GroupId): SettingField[] {
  return SETTING_FIELDS.filter((f) => f.group === group);
}

/** A fresh copy of the defaults (callers may change it). */
export function settingsDefaults(): SettingsValues {
  const out: Record<string, Record<string, unknown>> = {};
  for (const f of SETTING_FIELDS) (out[f.section] ??= {})[f.name] = structuredClone(f.default);
  // Built field by field from SETTINGS_SPEC, whose keys SettingsValues is made of.
  return out as unknown as SettingsValues;
}

/** Reads `section.name`. */
export function readSetting(s: SettingsValues, path: string): unknown {
  const [section, name] = path.split('.') as [SectionName, string];
  return (s[section] as Record<string, unknown> | undefined)?.[name];
}

/** True when a change between the two takes effect only after the listener restarts. */
export function listenerChanged(before: SettingsValues, after: SettingsValues): boolean {
  return SETTING_FIELDS.some(
    (f) =>
      f.apply === 'listener' &&
      JSON.stringify(readSetting(before, f.path)) !== JSON.stringify(readSetting(after, f.path)),
  );
}
