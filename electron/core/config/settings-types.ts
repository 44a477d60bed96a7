/**
 * The gateway's persistent settings, as types. The shape, defaults and rules are described once in
 * electron/shared/settings/spec.ts; these are names for parts of it the core passes around.
 */
import type { SettingsValues } from '../../shared/settings';

/** Everything a user can configure. Secrets (keys, tokens) are not here: see secret-vault.ts. */
export type GatewaySettings = SettingsValues;
export type ServerSettings = GatewaySettings['server'];
export type LingmaSettings = GatewaySettings['lingma'];
export type RoutingSettings = GatewaySettings['routing'];
export type ModelSettings = GatewaySettings['models'];
export type SessionReuseSettings = GatewaySettings['sessionReuse'];
export type ToolSettings = GatewaySettings['tools'];
export type LogSettings = GatewaySettings['logs'];
export type AppSettings = GatewaySettings['app'];
export type RoutingStrategy = RoutingSettings['strategy'];
export type AskMode = ModelSettings['askMode'];
export type UpstreamApproval = ToolSettings['upstreamApproval'];
export type LingmaFlavourSetting = LingmaSettings['flavour'];
export type AgentSessionType = ModelSettings['agentSessionType'];

/** Version of the persisted settings layout written by this build. */
export const SETTINGS_SCHEMA_VERSION = 1;

/** Settings plus the layout version, as written to disk. */
export type PersistedSettings = GatewaySettings & { schemaVersion: number };
