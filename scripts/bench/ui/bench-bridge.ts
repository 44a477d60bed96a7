/**
 * The renderer's backend for the UI benchmark: the real desktop app service over a real core (no
 * accounts, so no children), served by the browser-test bridge, except that `logs:query` answers
 * with the given synthetic rows (the core caps a page at 1000; the renderer keeps up to 100k), and
 * that the benchmark can send `logs:changed` pushes itself to mimic live traffic.
 */
import type { LogsChangedDto, LogSummaryDto } from '../../../electron/shared/dto';
import type { PushFn } from '../../../electron/shared/contract';
import { join } from 'node:path';
import { ClientSetup } from '../../../electron/core/client-setup/client-setup';
import { createAppService } from '../../../electron/core/desktop/app-service';
import type { DesktopPlatform } from '../../../electron/core/desktop/platform';
import { startHarness } from '../../../electron/core/testing/core-harness';
import { startBridge } from '../../browser/bridge-server';

export interface BenchBridge {
  pageUrl: string;
  /** Sends a `logs:changed` push to every connected page. */
  push(change: LogsChangedDto): void;
  close(): Promise<void>;
}

/** Nothing in the Requests page needs the OS: every platform call is a no-op. */
const platform: DesktopPlatform = {
  openLoginWindow: () => {
    throw new Error('no login windows in the benchmark');
  },
  writeClipboard: () => undefined,
  openExternal: async () => undefined,
  saveFile: async () => undefined,
  openFile: async () => undefined,
  notify: () => undefined,
  launchAtLogin: {
    get: async () => ({ enabled: false, supported: false, method: 'none' }),
    set: async () => ({ enabled: false, supported: false, method: 'none' }),
  },
  systemLocales: () => ['en-US'],
  appVersion: () => '0.0.0-bench',
};

export async function startBenchBridge(
  rendererDir: string,
  rows: LogSummaryDto[],
): Promise<BenchBridge> {
  const harness = await startHarness({ accounts: [], login: false });
  const service = createAppService({
    core: harness.core,
    platform,
    // The benchmark never sets up tools; a home inside its temp data dir keeps the real one out.
    clients: new ClientSetup({
      ctx: { home: harness.dataDir, env: {}, platform: process.platform },
      backupDir: join(harness.dataDir, 'client-backups'),
    }),
  });
  const pushers = new Set<PushFn>();
  const bridge = await startBridge(
    {
      ...service,
      handlers: {
        ...service.handlers,
        'logs:query': async () => ({ entries: rows, total: rows.length }),
      },
      connect: (push) => {
        pushers.add(push);
        const off = service.connect(push);
        return () => {
          pushers.delete(push);
          off();
        };
      },
    },
    rendererDir,
  );
  return {
    pageUrl: bridge.pageUrl,
    push: (change) => {
      for (const p of pushers) p('logs:changed', change);
    },
    close: async () => {
      await bridge.close();
      await harness.close();
    },
  };
}
