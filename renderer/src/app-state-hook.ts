/** The shared state model, computed from the store (the same derivation the tray uses). */
import { useMemo } from 'react';
import { deriveAppState, type AppStateView } from '../../electron/shared/app-state';
import { describeAppState, type AppStateText } from '../../electron/shared/app-state-text';
import { useLang } from './i18n';
import { useApp } from './store';

export function useAppState(): { view: AppStateView; text: AppStateText } | undefined {
  const gateway = useApp((s) => s.gateway);
  const accounts = useApp((s) => s.accounts);
  const logins = useApp((s) => s.logins);
  const binary = useApp((s) => s.binary);
  const { lang, tr } = useLang();
  return useMemo(() => {
    if (!gateway || !binary) return undefined;
    // A login in progress counts as "on its way", not as logged out.
    const withLogins = accounts.map((a) => (logins[a.id] ? { ...a, login: logins[a.id] } : a));
    const view = deriveAppState({ gateway, accounts: withLogins, binary });
    return { view, text: describeAppState(view, tr, lang) };
    // `tr` is a new function every render; the language is what it depends on.
  }, [gateway, accounts, logins, binary, lang]);
}
