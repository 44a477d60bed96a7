import { useState, type FormEvent } from 'react';
import type { LoginProgressDto } from '../../../electron/shared/dto';
import { getApi } from '../api';

const TEXT: Record<LoginProgressDto['phase'], string> = {
  starting: 'Starting the Lingma process…',
  waiting: 'Waiting for you to finish logging in in the login window…',
  succeeded: 'Logged in.',
  failed: 'Login failed.',
  cancelled: 'Login cancelled.',
  timeout: 'Login timed out.',
};

export function LoginStatus(props: { progress: LoginProgressDto }) {
  const p = props.progress;
  const active = p.phase === 'starting' || p.phase === 'waiting';
  const bad = p.phase === 'failed' || p.phase === 'timeout';
  return (
    <div
      className={bad ? 'error' : 'notice'}
      role="status"
      data-testid="login-status"
      data-phase={p.phase}
    >
      {TEXT[p.phase]} {p.message}
      {active && p.url && (
        <>
          {' '}
          <button
            type="button"
            className="link"
            onClick={() => getApi().shellOpenExternal({ url: p.url as string })}
          >
            Open in browser instead
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
            Cancel
          </button>
        </>
      )}
      {active && p.url && <PasteCallback accountId={p.accountId} />}
    </div>
  );
}

/** Logged in with a browser on another machine: paste the callback address it could not open. */
function PasteCallback(props: { accountId: string }) {
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
        Logged in on another machine? Paste the address its browser could not open
        (http://127.0.0.1:…/auth/callback?…):{' '}
        <input value={url} onChange={(e) => setUrl(e.target.value)} spellCheck={false} />
      </label>{' '}
      <button type="submit" disabled={busy || url.trim() === ''}>
        Complete login
      </button>
      {error && <span role="alert"> {error}</span>}
    </form>
  );
}
