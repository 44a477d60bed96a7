/**
 * The Settings form as data, derived from the one description (electron/shared/settings/spec.ts):
 * which fields, in which card, what a valid value is and how a change takes effect. A setting
 * added there shows up here by itself; its label and help are `settings.field.<path>` in the
 * catalogue.
 */
import {
  fieldsOfGroup,
  linesOf,
  readSetting,
  SETTINGS_GROUPS,
  type ApplyMode,
  type Control,
  type FieldError,
  type SettingField,
} from '../../../electron/shared/settings';
import type { SettingsDto } from '../../../electron/shared/dto';

export { linesOf, type FieldError };

export interface FieldDef {
  path: string;
  kind: Control;
  min?: number;
  max?: number;
  options?: readonly string[];
  apply: ApplyMode;
  check?(text: string): FieldError | undefined;
}

export interface GroupDef {
  id: (typeof SETTINGS_GROUPS)[number];
  fields: FieldDef[];
}

const toDef = (f: SettingField): FieldDef => ({
  path: f.path,
  kind: f.control,
  apply: f.apply,
  ...(f.min !== undefined ? { min: f.min } : {}),
  ...(f.max !== undefined ? { max: f.max } : {}),
  ...(f.options ? { options: f.options } : {}),
  ...(f.checkText ? { check: f.checkText } : {}),
});

export const GROUPS: readonly GroupDef[] = SETTINGS_GROUPS.map((id) => ({
  id,
  fields: fieldsOfGroup(id).map(toDef),
}));

export const FIELDS: readonly FieldDef[] = GROUPS.flatMap((g) => g.fields);

/** Reads `section.key` from settings. */
export function readPath(s: SettingsDto, path: string): unknown {
  return readSetting(s, path);
}

/** A number field's text, checked. Empty never becomes 0: it is an error to fix. */
export function parseNumber(
  text: string,
  min = -Infinity,
  max = Infinity,
): { value: number } | { error: FieldError } {
  const t = text.trim();
  if (t === '') return { error: 'empty' };
  if (!/^-?\d+$/.test(t)) return { error: 'notInteger' };
  const value = Number(t);
  if (value < min) return { error: 'tooSmall' };
  if (value > max) return { error: 'tooBig' };
  return { value };
}
