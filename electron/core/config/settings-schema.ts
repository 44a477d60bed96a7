/**
 * Field-level rules for GatewaySettings: one table says, for every field, what a valid value is
 * and what the default is. normalizeSettings() walks this table, so a field added here is
 * validated, defaulted and documented in one place.
 */
import { isUpdateFeedUrl } from '../update/feed';
import type { GatewaySettings } from './settings-types';

/** A rule for one field. `check` returns the accepted value or a reason it was refused. */
export interface FieldRule {
  /** Human description used in warnings, e.g. "an integer from 1 to 65535". */
  expected: string;
  check(value: unknown): { ok: true; value: unknown; notes?: string[] } | { ok: false };
}

export type SectionName = keyof GatewaySettings;

export type SettingsRules = {
  [S in SectionName]: { [F in keyof GatewaySettings[S]]: FieldRule };
};

const MiB = 1024 * 1024;

function bool(): FieldRule {
  return {
    expected: 'true or false',
    check: (v) => (typeof v === 'boolean' ? { ok: true, value: v } : { ok: false }),
  };
}

function int(min: number, max: number): FieldRule {
  return {
    expected: `an integer from ${min} to ${max}`,
    check: (v) =>
      typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
        ? { ok: true, value: v }
        : { ok: false },
  };
}

function str(maxLength: number, valid: (s: string) => boolean = () => true, what = ''): FieldRule {
  return {
    expected: `a string of at most ${maxLength} characters${what ? ` (${what})` : ''}`,
    check: (v) =>
      typeof v === 'string' && v.length <= maxLength && valid(v)
        ? { ok: true, value: v }
        : { ok: false },
  };
}

function oneOf<T extends string>(...values: T[]): FieldRule {
  return {
    expected: `one of ${values.map((v) => `"${v}"`).join(', ')}`,
    check: (v) =>
      typeof v === 'string' && (values as string[]).includes(v)
        ? { ok: true, value: v }
        : { ok: false },
  };
}

/** An exact origin: what a browser sends in `Origin`, nothing more (no path, no wildcard). */
function isOrigin(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === s;
  } catch {
    return false;
  }
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Lists keep their valid entries: one typo must not wipe the others. */
function originList(): FieldRule {
  return {
    expected: 'a list of origins such as "http://localhost:3000"',
    check: (v) => {
      if (!Array.isArray(v)) return { ok: false };
      const kept = [...new Set(v.filter((o): o is string => typeof o === 'string' && isOrigin(o)))];
      const dropped = v.length - kept.length;
      const notes = dropped > 0 ? [`${dropped} invalid or duplicate origin(s) dropped`] : [];
      return { ok: true, value: kept.slice(0, 64), notes };
    },
  };
}

function aliasMap(): FieldRule {
  return {
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
  };
}

const hostPattern = /^[A-Za-z0-9.:%[\]-]+$/;

/** Every field's rule. Ranges are generous; they exist to stop nonsense, not to second-guess. */
export const SETTINGS_RULES: SettingsRules = {
  server: {
    host: str(253, (s) => hostPattern.test(s), 'a host name or IP address'),
    port: int(0, 65535),
    allowLan: bool(),
    allowedOrigins: originList(),
    maxBodyBytes: int(1024, 256 * MiB),
    keepAliveMs: int(0, 600_000),
    firstEventTimeoutMs: int(0, 3_600_000),
    idleTimeoutMs: int(0, 3_600_000),
    maxConnections: int(16, 100_000),
  },
  lingma: {
    binaryPath: str(4096),
    vsixUrl: str(2048, (s) => s === '' || isHttpUrl(s), 'empty or an http(s) URL'),
    keepWarmWhenStopped: bool(),
    flavour: oneOf('auto', 'cosy', 'acp'),
  },
  routing: {
    strategy: oneOf('least-busy', 'round-robin', 'fill-first'),
    maxInFlight: int(0, 1024),
    queueTimeoutMs: int(0, 600_000),
    maxConcurrentPerInstance: int(1, 64),
    workersPerAccount: int(1, 16),
    failoverOnTimeout: bool(),
  },
  models: {
    defaultModel: str(200),
    aliases: aliasMap(),
    askMode: oneOf('chat', 'agent'),
    agentSessionType: oneOf('assistant', 'developer'),
  },
  sessionReuse: {
    enabled: bool(),
    maxEntries: int(1, 100_000),
    ttlSeconds: int(1, 7 * 86_400),
  },
  tools: {
    emulation: bool(),
    correctiveRetries: int(0, 5),
    upstreamApproval: oneOf('deny', 'auto-approve'),
    pendingTimeoutMs: int(1_000, 3_600_000),
  },
  logs: {
    retentionDays: int(1, 3650),
    maxTotalMB: int(10, 100_000),
    maxBodyBytes: int(0, 16 * MiB),
  },
  app: {
    launchAtLogin: bool(),
    startGatewayOnLaunch: bool(),
    autoUpdate: bool(),
    updateFeedUrl: str(2048, (s) => s === '' || isUpdateFeedUrl(s), 'empty, or an https URL'),
    language: oneOf('system', 'en', 'zh-CN'),
  },
};

/** True for addresses that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}
