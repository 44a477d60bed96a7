/**
 * The renderer's state. Main is the source of truth: `load()` takes a snapshot, pushes keep it
 * current. Log entries arrive in sequenced batches; a gap (dropped pushes) triggers a reload.
 */
import { create } from 'zustand';
import type {
  AccountDto,
  ApiKeyDto,
  AppInfoDto,
  BinaryStatusDto,
  ClientInfoDto,
  GatewayStatusDto,
  LaunchAtLoginDto,
  LoginProgressDto,
  LogSummaryDto,
  ModelDto,
  SettingsDto,
} from '../../electron/shared/dto';
import { getApi } from './api';
import { knownIds, mergeRows, removeRows } from './log-rows';
import { loginsAfterAccounts, type LoginEntry } from './login-messages';

export type Page = 'dashboard' | 'accounts' | 'logs' | 'usage' | 'settings';

export interface LogsState {
  /** Newest first. */
  rows: LogSummaryDto[];
  seq: number;
  paused: boolean;
  /** Pushes received while paused (latest summary per entry, bounded), applied on resume. */
  held: LogSummaryDto[];
  /** Held entries not in `rows` yet: what "N new" counts (updates to shown rows are not new). */
  heldNew: number;
}

export interface AppState {
  page: Page;
  selectedAccount?: string;
  info?: AppInfoDto;
  gateway?: GatewayStatusDto;
  accounts: AccountDto[];
  /** The latest login message per account, kept only while it still describes the account. */
  logins: Record<string, LoginEntry>;
  keys: ApiKeyDto[];
  settings?: SettingsDto;
  models: ModelDto[];
  binary?: BinaryStatusDto;
  launchAtLogin?: LaunchAtLoginDto;
  /** Tools found on this computer (undefined until the first look). */
  clients?: ClientInfoDto[];
  /** The user copied a setup snippet this session (first-run step 3 done). */
  snippetCopied: boolean;
  logs: LogsState;
  loadError?: string;
  setPage(page: Page, selectedAccount?: string): void;
  load(): Promise<void>;
  refreshKeys(): Promise<void>;
  refreshModels(): Promise<void>;
  refreshClients(): Promise<void>;
  refreshLaunchAtLogin(): Promise<void>;
  onLoginProgress(p: LoginProgressDto): void;
  /** `removed`: entries the core let go of (issue 16). */
  applyLogs(upserts: LogSummaryDto[], seq: number, gap?: boolean, removed?: string[]): void;
  setLogsPaused(paused: boolean): void;
  reloadLogs(): Promise<void>;
}

export const useApp = create<AppState>((set, get) => ({
  page: 'dashboard',
  accounts: [],
  logins: {},
  keys: [],
  models: [],
  snippetCopied: false,
  logs: { rows: [], seq: 0, paused: false, held: [], heldNew: 0 },

  setPage: (page, selectedAccount) => set({ page, selectedAccount }),

  load: async () => {
    const api = getApi();
    try {
      const [info, gateway, accounts, keys, settings, binary] = await Promise.all([
        api.appInfo(),
        api.gatewayStatus(),
        api.accountsList(),
        api.keysList(),
        api.settingsGet(),
        api.binaryStatus(),
      ]);
      set({ info, gateway, accounts, keys, settings, binary, loadError: undefined });
      await Promise.all([
        get().refreshModels(),
        get().reloadLogs(),
        get().refreshClients(),
        get().refreshLaunchAtLogin(),
      ]);
    } catch (err) {
      set({ loadError: err instanceof Error ? err.message : String(err) });
    }
  },

  refreshKeys: async () => set({ keys: await getApi().keysList() }),
  refreshModels: async () => {
    try {
      set({ models: await getApi().modelsList() });
    } catch {
      set({ models: [] });
    }
  },

  refreshClients: async () => {
    try {
      set({ clients: await getApi().clientsDetect() });
    } catch {
      set({ clients: [] });
    }
  },
  refreshLaunchAtLogin: async () => set({ launchAtLogin: await getApi().appLaunchAtLogin() }),

  onLoginProgress: (p) => {
    const account = get().accounts.find((a) => a.id === p.accountId);
    const entry: LoginEntry = { ...p, ...(account ? { stateAtEnd: account.state } : {}) };
    set((s) => ({ logins: { ...s.logins, [p.accountId]: entry } }));
  },

  applyLogs: (upserts, seq, gap, removed = []) => {
    const logs = get().logs;
    if (gap) {
      void get().reloadLogs();
      return;
    }
    if (logs.paused) {
      // One request sends several updates (start, finish): keep the latest of each, once.
      const held = removeRows(mergeRows(logs.held, upserts), removed);
      const rows = removeRows(logs.rows, removed);
      const known = knownIds(rows);
      const heldNew = held.reduce((n, h) => (known.has(h.id) ? n : n + 1), 0);
      set({ logs: { ...logs, seq, rows, held, heldNew } });
      return;
    }
    set({ logs: { ...logs, seq, rows: removeRows(mergeRows(logs.rows, upserts), removed) } });
  },

  setLogsPaused: (paused) => {
    const logs = get().logs;
    if (paused) set({ logs: { ...logs, paused } });
    else {
      const rows = mergeRows(logs.rows, logs.held);
      set({ logs: { ...logs, paused, held: [], heldNew: 0, rows } });
    }
  },

  reloadLogs: async () => {
    const page = await getApi().logsQuery({ limit: 1000 });
    set((s) => ({ logs: { ...s.logs, rows: page.entries, held: [], heldNew: 0 } }));
  },
}));

/** Subscribes the store to every push; returns the unsubscribe. */
export function subscribePushes(): () => void {
  const api = getApi();
  const offs = [
    api.onGatewayChanged((gateway) => useApp.setState({ gateway })),
    api.onAccountsChanged((accounts) => {
      const readyBefore = useApp.getState().accounts.filter((a) => a.state === 'ready').length;
      useApp.setState((s) => ({ accounts, logins: loginsAfterAccounts(s.logins, accounts) }));
      // The model catalog comes from the logged-in children: ask again when that set changes.
      if (accounts.filter((a) => a.state === 'ready').length !== readyBefore) {
        void useApp.getState().refreshModels();
      }
    }),
    api.onLoginProgress((p) => useApp.getState().onLoginProgress(p)),
    api.onLogsChanged((c) => useApp.getState().applyLogs(c.upserts, c.seq, c.gap, c.removed)),
    api.onBinaryProgress((binary) => useApp.setState({ binary })),
    api.onSettingsChanged((settings) => {
      const before = useApp.getState().settings;
      useApp.setState({ settings });
      // The gateway's address (what tools point at) or launch at login changed: look again.
      if (before && before.server.port !== settings.server.port) {
        void useApp.getState().refreshClients();
      }
      if (before && before.app.launchAtLogin !== settings.app.launchAtLogin) {
        void useApp.getState().refreshLaunchAtLogin();
      }
    }),
  ];
  return () => offs.forEach((off) => off());
}
