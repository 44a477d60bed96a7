/**
 * The Settings form as data: which fields, in which group, what a valid value is (the same ranges
 * as the core's rules; settings-fields.test.ts checks them against electron/core/config), and
 * which changes need the listener restarted. Labels and help text live in the catalogue under
 * `settings.field.<path>`.
 */
import type { SettingsDto } from '../../../electron/shared/dto';

export type FieldKind = 'number' | 'text' | 'bool' | 'select' | 'lines' | 'model';

/** Why a value cannot be saved; a key under `settings.error.`. */
export type FieldError =
  'empty' | 'notInteger' | 'tooSmall' | 'tooBig' | 'badHost' | 'badUrl' | 'badOrigin';

export interface FieldDef {
  path: string;
  kind: FieldKind;
  min?: number;
  max?: number;
  options?: readonly string[];
  /** Takes effect only after the listener restarts. */
  restart?: boolean;
  check?(text: string): FieldError | undefined;
}

export interface GroupDef {
  id: 'connection' | 'lingma' | 'routing' | 'tools' | 'logs';
  fields: FieldDef[];
}

const HOST = /^[A-Za-z0-9.:%[\]-]+$/;

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

function isOrigin(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === s;
  } catch {
    return false;
  }
}

export const GROUPS: readonly GroupDef[] = [
  {
    id: 'connection',
    fields: [
      // 0 (a new port on every start) is valid for the core but useless for tools' configs.
      { path: 'server.port', kind: 'number', min: 1, max: 65535, restart: true },
      {
        path: 'server.host',
        kind: 'text',
        restart: true,
        check: (s) =>
          s.trim() === ''
            ? 'empty'
            : HOST.test(s.trim()) && s.length <= 253
              ? undefined
              : 'badHost',
      },
      { path: 'server.allowLan', kind: 'bool', restart: true },
      {
        path: 'server.allowedOrigins',
        kind: 'lines',
        check: (s) => (linesOf(s).every(isOrigin) ? undefined : 'badOrigin'),
      },
      { path: 'app.startGatewayOnLaunch', kind: 'bool' },
    ],
  },
  {
    id: 'lingma',
    fields: [
      { path: 'lingma.binaryPath', kind: 'text' },
      {
        path: 'lingma.vsixUrl',
        kind: 'text',
        check: (s) => (s.trim() === '' || isHttpUrl(s.trim()) ? undefined : 'badUrl'),
      },
      { path: 'lingma.keepWarmWhenStopped', kind: 'bool' },
    ],
  },
  {
    id: 'routing',
    fields: [
      { path: 'models.defaultModel', kind: 'model' },
      { path: 'models.askMode', kind: 'select', options: ['chat', 'agent'] },
      {
        path: 'routing.strategy',
        kind: 'select',
        options: ['least-busy', 'round-robin', 'fill-first'],
      },
      { path: 'routing.maxInFlight', kind: 'number', min: 0, max: 1024 },
      { path: 'routing.workersPerAccount', kind: 'number', min: 1, max: 16 },
      { path: 'sessionReuse.enabled', kind: 'bool' },
    ],
  },
  {
    id: 'tools',
    fields: [
      { path: 'tools.emulation', kind: 'bool' },
      { path: 'tools.correctiveRetries', kind: 'number', min: 0, max: 5 },
      { path: 'tools.upstreamApproval', kind: 'select', options: ['deny', 'auto-approve'] },
    ],
  },
  {
    id: 'logs',
    fields: [
      { path: 'logs.retentionDays', kind: 'number', min: 1, max: 3650 },
      { path: 'logs.maxTotalMB', kind: 'number', min: 10, max: 100_000 },
    ],
  },
];

export const FIELDS: readonly FieldDef[] = GROUPS.flatMap((g) => g.fields);

export function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);
}

/** Reads `section.key` from settings. */
export function readPath(s: SettingsDto, path: string): unknown {
  const [section, key] = path.split('.') as [keyof SettingsDto, string];
  return (s[section] as unknown as Record<string, unknown>)[key];
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
