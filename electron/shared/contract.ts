/**
 * The one typed IPC contract between the Electron main process and the renderer. Pure types and
 * constants: no `node:` and no `electron` imports, so the renderer, the preload, the main process
 * and the browser-test bridge all compile against the same file.
 *
 * Channels are `domain:verb`. `InvokeMap` is request → response (renderer asks, main answers);
 * `PushMap` is main → renderer. Every payload is validated at the boundary (see validate.ts).
 */
import type {
  AccountDto,
  ApiKeyDto,
  AppInfoDto,
  BinaryStatusDto,
  ClientApplyRequestDto,
  ClientApplyResultDto,
  ClientInfoDto,
  ClientRestoreRequestDto,
  ClientRestoreResultDto,
  GatewayStatusDto,
  LaunchAtLoginDto,
  LogEntryDto,
  LogPageDto,
  LogQueryDto,
  LogStatsDto,
  LogStatsQueryDto,
  LogsChangedDto,
  LoginProgressDto,
  ModelDto,
  SettingsDto,
  SettingsPatchDto,
  SettingsResultDto,
  TestRequestDto,
  TestResultDto,
  UsageDto,
} from './dto';
import type { UpdateStatusDto } from './update-dto';

export interface InvokeMap {
  'app:info': [void, AppInfoDto];
  'gateway:status': [void, GatewayStatusDto];
  'gateway:start': [void, GatewayStatusDto];
  'gateway:stop': [void, GatewayStatusDto];
  'accounts:list': [void, AccountDto[]];
  'accounts:add': [{ name: string }, AccountDto];
  'accounts:login': [{ id: string }, void];
  'accounts:cancel-login': [{ id: string }, void];
  /** Completes the running login with the callback address a browser elsewhere could not open. */
  'accounts:login-paste': [{ id: string; url: string }, void];
  'accounts:logout': [{ id: string }, void];
  'accounts:set-enabled': [{ id: string; enabled: boolean }, void];
  'accounts:remove': [{ id: string; deleteData: boolean }, void];
  /** Encrypts the account's login with the passphrase; main asks where to save it. */
  'accounts:export-bundle': [{ id: string; passphrase: string }, { saved: boolean; path?: string }];
  /** `data` (base64) when the caller already has the file; otherwise main shows an open dialog. */
  'accounts:import-bundle': [
    { id: string; passphrase: string; data?: string },
    { imported: boolean; message?: string },
  ];
  'keys:list': [void, ApiKeyDto[]];
  'keys:create': [{ name: string }, { key: ApiKeyDto; secret: string }];
  'keys:revoke': [{ id: string }, void];
  'keys:reveal': [{ id: string }, string];
  'settings:get': [void, SettingsDto];
  'settings:update': [SettingsPatchDto, SettingsResultDto];
  'models:list': [void, ModelDto[]];
  'test:run': [TestRequestDto, TestResultDto];
  'clipboard:write': [{ text: string }, void];
  'shell:open-external': [{ url: string }, void];
  'logs:query': [LogQueryDto, LogPageDto];
  'logs:get': [{ id: string }, LogEntryDto | null];
  'logs:export': [{ ids?: string[] }, { saved: boolean; path?: string; count: number }];
  // ---- Request inspector (issue 16) ----
  /** Requests, errors, tokens and latency per time bucket, split by account/model/client/key. */
  'logs:stats': [LogStatsQueryDto, LogStatsDto];
  'usage:get': [{ days: number }, UsageDto];
  'binary:status': [void, BinaryStatusDto];
  'binary:check-update': [void, BinaryStatusDto];
  'binary:download': [void, BinaryStatusDto];
  // ---- Desktop setup (issue 15) ----
  /** Stops a running Lingma download. */
  'binary:cancel': [void, BinaryStatusDto];
  /** Tools found on this computer and whether each already points at the gateway. */
  'clients:detect': [void, ClientInfoDto[]];
  /** Writes a tool's config (after a timestamped backup). */
  'clients:apply': [ClientApplyRequestDto, ClientApplyResultDto];
  /** Puts back the config a setup replaced. */
  'clients:restore': [ClientRestoreRequestDto, ClientRestoreResultDto];
  /** Launch at login as the OS has it. */
  'app:launch-at-login': [void, LaunchAtLoginDto];
  'app:set-launch-at-login': [{ enabled: boolean }, LaunchAtLoginDto];
}

export interface PushMap {
  'gateway:changed': GatewayStatusDto;
  'accounts:changed': AccountDto[];
  'login:progress': LoginProgressDto;
  'logs:changed': LogsChangedDto;
  'binary:progress': BinaryStatusDto;
  'settings:changed': SettingsDto;
}

// ---- App updates (issue 17) ------------------------------------------------------------------
// Declared as interface merges so this block stays separate from the channels above.

export interface InvokeMap {
  /** The update state now (also pushed as `update:changed`). */
  'update:status': [void, UpdateStatusDto];
  /** Checks now and downloads a newer version in the background. */
  'update:check': [void, UpdateStatusDto];
  /** Restarts into the downloaded update now if nothing is in flight, else once idle. */
  'update:restart': [void, UpdateStatusDto];
}

export interface PushMap {
  'update:changed': UpdateStatusDto;
}

const UPDATE_INVOKE_CHANNELS = ['update:status', 'update:check', 'update:restart'] as const;
const UPDATE_PUSH_CHANNELS = ['update:changed'] as const;

// ---- end of app updates -----------------------------------------------------------------------

export type InvokeChannel = keyof InvokeMap;
export type PushChannel = keyof PushMap;
export type InvokeRequest<C extends InvokeChannel> = InvokeMap[C][0];
export type InvokeResponse<C extends InvokeChannel> = InvokeMap[C][1];

export const INVOKE_CHANNELS = [
  'app:info',
  'gateway:status',
  'gateway:start',
  'gateway:stop',
  'accounts:list',
  'accounts:add',
  'accounts:login',
  'accounts:cancel-login',
  'accounts:login-paste',
  'accounts:logout',
  'accounts:set-enabled',
  'accounts:remove',
  'accounts:export-bundle',
  'accounts:import-bundle',
  'keys:list',
  'keys:create',
  'keys:revoke',
  'keys:reveal',
  'settings:get',
  'settings:update',
  'models:list',
  'test:run',
  'clipboard:write',
  'shell:open-external',
  'logs:query',
  'logs:get',
  'logs:export',
  'logs:stats',
  'usage:get',
  'binary:status',
  'binary:check-update',
  'binary:download',
  'binary:cancel',
  'clients:detect',
  'clients:apply',
  'clients:restore',
  'app:launch-at-login',
  'app:set-launch-at-login',
  ...UPDATE_INVOKE_CHANNELS,
] as const satisfies readonly InvokeChannel[];

export const PUSH_CHANNELS = [
  'gateway:changed',
  'accounts:changed',
  'login:progress',
  'logs:changed',
  'binary:progress',
  'settings:changed',
  ...UPDATE_PUSH_CHANNELS,
] as const satisfies readonly PushChannel[];

/** Errors cross the boundary as this shape (never stack traces). */
export interface IpcErrorDto {
  code: string;
  message: string;
}

type Camel<S extends string> = S extends `${infer A}-${infer B}`
  ? `${A}${Capitalize<Camel<B>>}`
  : S;
type Joined<S extends string> = S extends `${infer D}:${infer V}`
  ? `${Camel<D>}${Capitalize<Camel<V>>}`
  : never;

/** `accounts:export-bundle` → `accountsExportBundle`. */
export type MethodName<C extends InvokeChannel> = Joined<C>;
/** `logs:changed` → `onLogsChanged`. */
export type ListenerName<P extends PushChannel> = `on${Capitalize<Joined<P>>}`;

export function methodName(channel: string): string {
  const [domain = '', verb = ''] = channel.split(':');
  const camel = (x: string): string => x.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
  const cap = (x: string): string => x.charAt(0).toUpperCase() + x.slice(1);
  return camel(domain) + cap(camel(verb));
}

export function listenerName(channel: string): string {
  const m = methodName(channel);
  return 'on' + m.charAt(0).toUpperCase() + m.slice(1);
}

/** One named function per invoke channel, bound to that channel (`accountsLogin({ id })`). */
export type InvokeApi = {
  [C in InvokeChannel as MethodName<C>]: InvokeRequest<C> extends void
    ? () => Promise<InvokeResponse<C>>
    : (request: InvokeRequest<C>) => Promise<InvokeResponse<C>>;
};

/**
 * What the preload exposes as `window.api` (and what the browser-test bridge implements): the
 * invoke functions — no generic `invoke` — and one subscription per push channel that returns
 * its unsubscribe function.
 */
export type RendererApi = InvokeApi & {
  [P in PushChannel as ListenerName<P>]: (listener: (payload: PushMap[P]) => void) => () => void;
};

/** One async handler per invoke channel: what main (and the test bridge) serve. */
export type InvokeHandlers = {
  [C in InvokeChannel]: (request: InvokeRequest<C>) => Promise<InvokeResponse<C>>;
};

/** Sends one push to the renderer. */
export type PushFn = <P extends PushChannel>(channel: P, payload: PushMap[P]) => void;

/**
 * The same named functions over handlers in this process: how the tray, the CLI and tests call
 * the contract (the renderer gets them from the preload instead).
 */
export function invokeApi(handlers: InvokeHandlers): InvokeApi {
  const api: Record<string, (request?: unknown) => Promise<unknown>> = {};
  for (const channel of INVOKE_CHANNELS) {
    const handler = handlers[channel] as (request?: unknown) => Promise<unknown>;
    api[methodName(channel)] = (request) => handler(request);
  }
  return api as InvokeApi;
}
