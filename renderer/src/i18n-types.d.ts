import 'i18next';
import type { en } from '../../electron/shared/i18n/en';

// Typed keys: a `t('…')` with a key the English catalogue lacks fails the typecheck.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
    returnNull: false;
  }
}
