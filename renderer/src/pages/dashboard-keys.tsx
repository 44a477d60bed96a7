import { useState } from 'react';
import { getApi } from '../api';
import { ConfirmDialog } from '../components/confirm-dialog';
import { CopyButton } from '../components/copy-button';
import { useApp } from '../store';

const when = (t?: number) => (t ? new Date(t).toLocaleString() : 'never');

export function ApiKeysCard() {
  const keys = useApp((s) => s.keys);
  const refreshKeys = useApp((s) => s.refreshKeys);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ id: string; name: string; secret: string }>();
  const [revoking, setRevoking] = useState<string>();
  const [error, setError] = useState<string>();

  const create = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      const r = await getApi().keysCreate({ name: name.trim() || 'key' });
      setCreated({ id: r.key.id, name: r.key.name, secret: r.secret });
      setName('');
      await refreshKeys();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const revoke = async () => {
    if (!revoking) return;
    const id = revoking;
    setRevoking(undefined);
    setError(undefined);
    try {
      await getApi().keysRevoke({ id });
      // A revoked secret must not stay on screen as if it were usable.
      if (created?.id === id) setCreated(undefined);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
    await refreshKeys();
  };

  return (
    <section className="card" aria-labelledby="keys-title">
      <h2 id="keys-title">API keys</h2>
      <p className="muted">Every request to /v1 needs one of these keys, even from this machine.</p>
      <table>
        <thead>
          <tr>
            <th>Name</th>
            <th>Key</th>
            <th>Created</th>
            <th>Last used</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k.id}>
              <td>{k.name}</td>
              <td>
                <code>{k.prefix}</code>
              </td>
              <td>{when(k.createdAt)}</td>
              <td>{when(k.lastUsedAt)}</td>
              <td>
                {/* A flex <td> stops being a table cell; the flex box goes inside it. */}
                <div className="actions">
                  <CopyButton text={() => getApi().keysReveal({ id: k.id })} label="Copy key" />
                  {!k.readOnly && (
                    <button
                      type="button"
                      className="secondary danger"
                      onClick={() => setRevoking(k.id)}
                    >
                      Revoke
                    </button>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="row" onSubmit={create}>
        <label>
          New key name{' '}
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. laptop-cline"
          />
        </label>
        <button type="submit">Create key</button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {created && (
        <div className="notice" role="status">
          Key <strong>{created.name}</strong> created: <code>{created.secret}</code>{' '}
          <CopyButton text={created.secret} />
        </div>
      )}
      <ConfirmDialog
        open={revoking !== undefined}
        title="Revoke this key?"
        confirmLabel="Revoke"
        danger
        onConfirm={revoke}
        onCancel={() => setRevoking(undefined)}
      >
        Tools using it will get 401 errors until you give them another key.
      </ConfirmDialog>
    </section>
  );
}
