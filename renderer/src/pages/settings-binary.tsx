import { useState } from 'react';
import { getApi } from '../api';
import { useApp } from '../store';

export function BinaryCard() {
  const binary = useApp((s) => s.binary);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const act = (fn: () => Promise<unknown>) => async () => {
    setBusy(true);
    setError(undefined);
    try {
      await fn();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const api = getApi();
  const d = binary?.download;
  return (
    <section className="card" aria-labelledby="bin-title">
      <h2 id="bin-title">Lingma binary</h2>
      <dl className="facts">
        <dt>Path</dt>
        <dd>
          {binary?.path ? <code>{binary.path}</code> : <span className="muted">not found</span>}
        </dd>
        <dt>Version</dt>
        <dd>{binary?.version ?? '–'}</dd>
        <dt>Found in</dt>
        <dd>{binary?.source ?? '–'}</dd>
        {binary?.latestVersion && (
          <>
            <dt>Latest</dt>
            <dd>
              {binary.latestVersion}{' '}
              {binary.updateAvailable ? '(update available)' : '(up to date)'}
            </dd>
          </>
        )}
      </dl>
      {binary?.error && <p className="error">{binary.error}</p>}
      {d && d.phase !== 'done' && (
        <label className="progress">
          {d.phase === 'download'
            ? 'Downloading'
            : d.phase === 'extract'
              ? 'Extracting'
              : 'Checking'}{' '}
          <progress max={100} value={d.percent ?? undefined} aria-label="Download progress" />{' '}
          {d.percent !== undefined
            ? `${Math.round(d.percent)}%`
            : `${Math.round(d.receivedBytes / 1e6)} MB`}
        </label>
      )}
      <div className="row">
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={act(async () => useApp.setState({ binary: await api.binaryCheckUpdate() }))}
        >
          Check for update
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={act(async () => useApp.setState({ binary: await api.binaryDownload() }))}
        >
          {binary?.path ? 'Download latest' : 'Download Lingma'}
        </button>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
