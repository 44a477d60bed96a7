/** Renderer-side formatting hooks over the shared formatters. */
import i18next from 'i18next';
import { formatDateTime } from '../../electron/shared/format';
import { useLang } from './i18n';

/** "never" or a localised date and time. */
export function useWhen(): (t?: number) => string {
  const { lang, tr } = useLang();
  return (t) => (t ? formatDateTime(t, lang) : tr('common.never'));
}

/**
 * An error in the user's language: errors crossing IPC carry a code; a known code has its own
 * sentence, with the core's (English) message kept as detail. Anything else shows as it came.
 */
export function errorText(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown } | null)?.code;
  const key = `errors.${typeof code === 'string' ? code : ''}`;
  if (typeof code !== 'string' || !i18next.exists(key)) return message;
  const t = i18next.t as unknown as (k: string, o?: Record<string, unknown>) => string;
  return `${t(key)} ${t('common.details', { detail: message })}`;
}
