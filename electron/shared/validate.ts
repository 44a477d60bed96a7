/**
 * Boundary checks for every invoke request. Hand-written and small: each channel's payload is a
 * handful of fields, and a schema library would be the largest thing in the preload's world.
 * A failed check throws; main answers with an IpcError and never reaches the handler.
 */
import type { InvokeChannel, InvokeRequest } from './contract';
import { SETTINGS_SECTIONS } from './settings';

export class IpcValidationError extends Error {
  readonly code = 'invalid_request';
  constructor(channel: string, detail: string) {
    super(`Invalid request for ${channel}: ${detail}`);
    this.name = 'IpcValidationError';
  }
}

type Check = (value: unknown) => string | null;

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const str =
  (max = 200, min = 1): Check =>
  (v) =>
    typeof v === 'string' && v.length >= min && v.length <= max
      ? null
      : `expected a string of ${min}–${max} characters`;
const bool: Check = (v) => (typeof v === 'boolean' ? null : 'expected a boolean');
const num =
  (min: number, max: number): Check =>
  (v) =>
    typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max
      ? null
      : `expected a number in ${min}–${max}`;
const optional =
  (c: Check): Check =>
  (v) =>
    v === undefined ? null : c(v);
const strArray =
  (maxItems: number): Check =>
  (v) =>
    Array.isArray(v) &&
    v.length <= maxItems &&
    v.every((x) => typeof x === 'string' && x.length < 200)
      ? null
      : 'expected a list of ids';
const none: Check = (v) => (v === undefined || v === null ? null : 'expected no payload');

function shape(fields: Record<string, Check>): Check {
  return (v) => {
    if (!isObj(v)) return 'expected an object';
    for (const key of Object.keys(v)) if (!(key in fields)) return `unexpected field "${key}"`;
    for (const [key, check] of Object.entries(fields)) {
      const problem = check(v[key]);
      if (problem) return `${key}: ${problem}`;
    }
    return null;
  };
}

const id = shape({ id: str(100) });
const CLIENT_IDS = ['claude-code', 'codex', 'qwen-code', 'opencode', 'continue', 'cline'];
const clientId: Check = (v) =>
  typeof v === 'string' && CLIENT_IDS.includes(v) ? null : `one of ${CLIENT_IDS.join(', ')}`;
const settingsPatch: Check = (v) => {
  if (!isObj(v)) return 'expected an object';
  for (const [key, section] of Object.entries(v)) {
    if (!(SETTINGS_SECTIONS as string[]).includes(key)) return `unknown settings section "${key}"`;
    if (!isObj(section)) return `${key}: expected an object`;
  }
  return null;
};

const CHECKS: Record<InvokeChannel, Check> = {
  'app:info': none,
  'gateway:status': none,
  'gateway:start': none,
  'gateway:stop': none,
  'accounts:list': none,
  'accounts:add': shape({ name: str(64) }),
  'accounts:login': id,
  'accounts:cancel-login': id,
  'accounts:login-paste': shape({ id: str(100), url: str(16_384, 1) }),
  'accounts:logout': id,
  'accounts:set-enabled': shape({ id: str(100), enabled: bool }),
  'accounts:remove': shape({ id: str(100), deleteData: bool }),
  'accounts:export-bundle': shape({ id: str(100), passphrase: str(1024, 8) }),
  'accounts:import-bundle': shape({
    id: str(100),
    passphrase: str(1024, 0),
    data: optional(str(6 * 1024 * 1024)),
  }),
  'keys:list': none,
  'keys:create': shape({ name: str(64) }),
  'keys:revoke': id,
  'keys:reveal': id,
  'settings:get': none,
  // Field-level settings validation happens in the core's normaliser, which reports warnings.
  'settings:update': settingsPatch,
  'models:list': none,
  'test:run': shape({
    model: optional(str(200)),
    prompt: optional(str(10_000)),
    protocol: optional((v) => (v === 'openai' || v === 'anthropic' ? null : 'openai or anthropic')),
  }),
  'clipboard:write': shape({ text: str(100_000, 0) }),
  'shell:open-external': shape({
    url: (v) =>
      typeof v === 'string' && /^https?:\/\//i.test(v) && v.length < 4096
        ? null
        : 'only http(s) URLs open externally',
  }),
  'logs:query': shape({
    text: optional(str(500, 0)),
    status: optional((v) => (v === 'ok' || v === 'error' ? null : 'ok or error')),
    protocol: optional(str(40, 0)),
    model: optional(str(200, 0)),
    account: optional(str(100, 0)),
    // Request inspector (issue 16)
    client: optional(str(100, 0)),
    key: optional(str(100, 0)),
    origin: optional((v) => (v === 'refused' || v === 'served' ? null : 'refused or served')),
    hasToolCalls: optional(bool),
    limit: optional(num(1, 100_000)),
    cursor: optional(str(200, 0)),
  }),
  'logs:get': id,
  'logs:export': shape({ ids: optional(strArray(100_000)) }),
  // ---- Request inspector (issue 16) ----
  'logs:stats': shape({
    since: num(0, 1e15),
    until: optional(num(0, 1e15)),
    bucketMs: num(1000, 366 * 86_400_000),
    split: (v) =>
      typeof v === 'string' && ['none', 'account', 'model', 'client', 'key'].includes(v)
        ? null
        : 'none, account, model, client or key',
    maxSeries: optional(num(1, 20)),
  }),
  'usage:get': shape({ days: num(1, 366) }),
  'binary:status': none,
  'binary:check-update': none,
  'binary:download': none,
  'update:status': none,
  'update:check': none,
  'update:restart': none,
  // ---- Desktop setup (issue 15) ----
  'binary:cancel': none,
  'clients:detect': none,
  'clients:apply': shape({
    id: clientId,
    model: optional(str(200)),
    acceptSyncRisk: optional(bool),
  }),
  'clients:restore': shape({ id: clientId, force: optional(bool) }),
  'app:launch-at-login': none,
  'app:set-launch-at-login': shape({ enabled: bool }),
};

export function validateRequest<C extends InvokeChannel>(
  channel: C,
  value: unknown,
): InvokeRequest<C> {
  const check = CHECKS[channel];
  if (!check) throw new IpcValidationError(String(channel), 'unknown channel');
  const problem = check(value);
  if (problem) throw new IpcValidationError(channel, problem);
  return value as InvokeRequest<C>;
}
