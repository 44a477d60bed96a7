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
import { createMemorySettingsRepo } from '../config/settings-repo';
import { createCore } from '../create-core';
import type { CoreApi } from '../core-api';
import { silentLogger, type Logger } from '../util/logger';

export interface Harness {
  core: CoreApi;
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

export async function loginAccount(core: CoreApi, id: string): Promise<void> {
  const start = await core.beginLogin(id);
  await playBrowserLogin(start.url, { username: `${id}@example.com` });
  await core.waitForLogin(id, { timeoutMs: 15_000 });
}

export async function startHarness(o: HarnessOptions = {}): Promise<Harness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'lgw-e2e-'));
  const scenarioPath = o.scenario ? writeScenario(dataDir, o.scenario) : undefined;
  const core = await createCore({
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
  });
  const ids: string[] = [];
  for (const name of o.accounts ?? ['alpha']) ids.push((await core.addAccount(name)).id);
  await core.start({ gateway: true });
  if (o.login !== false) await Promise.all(ids.map((id) => loginAccount(core, id)));
  const key = (await core.listKeys())[0];
  if (!key) throw new Error('no API key');
  const baseUrl = core.gatewayStatus().baseUrl;
  if (!baseUrl) throw new Error(`gateway not listening: ${core.gatewayStatus().error ?? ''}`);
  return {
    core,
    dataDir,
    baseUrl,
    apiKey: await core.revealKey(key.id),
    accountIds: ids,
    workDir: (id) => join(dataDir, 'accounts', id, 'workdir'),
    close: async () => {
      await core.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
