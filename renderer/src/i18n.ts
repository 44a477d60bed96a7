/**
 * The renderer's i18n: i18next through react-i18next, over the shared catalogue
 * (electron/shared/i18n). The language follows Settings, else the OS languages main reports
 * (navigator.languages until the first snapshot arrives).
 */
import i18next from 'i18next';
import { useEffect } from 'react';
import { initReactI18next, useTranslation } from 'react-i18next';
import {
  i18nOptions,
  resolveLanguage,
  type Language,
  type Translate,
} from '../../electron/shared/i18n';
import { useApp } from './store';

export function initI18n(): void {
  const lang = resolveLanguage('system', navigator.languages);
  void i18next.use(initReactI18next).init(i18nOptions(lang));
  document.documentElement.lang = lang;
}

/** Keeps i18next and `<html lang>` on the language Settings and the OS ask for. */
export function useLanguageSync(): void {
  const setting = useApp((s) => s.settings?.app.language);
  const locales = useApp((s) => s.info?.locales);
  useEffect(() => {
    const lang = resolveLanguage(setting ?? 'system', locales ?? navigator.languages);
    if (i18next.language !== lang) void i18next.changeLanguage(lang);
    document.documentElement.lang = lang;
  }, [setting, locales]);
}

/** The language on screen, plus an untyped translate for the shared helpers. */
export function useLang(): { lang: Language; tr: Translate } {
  const { i18n } = useTranslation();
  const lang: Language = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  const tr: Translate = (key, params) =>
    i18n.t(key as never, { ...(params ?? {}) } as never) as unknown as string;
  return { lang, tr };
}
