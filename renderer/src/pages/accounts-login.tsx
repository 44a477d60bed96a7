import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { getApi } from '../api';
import { DownloadProgress } from '../components/download-progress';
import type { LoginEntry } from '../login-messages';
import { useApp } from '../store';

/**
 * One account's login as it happens. While Lingma is still downloading (first run) the download
 * shows here too, with its own Cancel.
 */
export function LoginStatus(props: { progress: LoginEntry; duplicateOf?: string }) {
  const { t } = useTranslation();
  const download = useApp((s) => s.binary?.download);
  const p = props.progress;
  const active = p.phase === 'starting' || p.phase === 'waiting';
  const bad = p.phase === 'failed' || p.phase === 'timeout';
  const downloading = p.phase === 'starting' && download;
  // The same error text already shown for the account is not repeated.
  const message = p.message && p.message !== props.duplicateOf ? p.message : undefined;
  return (
    <div
      className={bad ? 'error' : 'notice'}
      role="status"
      data-testid="login-status"
      data-phase={p.phase}
    >
      <p>
        {downloading ? t('login.phase.downloading') : t(`login.phase.${p.phase}`)}
        {message && !active && (
          <span className="muted small"> {t('common.details', { detail: message })}</span>
        )}
        {active && p.url && (
          <>
            {' '}
            <button
              type="button"
              className="link"
              onClick={() => getApi().shellOpenExternal({ url: p.url as string })}
            >
              {t('login.openInBrowser')}
            </button>
          </>
        )}
        {active && (
          <>
            {' '}
            <button
              type="button"
              className="link"
              onClick={() => getApi().accountsCancelLogin({ id: p.accountId })}
            >
              {t('login.cancel')}
            </button>
          </>
        )}
      </p>
      {active && p.url && <PasteCallback accountId={p.accountId} />}
      {downloading && <DownloadProgress download={download} />}
    </div>
  );
}

/** Logged in with a browser on another machine: paste the callback address it could not open. */
function PasteCallback(props: { accountId: string }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setBusy(true);
    setError('');
    getApi()
      .accountsLoginPaste({ id: props.accountId, url: url.trim() })
      .then(() => setUrl(''))
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)))
      .finally(() => setBusy(false));
  };
  return (
    <form onSubmit={submit} data-testid="login-paste">
      <label>
        {t('login.pasteLabel')}{' '}
        <input value={url} onChange={(e) => setUrl(e.target.value)} spellCheck={false} />
      </label>{' '}
      <button type="submit" disabled={busy || url.trim() === ''}>
        {t('login.pasteButton')}
      </button>
      {error && <span role="alert"> {error}</span>}
    </form>
  );
}
