/**
 * The simulator's strictness knobs (protocol notes §13). Every default is the strict choice; a
 * switch exists so one test can pin one behaviour and say why. Flags win over env.
 */
import { flagValue, type ParsedCli } from './cli.js';

/** §13.4: when the `chat/ask` result is sent. `mixed` cycles the three per request. */
export type AskResultMode = 'immediate' | 'after-finish' | 'never' | 'mixed';
/** §13.11: where a reasoning model's thinking goes. */
export type ReasoningForm = 'think' | 'fence' | 'fence-ms' | 'tags' | 'unclosed';
export type ReasoningMode = ReasoningForm | 'mixed';
/** §13.15: model catalogues seen on real accounts. */
export type CatalogueName = 'intl' | 'auto' | 'org';
export type CatalogueMode = CatalogueName | 'by-account';
/** §13.19: what happens when a requested port is taken (the real outcome is unknown, L). */
export type PortTakenMode = 'fail' | 'rebind';
/** §1: the Cosy/LSP4J method set, or the ACP one of the desktop app's binary. */
export type Flavour = 'cosy' | 'acp';

export interface StrictOptions {
  askResult: AskResultMode;
  reasoning: ReasoningMode;
  catalogue: CatalogueMode;
  portTaken: PortTakenMode;
  flavour: Flavour;
}

/** Bad value for a knob; main turns it into a usage error. */
export class OptionError extends Error {}

function pick<T extends string>(
  name: string,
  raw: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (raw === undefined || raw === '') return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw new OptionError(`--${name}: use one of ${allowed.join(', ')}, not "${raw}"`);
}

export function strictOptions(cli: ParsedCli, env: NodeJS.ProcessEnv): StrictOptions {
  const get = (flag: string, envName: string): string | undefined =>
    flagValue(cli, flag) ?? env[envName];
  return {
    askResult: pick(
      'sim-ask-result',
      get('sim-ask-result', 'LINGMA_SIM_ASK_RESULT'),
      ['immediate', 'after-finish', 'never', 'mixed'],
      'mixed',
    ),
    reasoning: pick(
      'sim-reasoning',
      get('sim-reasoning', 'LINGMA_SIM_REASONING'),
      ['think', 'fence', 'fence-ms', 'tags', 'unclosed', 'mixed'],
      'mixed',
    ),
    catalogue: pick(
      'sim-catalogue',
      get('sim-catalogue', 'LINGMA_SIM_CATALOGUE'),
      ['intl', 'auto', 'org', 'by-account'],
      'by-account',
    ),
    portTaken: pick(
      'sim-port-taken',
      get('sim-port-taken', 'LINGMA_SIM_PORT_TAKEN'),
      ['fail', 'rebind'],
      'fail',
    ),
    flavour: pick('sim-flavour', get('sim-flavour', 'LINGMA_SIM_FLAVOUR'), ['cosy', 'acp'], 'cosy'),
  };
}
