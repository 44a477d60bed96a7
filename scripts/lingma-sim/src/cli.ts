/** Version the simulator reports; the `-sim` suffix keeps it distinguishable from a real core. */
export const SIM_VERSION = '2.11.2-sim';

/** A command line split the way the real binary's flag parser reads it. */
export interface ParsedCli {
  command: string | undefined;
  positionals: string[];
  /** Every value given for a flag, in order (flags may repeat, e.g. `--sim-fault`). */
  flags: Map<string, string[]>;
}

export const USAGE = `Usage: Lingma <command> [flags]

Commands:
  start    --transportType=websocket --workDir=DIR --socketPort=P --httpPort=Q [--copyDataDir=DIR]
  status   -o json --workDir=DIR
  version

Simulator-only flags for start:
  --sim-fault=SPEC[,SPEC...]    inject faults (see README), repeatable
  --sim-lagging                 each turn streams the previous turn's answer
  --sim-scenario=FILE           scripted behaviour (same as LINGMA_SIM_SCENARIO)
  --sim-request-timeout=MS      wait for answers to pushed requests (default 10000)
  --sim-ask-result=MODE         immediate | after-finish | never | mixed (default mixed)
  --sim-reasoning=FORM          think | fence | fence-ms | tags | unclosed | mixed (default mixed)
  --sim-catalogue=NAME          intl | auto | org | by-account (default by-account)
  --sim-port-taken=MODE         fail | rebind (default fail)
  --sim-flavour=NAME            cosy | acp (default cosy)
`;

/** Flags that never take a value, so `--sim-lagging start` does not swallow the next word. */
const BOOLEAN_FLAGS = new Set(['sim-lagging', 'help']);

/** Accepts `--name=value`, `--name value`, `-o json` and bare boolean flags, like cobra does. */
export function parseCli(argv: readonly string[]): ParsedCli {
  const flags = new Map<string, string[]>();
  const positionals: string[] = [];
  const add = (name: string, value: string): void => {
    const list = flags.get(name) ?? [];
    list.push(value);
    flags.set(name, list);
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('-') || arg === '-' || arg === '--') {
      positionals.push(arg);
      continue;
    }
    const name = arg.replace(/^--?/, '');
    const eq = name.indexOf('=');
    if (eq >= 0) {
      add(name.slice(0, eq), name.slice(eq + 1));
      continue;
    }
    const next = argv[i + 1];
    if (!BOOLEAN_FLAGS.has(name) && next !== undefined && !next.startsWith('-')) {
      add(name, next);
      i += 1;
    } else {
      add(name, 'true');
    }
  }
  return { command: positionals.shift(), positionals, flags };
}

/** Last value wins, matching how Go flag packages treat repeated scalar flags. */
export function flagValue(cli: ParsedCli, name: string): string | undefined {
  const values = cli.flags.get(name);
  return values?.[values.length - 1];
}
