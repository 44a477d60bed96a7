/**
 * The request-inspector fields (issue 16) an entry and its list row carry on top of the original
 * request log: who sent the request (client, key name), how it went upstream (session kind,
 * bytes) and whether the gateway refused it itself. Kept here so entry-builder.ts only lists them.
 */
import type { EntrySummary, LogEntry } from './types';

/** Text fields, redacted and capped like the other short fields. */
export const INSPECTOR_TEXT_FIELDS = [
  'client',
  'clientVersion',
  'userAgent',
  'keyId',
  'keyName',
  'keyHint',
  'sessionKind',
  'refused',
] as const;

/** Number fields, kept when finite. */
export const INSPECTOR_NUMBER_FIELDS = ['upstreamBytes', 'upstreamAsks'] as const;

/** Copies what the list shows onto a summary; absent stays absent (100k rows stay small). */
export function addInspectorSummary(s: EntrySummary, e: LogEntry): void {
  if (e.client !== undefined) s.client = e.client;
  if (e.clientVersion !== undefined) s.clientVersion = e.clientVersion;
  if (e.keyName !== undefined) s.keyName = e.keyName;
  if (e.keyHint !== undefined) s.keyHint = e.keyHint;
  if (e.sessionKind !== undefined) s.sessionKind = e.sessionKind;
  if (e.upstreamBytes !== undefined) s.upstreamBytes = e.upstreamBytes;
  if (e.refused !== undefined) s.refused = e.refused;
  if (e.repeats !== undefined) s.repeats = e.repeats;
  if (e.lastAt !== undefined) s.lastAt = e.lastAt;
}
