import { useState } from 'react';
import type { AccountDto } from '../../../electron/shared/dto';
import { getApi } from '../api';
import { ConfirmDialog } from '../components/confirm-dialog';
import { StatusBadge } from '../components/status-badge';
import { useApp } from '../store';
import { BundleDialog } from './accounts-bundle';
import { LoginStatus } from './accounts-login';

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function AddAccount(props: { first: boolean }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const add = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setBusy(true);
    try {
      const account = await getApi().accountsAdd({ name: name.trim() });
      setName('');
      await getApi().accountsLogin({ id: account.id });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="row" onSubmit={add} aria-label="Add account">
      <label>
        Account name{' '}
        <input
          value={name}
          required
          onChange={(e) => setName(e.target.value)}
          placeholder="e.g. work"
          // With no account yet this is the only next step: put the cursor there.
          autoFocus={props.first}
          aria-describedby="add-help"
        />
      </label>
      <button type="submit" disabled={busy || !name.trim()}>
        Add account and log in
      </button>
      <span id="add-help" className="muted">
        A login window opens on Alibaba Cloud&apos;s page.
      </span>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}

function AccountRow(props: {
  account: AccountDto;
  onRemove(): void;
  onBundle(mode: 'export' | 'import'): void;
}) {
  const a = props.account;
  const login = useApp((s) => s.logins[a.id]);
  const [error, setError] = useState<string>();
  const act = (fn: () => Promise<unknown>) => async () => {
    setError(undefined);
    try {
      await fn();
    } catch (err) {
      setError(errorText(err));
    }
  };
  const api = getApi();
  return (
    <li className="account" data-testid={`account-${a.name}`}>
      <div className="row spread">
        <div>
          <strong>{a.name}</strong> <StatusBadge state={a.state} />
          {a.userName && <span className="muted"> · {a.userName}</span>}
          {a.userType && <span className="muted"> · {a.userType}</span>}
          {a.quota && <span className="muted"> · quota {a.quota}</span>}
        </div>
        <div className="actions">
          <button
            type="button"
            className="secondary"
            onClick={act(() => api.accountsLogin({ id: a.id }))}
            disabled={!a.enabled}
          >
            {a.state === 'ready' ? 'Log in again' : 'Log in'}
          </button>
          <button
            type="button"
            className="secondary"
            onClick={act(() => api.accountsLogout({ id: a.id }))}
            disabled={a.state !== 'ready'}
          >
            Log out
          </button>
          <button
            type="button"
            className="secondary"
            onClick={act(() => api.accountsSetEnabled({ id: a.id, enabled: !a.enabled }))}
          >
            {a.enabled ? 'Disable' : 'Enable'}
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => props.onBundle('export')}
            disabled={a.state !== 'ready'}
          >
            Export login
          </button>
          <button type="button" className="secondary" onClick={() => props.onBundle('import')}>
            Import login
          </button>
          <button type="button" className="secondary danger" onClick={props.onRemove}>
            Remove
          </button>
        </div>
      </div>
      <p className="muted small">
        Served {a.served} · errors {a.errors}
        {a.workers > 1 ? ` · ${a.workers} workers` : ''}
        {a.cooldownUntil
          ? ` · cooling down until ${new Date(a.cooldownUntil).toLocaleTimeString()}`
          : ''}
        {a.lastLoginAt ? ` · last login ${new Date(a.lastLoginAt).toLocaleString()}` : ''}
      </p>
      {a.lastError && <p className="error small">Last error: {a.lastError}</p>}
      {login && <LoginStatus progress={login} />}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </li>
  );
}

export function AccountsPage() {
  const accounts = useApp((s) => s.accounts);
  const [removing, setRemoving] = useState<AccountDto>();
  const [deleteData, setDeleteData] = useState(false);
  const [bundle, setBundle] = useState<{ account: AccountDto; mode: 'export' | 'import' }>();
  const remove = async () => {
    if (!removing) return;
    await getApi().accountsRemove({ id: removing.id, deleteData });
    setRemoving(undefined);
    setDeleteData(false);
  };
  return (
    <div className="page">
      <h1>Accounts</h1>
      <section className="card">
        <AddAccount first={accounts.length === 0} />
      </section>
      {accounts.length === 0 ? (
        <section className="card empty">
          <p>No accounts yet. Add one above: each account runs its own Lingma process.</p>
        </section>
      ) : (
        <ul className="accounts">
          {accounts.map((a) => (
            <AccountRow
              key={a.id}
              account={a}
              onRemove={() => setRemoving(a)}
              onBundle={(mode) => setBundle({ account: a, mode })}
            />
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={removing !== undefined}
        title={`Remove account ${removing?.name ?? ''}?`}
        confirmLabel="Remove"
        danger
        onConfirm={remove}
        onCancel={() => setRemoving(undefined)}
      >
        <p>Its Lingma process stops and it no longer serves requests.</p>
        <label>
          <input
            type="checkbox"
            checked={deleteData}
            onChange={(e) => setDeleteData(e.target.checked)}
          />{' '}
          Also delete its login data from this computer
        </label>
      </ConfirmDialog>
      {bundle && (
        <BundleDialog
          account={bundle.account}
          mode={bundle.mode}
          onClose={() => setBundle(undefined)}
        />
      )}
    </div>
  );
}
