import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getApi } from '../api';
import { errorText } from '../format';
import { useApp } from '../store';
import { LingmaStatus } from './lingma-status';

/** Lingma on this computer: where it is, updates, and the download when there is none. */
export function BinaryCard() {
  const { t } = useTranslation();
  const binary = useApp((s) => s.binary);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const check = async () => {
    setBusy(true);
    setError(undefined);
    try {
      useApp.setState({ binary: await getApi().binaryCheckUpdate() });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="bin-title" data-testid="binary-card">
      <h2 id="bin-title">{t('lingma.title')}</h2>
      <LingmaStatus />
      {binary?.latestVersion && (
        <p>
          {binary.updateAvailable
            ? t('lingma.updateAvailable', { version: binary.latestVersion })
            : t('lingma.upToDate', { version: binary.latestVersion })}
        </p>
      )}
      {binary?.path && binary.state !== 'downloading' && (
        <div className="row">
          <button type="button" className="secondary" disabled={busy} onClick={check}>
            {t('lingma.checkUpdate')}
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => void getApi().binaryDownload()}
          >
            {t('lingma.downloadLatest')}
          </button>
        </div>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
