/**
 * The core as its hosts see it: the Electron shell (through desktop/app-service.ts), the headless
 * CLI, and the browser-test bridge. Implemented by create-core.ts. Speaks the shared DTOs so no
 * host needs to know the core's inner types.
 */
import type {
  AccountDto,
  ApiKeyDto,
  BinaryStatusDto,
  GatewayStatusDto,
  LogEntryDto,
  LogPageDto,
  LogQueryDto,
  LogsChangedDto,
  LogStatsDto,
  LogStatsQueryDto,
  ModelDto,
  SettingsDto,
  SettingsPatchDto,
  SettingsResultDto,
  TestRequestDto,
  TestResultDto,
  UsageDto,
} from '../shared/dto';

export interface LoginStart {
  /** The page to show (Alibaba's login site, or the simulator's stand-in). */
  url: string;
  /** The child's HTTP port: the browser's callback lands there. */
  callbackPort: number;
}

export interface CoreApi {
  readonly dataDir: string;
  /**
   * Starts the enabled accounts' children and — when `gateway` is true, or by default when the
   * settings say so — the HTTP listener.
   */
  start(options?: { gateway?: boolean }): Promise<void>;
  /** Ordered shutdown: listener, then pool (every child), then logs flushed. */
  stop(): Promise<void>;

  gatewayStatus(): GatewayStatusDto;
  startGateway(): Promise<GatewayStatusDto>;
  stopGateway(): Promise<GatewayStatusDto>;
  onGatewayChange(listener: (status: GatewayStatusDto) => void): () => void;

  listAccounts(): AccountDto[];
  addAccount(name: string): Promise<AccountDto>;
  removeAccount(id: string, deleteData: boolean): Promise<void>;
  setAccountEnabled(id: string, enabled: boolean): Promise<void>;
  logoutAccount(id: string): Promise<void>;
  /** Makes sure the account's child runs and asks it for a fresh login URL. */
  beginLogin(id: string): Promise<LoginStart>;
  /**
   * Completes the account's pending login from the callback address a browser on another machine
   * could not open (`http://127.0.0.1:…/auth/callback?…`, pasted by the user). Rejects with a
   * `code` (`bad_link`, `no_login`, `foreign_link`, `expired`, `rejected`, `not_running`) and a
   * message to show.
   */
  completeLoginPaste(id: string, pastedUrl: string): Promise<void>;
  /** Resolves once the account is logged in (polls the child), rejects on timeout/abort. */
  waitForLogin(id: string, options: { timeoutMs: number; signal?: AbortSignal }): Promise<void>;
  exportBundle(id: string, passphrase: string): Promise<Buffer>;
  importBundle(
    id: string,
    data: Buffer,
    passphrase: string,
  ): Promise<{ imported: boolean; message?: string }>;
  onAccountsChange(listener: (accounts: AccountDto[]) => void): () => void;

  listKeys(): Promise<ApiKeyDto[]>;
  createKey(name: string): Promise<{ key: ApiKeyDto; secret: string }>;
  revokeKey(id: string): Promise<void>;
  revealKey(id: string): Promise<string>;

  getSettings(): SettingsDto;
  updateSettings(patch: SettingsPatchDto): Promise<SettingsResultDto>;
  onSettingsChange(listener: (settings: SettingsDto) => void): () => void;

  listModels(): Promise<ModelDto[]>;

  queryLogs(query: LogQueryDto): Promise<LogPageDto>;
  getLog(id: string): Promise<LogEntryDto | null>;
  exportLogs(ids?: string[]): Promise<{ json: string; count: number }>;
  /** Issue 16: requests over time for the charts. */
  logStats(query: LogStatsQueryDto): Promise<LogStatsDto>;
  usage(days: number): Promise<UsageDto>;
  onLogs(listener: (change: LogsChangedDto) => void): () => void;

  binaryStatus(): BinaryStatusDto;
  checkBinaryUpdate(): Promise<BinaryStatusDto>;
  downloadBinary(): Promise<BinaryStatusDto>;
  /** Stops a running download (the status then says cancelled, not failed). */
  cancelBinaryDownload(): Promise<BinaryStatusDto>;
  onBinaryProgress(listener: (status: BinaryStatusDto) => void): () => void;

  /** Sends a real request through the listening gateway, like any client would. */
  runTest(request: TestRequestDto): Promise<TestResultDto>;
}
