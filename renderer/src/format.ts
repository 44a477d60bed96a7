/** Renderer-side formatting hooks over the shared formatters. */
import { formatDateTime } from '../../electron/shared/format';
import { useLang } from './i18n';

/** "never" or a localised date and time. */
export function useWhen(): (t?: number) => string {
  const { lang, tr } = useLang();
  return (t) => (t ? formatDateTime(t, lang) : tr('common.never'));
}

/** An error's message, or its text when it is not an Error. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
