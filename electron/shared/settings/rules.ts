/**
 * The building blocks of the settings description (spec.ts): one builder per kind of value. Each
 * gives a field its default, the rule the core's normaliser applies to whatever arrives (a file,
 * a UI patch, the environment), the check the Settings form applies to what the user typed, how a
 * change takes effect, and where the form shows it. Pure: the renderer bundles this too.
 */

/**
 * How a change takes effect. `live`: at once. `listener`: when the HTTP listener restarts (the
 * save says so and offers the restart). `children`: for Lingma processes started afterwards.
 * `new-accounts`: for accounts added afterwards. `app-restart`: when the app starts next.
 */
export type ApplyMode = 'live' | 'listener' | 'children' | 'new-accounts' | 'app-restart';

/** The Settings page's cards, in page order (`app` is "This computer", drawn by its own code). */
export const SETTINGS_GROUPS = [
  'connection',
  'lingma',
  'routing',
  'tools',
  'limits',
  'logs',
  'updates',
] as const;
export type GroupId = (typeof SETTINGS_GROUPS)[number] | 'app';

/** The form control a field gets. */
export type Control = 'number' | 'text' | 'bool' | 'select' | 'lines' | 'pairs' | 'model';

/** Why typed text cannot be saved; a key under `settings.error.`. */
export type FieldError =
  | 'empty'
  | 'notInteger'
  | 'tooSmall'
  | 'tooBig'
  | 'badHost'
  | 'badUrl'
  | 'badOrigin'
  | 'badFeedUrl'
  | 'badAlias';

export type Checked<T> = { ok: true; value: T; notes?: string[] } | { ok: false };

/** Where and how the Settings page shows a field; labels and help are `settings.field.<path>`. */
export interface FieldUi {
  apply: ApplyMode;
  group: GroupId;
  /** A smaller range than the core accepts, where the rest is useless to a user (port 0). */
  min?: number;
}

export interface FieldSpec<T> extends FieldUi {
  default: T;
  control: Control;
  /** For warnings: "expected an integer from 1 to 65535". */
  expected: string;
  /** The core's rule: the accepted (possibly cleaned) value, or a refusal. */
  check(value: unknown): Checked<T>;
  /** The form's rule for what the user typed (numbers are checked against min/max instead). */
  checkText?(text: string): FieldError | undefined;
  min?: number;
  max?: number;
  options?: readonly string[];
}

export type ValueOf<F> = F extends FieldSpec<infer T> ? T : never;

export function bool(value: boolean, ui: FieldUi): FieldSpec<boolean> {
  return {
    ...ui,
    default: value,
    control: 'bool',
    expected: 'true or false',
    check: (v) => (typeof v === 'boolean' ? { ok: true, value: v } : { ok: false }),
  };
}

export function int(
  min: number,
  max: number,
  value: number,
  ui: FieldUi,
): FieldSpec<number> & { min: number; max: number } {
  return {
    ...ui,
    default: value,
    control: 'number',
    expected: `an integer from ${min} to ${max}`,
    check: (v) =>
      typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
        ? { ok: true, value: v }
        : { ok: false },
    min: ui.min ?? min,
    max,
  };
}

/** A string of at most `maxLength`; `valid` also applies, and `invalid` names its failure. */
export function text(
  value: string,
  o: {
    maxLength: number;
    valid?: (s: string) => boolean;
    invalid?: FieldError;
    what?: string;
    /** `model`: a pick from Lingma's models (any text is still accepted). */
    control?: 'text' | 'model';
  },
  ui: FieldUi,
): FieldSpec<string> {
  const valid = o.valid ?? (() => true);
  return {
    ...ui,
    default: value,
    control: o.control ?? 'text',
    expected: `a string of at most ${o.maxLength} characters${o.what ? ` (${o.what})` : ''}`,
    check: (v) =>
      typeof v === 'string' && v.length <= o.maxLength && valid(v)
        ? { ok: true, value: v }
        : { ok: false },
    checkText: (t) => {
      const s = t.trim();
      if (s === '' && !valid('')) return 'empty';
      return s.length <= o.maxLength && valid(s) ? undefined : (o.invalid ?? 'badUrl');
    },
  };
}

/** One of `options` (a select); the value type is the options' union. */
export function choice<const O extends readonly string[]>(
  options: O,
  value: O[number],
  ui: FieldUi,
): FieldSpec<O[number]> {
  return {
    ...ui,
    default: value,
    control: 'select',
    options,
    expected: `one of ${options.map((v) => `"${v}"`).join(', ')}`,
    check: (v) =>
      typeof v === 'string' && (options as readonly string[]).includes(v)
        ? { ok: true, value: v as O[number] }
        : { ok: false },
  };
}

/** The form's list text: one entry a line, blanks ignored. */
export function linesOf(value: string): string[] {
  return value
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);
}

/** Exact browser origins (`scheme://host[:port]`). Lists keep their valid entries: one typo must
 * not wipe the others. */
export function origins(ui: FieldUi): FieldSpec<string[]> {
  return {
    ...ui,
    default: [],
    control: 'lines',
    expected: 'a list of origins such as "http://localhost:3000"',
    check: (v) => {
      if (!Array.isArray(v)) return { ok: false };
      const kept = [...new Set(v.filter((o): o is string => typeof o === 'string' && isOrigin(o)))];
      const dropped = v.length - kept.length;
      const notes = dropped > 0 ? [`${dropped} invalid or duplicate origin(s) dropped`] : [];
      return { ok: true, value: kept.slice(0, 64), notes };
    },
    checkText: (t) => (linesOf(t).every(isOrigin) ? undefined : 'badOrigin'),
  };
}

/** `name = key` a line, as the form edits a name → name map. */
export function parsePairs(value: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const line of linesOf(value)) {
    const at = line.indexOf('=');
    const name = line.slice(0, at).trim();
    const key = line.slice(at + 1).trim();
    if (at < 1 || name === '' || key === '') return undefined;
    out[name] = key;
  }
  return out;
}

/** Client model name → Lingma model key. Invalid entries are dropped, the rest kept. */
export function aliases(ui: FieldUi): FieldSpec<Record<string, string>> {
  return {
    ...ui,
    default: {},
    control: 'pairs',
    expected: 'an object mapping client model names to Lingma model keys',
    check: (v) => {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return { ok: false };
      const out: Record<string, string> = {};
      const dropped: string[] = [];
      for (const [name, key] of Object.entries(v)) {
        const valid =
          name.trim() !== '' && name.length <= 200 && typeof key === 'string' && key.trim() !== '';
        if (valid && key.length <= 200 && Object.keys(out).length < 500) out[name] = key.trim();
        else dropped.push(name);
      }
      const notes = dropped.length > 0 ? [`invalid alias(es) dropped: ${dropped.join(', ')}`] : [];
      return { ok: true, value: out, notes };
    },
    checkText: (t) => (parsePairs(t) ? undefined : 'badAlias'),
  };
}

/** An exact origin: what a browser sends in `Origin`, nothing more (no path, no wildcard). */
export function isOrigin(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === s;
  } catch {
    return false;
  }
}

export function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/** True for a feed URL we accept: https, or plain http only on this machine (a local test feed). */
export function isUpdateFeedUrl(url: string): boolean {
  try {
    const u = new URL(url);
    if (u.protocol === 'https:') return true;
    return u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}

/** A host name or IP address as a listen address. */
export const isHost = (s: string): boolean => /^[A-Za-z0-9.:%[\]-]+$/.test(s);

/** True for addresses that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}
