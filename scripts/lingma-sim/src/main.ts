import { flagValue, parseCli, SIM_VERSION, USAGE, type ParsedCli } from './cli.js';
import { buildConfig, UsageError, workDirOf } from './sim-config.js';
import { startServer } from './server.js';
import { statusCommand } from './status-command.js';

/** A shutdown that hangs must not keep the process alive: exit anyway after this long. */
const SHUTDOWN_LIMIT_MS = 3000;

async function start(cli: ParsedCli): Promise<void> {
  const config = buildConfig(cli, process.env);
  const running: { stop?: () => Promise<void> } = {};
  let stopping = false;
  // Installed before listening: a supervisor may signal during a (simulated) slow start.
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(0), SHUTDOWN_LIMIT_MS).unref();
    void (running.stop?.() ?? Promise.resolve()).finally(() => {
      process.stderr.write(`lingma-sim: stopped on ${signal}\n`);
      process.exit(0);
    });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  running.stop = await startServer(config);
}

/**
 * Entry point with the real binary's command line. stdin is never read: the product discards
 * stdio, and the process must run until it is signalled.
 */
export async function main(argv: readonly string[]): Promise<void> {
  const cli = parseCli(argv);
  try {
    switch (cli.command) {
      case 'start':
        await start(cli);
        return;
      case 'version':
        process.stdout.write(`${SIM_VERSION}\n`);
        return;
      case 'status':
        process.stdout.write(`${statusCommand(workDirOf(cli), flagValue(cli, 'o') === 'json')}\n`);
        return;
      case 'help':
        process.stdout.write(USAGE);
        return;
      default:
        throw new UsageError(
          cli.command === undefined ? 'missing command' : `unknown command "${cli.command}"`,
        );
    }
  } catch (err) {
    const usage = err instanceof UsageError;
    process.stderr.write(`Error: ${(err as Error).message}\n${usage ? USAGE : ''}`);
    process.exitCode = usage ? 2 : 1;
    // A half-started server would keep the process alive; a failed start must exit.
    if (cli.command === 'start') process.exit(process.exitCode);
  }
}
