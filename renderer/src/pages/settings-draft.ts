/**
 * The Settings form's unsaved state, kept apart from React so its rules are unit-tested: number
 * fields stay text (an emptied field stays empty and is an error, never 0); only fields the user
 * changed are saved; a change pushed from elsewhere updates the fields the user has not touched
 * and never overwrites an edit.
 */
import type { SettingsDto, SettingsPatchDto } from '../../../electron/shared/dto';
import { parsePairs } from '../../../electron/shared/settings';
import {
  FIELDS,
  linesOf,
  parseNumber,
  readPath,
  type FieldDef,
  type FieldError,
} from './settings-fields';

export type Draft = Record<string, string | boolean>;

function fieldText(def: FieldDef, value: unknown): string | boolean {
  if (def.kind === 'bool') return value === true;
  if (def.kind === 'lines') return (value as string[]).join('\n');
  if (def.kind === 'pairs') {
    return Object.entries(value as Record<string, string>)
      .map(([name, key]) => `${name} = ${key}`)
      .join('\n');
  }
  return String(value ?? '');
}

/** A field's text as its setting's type. */
function typed(def: FieldDef, value: string | boolean): unknown {
  switch (def.kind) {
    case 'number':
      return Number(String(value).trim());
    case 'lines':
      return linesOf(String(value));
    case 'pairs':
      return parsePairs(String(value)) ?? {};
    case 'text':
      return String(value).trim();
    default:
      return value;
  }
}

export function toDraft(s: SettingsDto): Draft {
  return Object.fromEntries(FIELDS.map((f) => [f.path, fieldText(f, readPath(s, f.path))]));
}

const same = (def: FieldDef, a: string | boolean | undefined, b: string | boolean | undefined) =>
  (def.kind === 'lines' || def.kind === 'pairs') && typeof a === 'string' && typeof b === 'string'
    ? linesOf(a).join('\n') === linesOf(b).join('\n')
    : a === b;

/** Paths whose draft differs from `base`. */
export function changedPaths(base: Draft, draft: Draft): string[] {
  return FIELDS.filter((f) => !same(f, base[f.path], draft[f.path])).map((f) => f.path);
}

/** Errors of the changed fields (an untouched odd value, e.g. port 0 from the CLI, is left alone). */
export function draftErrors(base: Draft, draft: Draft): Record<string, FieldError> {
  const out: Record<string, FieldError> = {};
  for (const path of changedPaths(base, draft)) {
    const def = FIELDS.find((f) => f.path === path);
    const value = draft[path];
    if (!def || typeof value !== 'string') continue;
    const parsed = def.kind === 'number' ? parseNumber(value, def.min, def.max) : undefined;
    const error = parsed ? ('error' in parsed ? parsed.error : undefined) : def.check?.(value);
    if (error) out[path] = error;
  }
  return out;
}

/** The changed fields as a settings patch (values converted back to their types). */
export function patchOf(base: Draft, draft: Draft): SettingsPatchDto {
  const patch: Record<string, Record<string, unknown>> = {};
  for (const path of changedPaths(base, draft)) {
    const def = FIELDS.find((f) => f.path === path);
    const value = draft[path];
    if (!def || value === undefined) continue;
    const [section = '', key = ''] = path.split('.');
    (patch[section] ??= {})[key] = typed(def, value);
  }
  return patch as SettingsPatchDto;
}

/**
 * Settings changed elsewhere (the tray, another window, a save): untouched fields take the new
 * values, edited fields keep the user's text. `changedElsewhere` lists what moved underneath an
 * edit in progress, for the notice.
 */
export function mergeIncoming(
  base: Draft,
  incoming: Draft,
  draft: Draft,
): { draft: Draft; base: Draft; changedElsewhere: string[] } {
  const edited = new Set(changedPaths(base, draft));
  const moved = changedPaths(base, incoming);
  const next: Draft = { ...incoming };
  for (const path of edited) {
    const value = draft[path];
    if (value !== undefined) next[path] = value;
  }
  return { draft: next, base: incoming, changedElsewhere: edited.size > 0 ? moved : [] };
}
