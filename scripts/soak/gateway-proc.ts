/**
 * The gateway under soak, in its own process so it can be SIGTERMed and SIGKILLed like a real
 * one: the real core (createCore via the e2e harness) with simulator children for two accounts.
 * Prints one `READY <json>` line on stdout; SIGTERM runs the normal quit path and exits.
 */
import { startHarness } from '../../electron/core/testing/core-harness';
import { SOAK_SCENARIO } from './lib/scenario';

export interface ReadyInfo {
  baseUrl: string;
  apiKey: string;
  adminToken: string;
  dataDir: string;
  accountIds: string[];
  workDirs: string[];
  pid: number;
}

const ADMIN = 'soak-admin-token-0123456789abcdef';

async function main(): Promise<void> {
  const settings = JSON.parse(process.argv[2] ?? '{}') as Record<string, unknown>;
  const h = await startHarness({
    accounts: ['soak1', 'soak2'],
    scenario: SOAK_SCENARIO,
    env: { ADMIN_TOKEN: ADMIN },
    settings,
  });
  const info: ReadyInfo = {
    baseUrl: h.baseUrl,
    apiKey: h.apiKey,
    adminToken: ADMIN,
    dataDir: h.dataDir,
    accountIds: h.accountIds,
    workDirs: h.accountIds.map((id) => h.workDir(id)),
    pid: process.pid,
  };
  process.stdout.write(`READY ${JSON.stringify(info)}\n`);
  const quit = (): void => {
    process.off('SIGTERM', quit);
    void h.core.stop().finally(() => process.exit(0));
  };
  process.on('SIGTERM', quit);
}

main().catch((err: unknown) => {
  process.stderr.write(
    `gateway failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
