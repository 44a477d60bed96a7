/**
 * The message catalogue and its plumbing, shared by the renderer (react-i18next) and the main
 * process (tray menu, tooltip, notifications). i18next does the lookup, interpolation and CLDR
 * plurals; this file only knows which languages exist and how the OS locale picks one.
 * No node: and no electron imports: both sides bundle it.
 */
import i18next, { type i18n, type InitOptions } from 'i18next';
import { en } from './en';
import { zhCN } from './zh-cn';

export type Language = 'en' | 'zh-CN';
/** What the user chose in Settings: a language, or whatever the OS uses. */
export type LanguageSetting = 'system' | Language;

export const LANGUAGES: readonly Language[] = ['en', 'zh-CN'];
export const LANGUAGE_SETTINGS: readonly LanguageSetting[] = ['system', 'en', 'zh-CN'];

/** The catalogues, as i18next resources (one namespace, `translation`). */
export const resources = {
  en: { translation: en },
  'zh-CN': { translation: zhCN },
} as const;

/**
 * The language to show. `system` walks the OS's preferred languages in order: any Chinese
 * (zh, zh-CN, zh-Hans, zh-TW, zh-HK…) picks Simplified Chinese — the only Chinese we have, and
 * closer for a Traditional reader than English — any English picks English; the first match
 * wins. Nothing recognised: English.
 */
export function resolveLanguage(
  setting: LanguageSetting | undefined,
  osLocales: readonly string[],
): Language {
  if (setting === 'en' || setting === 'zh-CN') return setting;
  for (const raw of osLocales) {
    const tag = raw.toLowerCase().replace('_', '-');
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'en';
}

/** Options both sides start i18next with: synchronous init, no escaping (React and Electron
 * menus escape on their own), English fallback so a missing key never shows a raw key. */
export function i18nOptions(lng: Language): InitOptions {
  return {
    lng,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    resources,
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
    // Some texts are empty on purpose (Chinese joins user-type words with nothing).
    returnEmptyString: true,
  };
}

/** A translate function, as the plain-TS helpers here take it (no typed keys needed). */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

/** A ready i18next instance of its own (main keeps one; tests make many). */
export function createI18n(lng: Language): i18n {
  const instance = i18next.createInstance();
  void instance.init(i18nOptions(lng));
  return instance;
}

/** Shorthand for main: a `t` bound to one language. */
export function createTranslator(lng: Language): Translate {
  const instance = createI18n(lng);
  // Untyped on purpose: keys here are built at run time (the renderer types its own calls).
  const t = instance.t as unknown as (key: string, options: Record<string, unknown>) => string;
  return (key, params) => t(key, params ?? {});
}
