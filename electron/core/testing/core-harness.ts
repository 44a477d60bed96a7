/**
 * A real core for end-to-end tests: temp data dir, the Lingma simulator as the binary (spawned
 * exactly as the real one would be), the gateway on a free loopback port, and accounts logged in
 * through the simulator's login page by a fetch-driven "browser".
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  playBrowserLogin,
  SIM_BIN,
  writeScenario,
  type SimScenario,
} from '../../../scripts/lingma-sim/testing';
import type { InvokeApi } from '../../shared/contract';
import type {
  AccountDto,
  GatewayStatusDto,
  LogEntryDto,
  LogPageDto,
  LogQueryDto,
  SettingsDto,
  SettingsPatchDto,
  SettingsResultDto,
} from '../../shared/dto';
import { createMemorySettingsRepo } from '../config/settings-repo';
import { createCore } from '../create-core';
import type { Core } from '../core-api';
import { watchLoginEnd } from '../handlers/login-end';
import { silentLogger, type Logger } from '../util/logger';

/**
 * The core, plus synchronous reads the end-to-end tests poll (`until(() => …)`). Actions go
 * through `api`, like any host's.
 */
export interface HarnessCore extends Core {
  gatewayStatus(): GatewayStatusDto;
  listAccounts(): AccountDto[];
  getSettings(): SettingsDto;
  updateSettings(patch: SettingsPatchDto): Promise<SettingsResultDto>;
  getLog(id: string): Promise<LogEntryDto | null>;
  queryLogs(query: LogQueryDto): Promise<LogPageDto>;
}

export interface Harness {
  core: HarnessCore;
  /** The contract's calls, headless (no window, no dialogs). */
  api: InvokeApi;
  dataDir: string;
  baseUrl: string;
  apiKey: string;
  accountIds: string[];
  workDir(accountId: string): string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  accounts?: string[];
  scenario?: SimScenario;
  settings?: Record<string, unknown>;
  env?: Record<string, string>;
  logger?: Logger;
  /** Log the accounts in (default true). */
  login?: boolean;
}

/** Starts the account's login through `accounts:login` and returns the page it would show. */
export async function startLogin(core: Core, id: string): Promise<string> {
  let url: string | undefined;
  await core.api({ openLoginWindow: (page) => void (url = page.url) }).accountsLogin({ id });
  if (url === undefined) throw new Error(`no login page for ${id}`);
  return url;
}

/** Logs the account in through the simulator's login page, as a user in a browser would. */
export async function loginAccount(core: Core, id: string): Promise<void> {
  const end = watchLoginEnd((push) => core.connect(push), id, 15_000);
  try {
    const url = await startLogin(core, id);
    await playBrowserLogin(url, { username: `${id}@example.com` });
    await end.done;
  } finally {
    end.close();
  }
}

function withReads(core: Core): HarnessCore {
  const s = core.services;
  const handlers = core.handlers();
  return {
    ...core,
    gatewayStatus: () => s.gateway.status(),
    listAccounts: () => s.accounts.list(),
    getSettings: () => s.settings.get(),
    updateSettings: (patch) => handlers['settings:update'](patch),
    getLog: (id) => handlers['logs:get']({ id }),
    queryLogs: (query) => handlers['logs:query'](query),
  };
}

export async function startHarness(o: HarnessOptions = {}): Promise<Harness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'lgw-e2e-'));
  const scenarioPath = o.scenario ? writeScenario(dataDir, o.scenario) : undefined;
  const core = withReads(
    await createCore({
      dataDir,
      logger: o.logger ?? silentLogger,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: dataDir,
        LINGMA_BIN: SIM_BIN,
        LINGMA_SIM_REQUEST_TIMEOUT_MS: '2000',
        ...(scenarioPath ? { LINGMA_SIM_SCENARIO: scenarioPath } : {}),
        ...o.env,
      },
      settingsRepo: createMemorySettingsRepo({
        schemaVersion: 1,
        server: { port: 0, keepAliveMs: 15_000 },
        ...o.settings,
      }),
    }),
  );
  const api = core.api();
  const ids: string[] = [];
  for (const name of o.accounts ?? ['alpha']) ids.push((await api.accountsAdd({ name })).id);
  await core.start({ gateway: true });
  if (o.login !== false) await Promise.all(ids.map((id) => loginAccount(core, id)));
  const key = (await api.keysList())[0];
  if (!key) throw new Error('no API key');
  const baseUrl = core.gatewayStatus().baseUrl;
  if (!baseUrl) throw new Error(`gateway not listening: ${core.gatewayStatus().error ?? ''}`);
  return {
    core,
    api,
    dataDir,
    baseUrl,
    apiKey: await api.keysReveal({ id: key.id }),
    accountIds: ids,
    workDir: (id) => join(dataDir, 'accounts', id, 'workdir'),
    close: async () => {
      await core.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
