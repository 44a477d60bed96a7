/** How a malformed frame is broken: no Content-Length header, or a body that is not JSON. */
export type MalformedKind = 'bad-header' | 'bad-json';

/** Fault and pacing settings; global ones come from flags, env and the scenario. */
export interface FaultSettings {
  slowStartMs: number;
  /** Exit with code 1 right after this many chat/answer pushes in a turn. */
  exitAfterDeltas?: number;
  /** Stop pushing after this many chat/answer pushes; the turn never finishes unless stopped. */
  hangAfterDeltas?: number;
  malformedFrame?: MalformedKind;
  /** When set, every turn ends with a 429 "quota exceeded" finish; value = seconds to reset. */
  quotaResetSeconds?: number;
  deltaIntervalMs: number;
  /** Characters (code points) per chat/answer delta. */
  deltaSize: number;
  lagging: boolean;
}

export const DEFAULT_FAULTS: FaultSettings = {
  slowStartMs: 0,
  deltaIntervalMs: 5,
  deltaSize: 6,
  lagging: false,
};

function count(name: string, arg: string | undefined, fallback?: number): number {
  if (arg === undefined || arg === '') {
    if (fallback === undefined) throw new Error(`fault "${name}" needs a number`);
    return fallback;
  }
  const n = Number(arg);
  if (!Number.isInteger(n) || n < 0) throw new Error(`fault "${name}": "${arg}" is not a count`);
  return n;
}

/**
 * Applies specs like `slow-start:500,exit-mid-stream:3` on top of `base`.
 * Throws on an unknown fault so a typo fails loudly instead of silently testing nothing.
 */
export function applyFaultSpecs(base: FaultSettings, specs: readonly string[]): FaultSettings {
  const out: FaultSettings = { ...base };
  const items = specs.flatMap((s) => s.split(',')).map((s) => s.trim());
  for (const item of items) {
    if (item === '') continue;
    const sep = item.search(/[:=]/);
    const name = sep < 0 ? item : item.slice(0, sep);
    const arg = sep < 0 ? undefined : item.slice(sep + 1);
    switch (name) {
      case 'slow-start':
        out.slowStartMs = count(name, arg);
        break;
      case 'exit-mid-stream':
        out.exitAfterDeltas = count(name, arg, 3);
        break;
      case 'hang':
        out.hangAfterDeltas = count(name, arg, 1);
        break;
      case 'malformed-frame':
        if (arg !== undefined && arg !== 'bad-header' && arg !== 'bad-json') {
          throw new Error(`fault "malformed-frame": use bad-header or bad-json, not "${arg}"`);
        }
        out.malformedFrame = arg ?? 'bad-json';
        break;
      case 'quota':
        out.quotaResetSeconds = count(name, arg, 3600);
        break;
      case 'delta-interval':
        out.deltaIntervalMs = count(name, arg);
        break;
      case 'delta-size':
        out.deltaSize = Math.max(1, count(name, arg));
        break;
      case 'lagging':
        out.lagging = true;
        break;
      default:
        throw new Error(`unknown fault "${name}"`);
    }
  }
  return out;
}
