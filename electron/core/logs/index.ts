/**
 * The request-log core: entries per API request (redacted, capped), JSON Lines persistence with
 * rotation and retention, queries, a live change bus and usage totals. The shell (IPC, settings)
 * and the gateway (via a RequestTrace adapter) use only what is exported here.
 */
export { createLogService } from './log-store';
export type { LogService, LogServiceOptions, LogStoreStats } from './log-service';
export type { LogBusOptions, LogSubscription } from './log-bus';
export type { EntryLimits } from './entry-builder';
export type { EdgeLogOptions, EdgeRecord } from './edge-log';
export { detectClient, type DetectedClient } from './client-detect';
export { DEFAULT_LIMITS, toSummary, isErrorSummary } from './entry-builder';
export type { RetentionPolicy } from './retention';
export { DEFAULT_RETENTION } from './retention';
export {
  REDACTED,
  SecretRegistry,
  createRedactor,
  defaultSecrets,
  isSecretFieldName,
  redactJson,
  redactText,
  registerSecret,
} from './redact';
export type * from './types';
