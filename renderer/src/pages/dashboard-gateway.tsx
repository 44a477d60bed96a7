import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getApi } from '../api';
import { CopyButton } from '../components/copy-button';
import { errorText } from '../format';
import { useApp } from '../store';

/** The listener: address to copy, start/stop, and what it is doing right now. */
export function GatewayCard() {
  const { t } = useTranslation();
  const gateway = useApp((s) => s.gateway);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  if (!gateway) return <section className="card">{t('app.loading')}</section>;
  const toggle = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const api = getApi();
      const next = gateway.listening ? await api.gatewayStop() : await api.gatewayStart();
      useApp.setState({ gateway: next });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="gw-title" data-testid="gateway-card">
      <div className="row spread">
        <h2 id="gw-title">{t('gateway.title')}</h2>
        <button
          type="button"
          className="fixed-w"
          onClick={toggle}
          disabled={busy || gateway.state === 'starting'}
        >
          {gateway.listening ? t('gateway.stop') : t('gateway.start')}
        </button>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <dl className="facts">
        <dt>{t('gateway.baseUrl')}</dt>
        <dd>
          {gateway.baseUrl ? (
            <>
              <code data-testid="base-url">{gateway.baseUrl}/v1</code>{' '}
              <CopyButton text={`${gateway.baseUrl}/v1`} label={t('gateway.copyUrl')} />
            </>
          ) : (
            <span className="muted">{t('gateway.notListening')}</span>
          )}
        </dd>
        <dt>{t('gateway.accountsReady')}</dt>
        <dd>
          {t('gateway.readyOf', { ready: gateway.readyAccounts, total: gateway.totalAccounts })}
        </dd>
        <dt>{t('gateway.inFlight')}</dt>
        <dd>{gateway.inFlight}</dd>
        <dt>{t('gateway.requestsToday')}</dt>
        <dd>{gateway.requestsToday}</dd>
      </dl>
    </section>
  );
}
