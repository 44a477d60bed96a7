import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { flagValue, type ParsedCli } from './cli.js';
import type { SimConfig } from './context.js';
import { OptionError, strictOptions, type StrictOptions } from './strict-options.js';

export const DEFAULT_SOCKET_PORT = 37010;
export const DEFAULT_HTTP_PORT = 37510;

/** Bad command-line input: main prints the message plus usage and exits 2. */
export class UsageError extends Error {}

function port(cli: ParsedCli, name: string, fallback: number): number {
  const raw = flagValue(cli, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  // 0 asks the OS for a free port; tests read the real one from .info or lingma.log.
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new UsageError(`--${name}: bad port "${raw}"`);
  return n;
}

function millis(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${name}: bad duration "${raw}"`);
  return n;
}

function loginPort(raw: string | undefined): number {
  const n = Number(raw ?? 0);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new UsageError(`LINGMA_SIM_LOGIN_PORT: bad port "${raw ?? ''}"`);
  }
  return n;
}

export function defaultWorkDir(): string {
  return join(homedir(), '.lingma-sim');
}

export function workDirOf(cli: ParsedCli): string {
  return resolve(flagValue(cli, 'workDir') ?? defaultWorkDir());
}

/** Resolves `start` flags and LINGMA_SIM_* env into a config (flags win over env). */
export function buildConfig(cli: ParsedCli, env: NodeJS.ProcessEnv): SimConfig {
  const transport = flagValue(cli, 'transportType') ?? 'websocket';
  if (transport !== 'websocket')
    throw new UsageError(`--transportType: only "websocket" is supported`);
  const faultSpecs = [env.LINGMA_SIM_FAULTS ?? '', ...(cli.flags.get('sim-fault') ?? [])];
  const lagging =
    cli.flags.has('sim-lagging') || ['1', 'true'].includes(env.LINGMA_SIM_LAGGING ?? '');
  let strict: StrictOptions;
  try {
    strict = strictOptions(cli, env);
  } catch (err) {
    if (err instanceof OptionError) throw new UsageError(err.message);
    throw err;
  }
  // A real flag: ZC found it does not carry the login across (§3.1, §13.17; H).
  const copyDataDir = flagValue(cli, 'copyDataDir');
  return {
    workDir: workDirOf(cli),
    socketPort: port(cli, 'socketPort', DEFAULT_SOCKET_PORT),
    httpPort: port(cli, 'httpPort', DEFAULT_HTTP_PORT),
    host: '127.0.0.1',
    loginSitePort: loginPort(env.LINGMA_SIM_LOGIN_PORT),
    scenarioPath: flagValue(cli, 'sim-scenario') ?? (env.LINGMA_SIM_SCENARIO || undefined),
    faultSpecs,
    lagging,
    requestTimeoutMs: millis(
      'request timeout',
      flagValue(cli, 'sim-request-timeout') ?? env.LINGMA_SIM_REQUEST_TIMEOUT_MS,
      10_000,
    ),
    toolWaitMs: millis('LINGMA_SIM_TOOL_WAIT_MS', env.LINGMA_SIM_TOOL_WAIT_MS, 30_000),
    strict,
    ...(copyDataDir ? { copyDataDir: resolve(copyDataDir) } : {}),
  };
}
