import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppState } from './app-state-hook';
import { StateIcon } from './components/state-icon';
import { StatusBar } from './components/status-bar';
import { useLanguageSync } from './i18n';
import { AccountsPage } from './pages/accounts';
import { DashboardPage } from './pages/dashboard';
import { LogsPage } from './pages/logs';
import { SettingsPage } from './pages/settings';
import { UsagePage } from './pages/usage';
import { useApp, type Page } from './store';

const PAGES: Page[] = ['dashboard', 'accounts', 'logs', 'usage', 'settings'];

export function App() {
  const { t } = useTranslation();
  useLanguageSync();
  const page = useApp((s) => s.page);
  const setPage = useApp((s) => s.setPage);
  const loadError = useApp((s) => s.loadError);
  const state = useAppState();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  useEffect(() => {
    document.title = state ? `${t('app.name')} — ${state.text.title}` : t('app.name');
  }, [state, t]);

  // A page switch moves focus to the new page's heading, so screen readers announce it, unless
  // the new page already put the cursor where the next step is (e.g. the account name).
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (main.current?.contains(document.activeElement) && document.activeElement !== main.current) {
      const active = document.activeElement as HTMLElement;
      if (active.matches('input, select, textarea')) return;
    }
    main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [page]);

  return (
    <div className="shell">
      <a className="skip-link" href="#content">
        {t('nav.skip')}
      </a>
      <nav className="sidebar" aria-label={t('nav.label')}>
        <div className="brand">{t('app.name')}</div>
        <ul>
          {PAGES.map((p) => (
            <li key={p}>
              <button
                type="button"
                className={page === p ? 'nav active' : 'nav'}
                aria-current={page === p ? 'page' : undefined}
                onClick={() => setPage(p)}
              >
                {t(`nav.${p}`)}
              </button>
            </li>
          ))}
        </ul>
        {state && (
          <div className="sidebar-status" data-state={state.view.id}>
            <StateIcon id={state.view.id} /> {state.text.title}
          </div>
        )}
      </nav>
      <main className="content" id="content" ref={main} tabIndex={-1}>
        <StatusBar />
        {loadError && (
          <p role="alert" className="error">
            {t('app.loadError', { error: loadError })}
          </p>
        )}
        {page === 'dashboard' && <DashboardPage />}
        {page === 'accounts' && <AccountsPage />}
        {page === 'logs' && <LogsPage />}
        {page === 'usage' && <UsagePage />}
        {page === 'settings' && <SettingsPage />}
      </main>
    </div>
  );
}
