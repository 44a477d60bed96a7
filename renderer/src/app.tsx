import { useEffect } from 'react';
import { StatusBadge } from './components/status-badge';
import { AccountsPage } from './pages/accounts';
import { DashboardPage } from './pages/dashboard';
import { LogsPage } from './pages/logs';
import { SettingsPage } from './pages/settings';
import { UsagePage } from './pages/usage';
import { useApp, type Page } from './store';

const PAGES: Array<{ id: Page; label: string }> = [
  { id: 'dashboard', label: 'Dashboard' },
  { id: 'accounts', label: 'Accounts' },
  { id: 'logs', label: 'Requests' },
  { id: 'usage', label: 'Usage' },
  { id: 'settings', label: 'Settings' },
];

export function App() {
  const page = useApp((s) => s.page);
  const setPage = useApp((s) => s.setPage);
  const gateway = useApp((s) => s.gateway);
  const loadError = useApp((s) => s.loadError);

  useEffect(() => {
    const title = gateway ? `Lingma Gateway — ${gateway.state}` : 'Lingma Gateway';
    document.title = title;
  }, [gateway]);

  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">Lingma Gateway</div>
        <ul>
          {PAGES.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className={page === p.id ? 'nav active' : 'nav'}
                aria-current={page === p.id ? 'page' : undefined}
                onClick={() => setPage(p.id)}
              >
                {p.label}
              </button>
            </li>
          ))}
        </ul>
        <div className="sidebar-status">{gateway && <StatusBadge state={gateway.state} />}</div>
      </nav>
      <main className="content">
        {loadError && (
          <p role="alert" className="error">
            Could not load the app state: {loadError}
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
