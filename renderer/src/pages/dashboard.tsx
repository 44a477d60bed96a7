import { useState } from 'react';
import { getApi } from '../api';
import { CopyButton } from '../components/copy-button';
import { StatusBadge } from '../components/status-badge';
import { useApp } from '../store';
import { ApiKeysCard } from './dashboard-keys';
import { SnippetsCard } from './dashboard-snippets';
import { TestCard } from './dashboard-test';

function GatewayCard() {
  const gateway = useApp((s) => s.gateway);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  if (!gateway) return <section className="card">Loading…</section>;
  const toggle = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const api = getApi();
      const next = gateway.listening ? await api.gatewayStop() : await api.gatewayStart();
      useApp.setState({ gateway: next });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const usePort = async (port: number) => {
    const api = getApi();
    const r = await api.settingsUpdate({ server: { port } });
    useApp.setState({ settings: r.settings });
    useApp.setState({ gateway: await api.gatewayStart() });
  };
  return (
    <section className="card" aria-labelledby="gw-title">
      <div className="row spread">
        <h2 id="gw-title">
          Gateway <StatusBadge state={gateway.state} />
        </h2>
        <button type="button" onClick={toggle} disabled={busy || gateway.state === 'starting'}>
          {gateway.listening ? 'Stop gateway' : 'Start gateway'}
        </button>
      </div>
      {gateway.error && (
        <p role="alert" className="error">
          {gateway.error}{' '}
          {gateway.suggestedPort !== undefined && (
            <button
              type="button"
              className="link"
              onClick={() => usePort(gateway.suggestedPort as number)}
            >
              Use port {gateway.suggestedPort} instead
            </button>
          )}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <dl className="facts">
        <dt>Base URL</dt>
        <dd>
          {gateway.baseUrl ? (
            <>
              <code data-testid="base-url">{gateway.baseUrl}/v1</code>{' '}
              <CopyButton text={`${gateway.baseUrl}/v1`} />
            </>
          ) : (
            <span className="muted">not listening</span>
          )}
        </dd>
        <dt>Accounts ready</dt>
        <dd>
          {gateway.readyAccounts} / {gateway.totalAccounts}
        </dd>
        <dt>In flight</dt>
        <dd>{gateway.inFlight}</dd>
        <dt>Requests today</dt>
        <dd>{gateway.requestsToday}</dd>
      </dl>
    </section>
  );
}

function FirstAccountCard() {
  const setPage = useApp((s) => s.setPage);
  return (
    <section className="card empty" aria-labelledby="first-title">
      <h2 id="first-title">Add your Lingma account</h2>
      <p>
        The gateway needs at least one logged-in Lingma account to answer requests. You log in on
        Alibaba Cloud&apos;s own page, in a window the app opens for you.
      </p>
      <button type="button" onClick={() => setPage('accounts')}>
        Add account
      </button>
    </section>
  );
}

export function DashboardPage() {
  const accounts = useApp((s) => s.accounts);
  return (
    <div className="page">
      <h1>Dashboard</h1>
      {accounts.length === 0 && <FirstAccountCard />}
      <GatewayCard />
      <ApiKeysCard />
      <SnippetsCard />
      <TestCard />
    </div>
  );
}
