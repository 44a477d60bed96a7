/**
 * What went wrong with a request and what to do about it (issue 16), as message keys of the
 * catalogue (`logs.explain.*`) with their values: "wrong API key: the key starts with lgw-3f…, no
 * such key" → "copy the current key into the tool". Refusals are explained by why the gateway
 * refused; other failures by the error kind the core recorded (`kind: message` in the row).
 */
import { REFUSAL_KINDS, type LogSummaryDto } from '../../../electron/shared/dto';
import type { enInspector } from '../../../electron/shared/i18n/en/inspector';

/** The explanations the catalogue has. */
export type ExplainId = keyof typeof enInspector.logs.explain;

export interface Explanation {
  /** `logs.explain.<id>.what` and `.todo` hold the two sentences. */
  id: ExplainId;
  params: Record<string, string | number>;
}

/** `kind: message` (the list row's error) split in two. */
export function splitError(error: string | undefined): { kind?: string; message?: string } {
  if (!error) return {};
  const i = error.indexOf(': ');
  return i > 0 ? { kind: error.slice(0, i), message: error.slice(i + 2) } : { message: error };
}

const REFUSALS = new Set<string>(REFUSAL_KINDS);

const QUOTA = /quota|额度|配额/i;

/** The explanation of a failed request; undefined for one that went well. */
export function explain(
  e: Pick<
    LogSummaryDto,
    'refused' | 'status' | 'error' | 'keyHint' | 'endpoint' | 'client' | 'inProgress'
  >,
): Explanation | undefined {
  const { kind, message = '' } = splitError(e.error);
  const failed = Boolean(e.error) || (e.status !== undefined && e.status >= 400);
  if (!failed || e.inProgress) return undefined;
  const params = {
    hint: e.keyHint ?? '…',
    endpoint: e.endpoint,
    client: e.client ?? '',
    message,
    status: e.status ?? '',
  };
  if (e.refused && REFUSALS.has(e.refused)) return { id: e.refused as ExplainId, params };
  switch (kind) {
    case 'client_closed':
      return { id: 'clientClosed', params };
    case 'timeout':
      return { id: 'timeout', params };
    case 'rate_limit':
      return { id: QUOTA.test(message) ? 'quota' : 'rateLimited', params };
    case 'overloaded':
    case 'unavailable':
      return { id: 'noAccount', params };
    case 'upstream':
      return { id: 'upstream', params };
    case 'interrupted':
    case 'abandoned':
      return { id: 'interrupted', params };
    case 'internal':
      return { id: 'internal', params };
    default:
      return { id: 'other', params };
  }
}
