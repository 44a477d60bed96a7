#!/usr/bin/env node
/**
 * The headless gateway: the same core as the desktop app, configured by a JSON settings file in
 * the data dir plus the predecessor's environment variables. For servers, CI and tests.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { createCore } from '../create-core';
import type { InvokeApi } from '../../shared/contract';
import type { Core } from '../core-api';
import { flagNumber, flagString, parseArgs, type ParsedArgs } from './args';
import { login } from './login';
import { USAGE } from './usage';

class CliError extends Error {}

function dataDirOf(args: ParsedArgs, env: NodeJS.ProcessEnv): string {
  return resolve(
    flagString(args, 'data-dir') ?? env.LINGMA_GATEWAY_HOME ?? join(homedir(), '.lingma-gateway'),
  );
}

async function passphrase(env: NodeJS.ProcessEnv): Promise<string> {
  if (env.LINGMA_BUNDLE_PASSPHRASE) return env.LINGMA_BUNDLE_PASSPHRASE;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question('Bundle passphrase: ')).trim();
  } finally {
    rl.close();
  }
}

async function accountId(api: InvokeApi, name: string | undefined): Promise<string> {
  if (!name) throw new CliError('Name the account.');
  const a = (await api.accountsList()).find(
    (x) => x.id === name || x.name.toLowerCase() === name.toLowerCase(),
  );
  if (!a) throw new CliError(`No account "${name}". See: accounts list`);
  return a.id;
}

const print = (json: boolean, value: unknown, text: string): void => {
  process.stdout.write((json ? JSON.stringify(value, null, 2) : text) + '\n');
};

async function serve(core: Core): Promise<void> {
  await core.start({ gateway: true });
  const status = await core.api().gatewayStatus();
  if (!status.listening) throw new CliError(status.error ?? 'The gateway did not start.');
  process.stderr.write(
    `Lingma Gateway listening on ${status.baseUrl}/v1 (${status.readyAccounts}/${status.totalAccounts} accounts ready)\n`,
  );
  await new Promise<void>((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.stderr.write('Stopping…\n');
      // Bounded: the 'exit' hook and the orphan sentinel still end the children if a stop step
      // hangs; a second signal exits at once.
      setTimeout(() => process.exit(1), 15_000).unref();
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      void core.stop().finally(done);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export async function runCli(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const args = parseArgs(argv);
  const [cmd, sub, arg] = args.positionals;
  if (!cmd || args.flags.help || cmd === 'help') {
    process.stdout.write(USAGE);
    return cmd ? 0 : 1;
  }
  const json = args.flags.json === true;
  const port = flagNumber(args, 'port');
  const host = flagString(args, 'host');
  const core = await createCore({
    dataDir: dataDirOf(args, env),
    env: {
      ...env,
      ...(port !== undefined ? { PORT: String(port) } : {}),
      ...(host ? { HOST: host } : {}),
    },
  });
  // Every command is a contract call, as in the app; files go where the flags say.
  const out = flagString(args, 'out');
  const api = core.api({
    saveFile: async (name, data) => {
      if (!out) return undefined;
      await writeFile(out, data, { mode: 0o600 });
      return out;
    },
  });
  try {
    switch (cmd) {
      case 'serve':
        await serve(core);
        return 0;
      case 'status': {
        const [gateway, accounts, keys] = await Promise.all([
          api.gatewayStatus(),
          api.accountsList(),
          api.keysList(),
        ]);
        const lines = [
          `data dir: ${core.dataDir}`,
          `listen:   ${gateway.host}:${gateway.port}`,
          ...accounts.map(
            (a) => `account:  ${a.name} (${a.id}) ${a.enabled ? 'enabled' : 'disabled'}`,
          ),
          ...keys.map((k) => `key:      ${k.name} ${k.prefix}`),
        ];
        print(json, { gateway, accounts, keys }, lines.join('\n'));
        return 0;
      }
      case 'accounts':
        if (sub === 'list' || sub === undefined) {
          const list = await api.accountsList();
          print(
            json,
            list,
            list
              .map((a) => `${a.id}\t${a.name}\t${a.enabled ? 'enabled' : 'disabled'}`)
              .join('\n') || 'No accounts.',
          );
          return 0;
        }
        if (sub === 'add') {
          if (!arg) throw new CliError('Usage: accounts add <name>');
          const a = await api.accountsAdd({ name: arg });
          print(json, a, `Added ${a.name} (${a.id}). Next: login ${a.name}`);
          return 0;
        }
        if (sub === 'remove') {
          const id = await accountId(api, arg);
          await api.accountsRemove({ id, deleteData: args.flags['delete-data'] === true });
          print(json, { removed: arg }, `Removed ${arg}.`);
          return 0;
        }
        throw new CliError(`Unknown: accounts ${sub}`);
      case 'login': {
        const id = await accountId(api, sub);
        await core.start({ gateway: false });
        const timeoutMs = (flagNumber(args, 'timeout') ?? 600) * 1000;
        await login(core, id, { paste: args.flags.paste === true, timeoutMs });
        process.stdout.write('Logged in.\n');
        return 0;
      }
      case 'logout': {
        const id = await accountId(api, sub);
        await core.start({ gateway: false });
        await api.accountsLogout({ id });
        process.stdout.write('Logged out.\n');
        return 0;
      }
      case 'bundle': {
        const id = await accountId(api, arg);
        if (sub === 'export') {
          if (!out) throw new CliError('Usage: bundle export <name> --out <file>');
          await api.accountsExportBundle({ id, passphrase: await passphrase(env) });
          process.stdout.write(`Wrote ${out} (encrypted; keep the passphrase separate).\n`);
          return 0;
        }
        if (sub === 'import') {
          const file = flagString(args, 'in');
          if (!file) throw new CliError('Usage: bundle import <name> --in <file>');
          const data = (await readFile(file)).toString('base64');
          const r = await api.accountsImportBundle({ id, passphrase: await passphrase(env), data });
          process.stdout.write(`Imported.${r.message ? ' ' + r.message : ''}\n`);
          return 0;
        }
        throw new CliError(`Unknown: bundle ${sub}`);
      }
      case 'keys': {
        if (sub === 'list' || sub === undefined) {
          const keys = await api.keysList();
          print(json, keys, keys.map((k) => `${k.id}\t${k.name}\t${k.prefix}`).join('\n'));
          return 0;
        }
        if (sub === 'create') {
          const r = await api.keysCreate({ name: arg ?? 'key' });
          print(json, r, r.secret);
          return 0;
        }
        if (sub === 'reveal') {
          process.stdout.write((await api.keysReveal({ id: arg ?? '' })) + '\n');
          return 0;
        }
        if (sub === 'revoke') {
          await api.keysRevoke({ id: arg ?? '' });
          return 0;
        }
        throw new CliError(`Unknown: keys ${sub}`);
      }
      default:
        throw new CliError(`Unknown command "${cmd}".\n\n${USAGE}`);
    }
  } finally {
    if (cmd !== 'serve') await core.stop();
  }
}

const isMain = process.argv[1] && /cli[\\/]main\.ts$|lingma-gateway(\.mjs)?$/.test(process.argv[1]);
if (isMain) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(err instanceof CliError ? 2 : 1);
    },
  );
}
