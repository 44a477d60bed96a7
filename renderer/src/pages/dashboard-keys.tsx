import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getApi } from '../api';
import { ConfirmDialog } from '../components/confirm-dialog';
import { CopyButton } from '../components/copy-button';
import { errorText, useWhen } from '../format';
import { useApp } from '../store';

export function ApiKeysCard() {
  const { t } = useTranslation();
  const when = useWhen();
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
      const r = await getApi().keysCreate({ name: name.trim() || t('keys.defaultName') });
      setCreated({ id: r.key.id, name: r.key.name, secret: r.secret });
      setName('');
      await refreshKeys();
    } catch (err) {
      setError(errorText(err));
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
      setError(errorText(err));
    }
    await refreshKeys();
  };

  return (
    <section className="card" aria-labelledby="keys-title">
      <h2 id="keys-title">{t('keys.title')}</h2>
      <p className="muted">{t('keys.help')}</p>
      <table>
        <thead>
          <tr>
            <th>{t('keys.name')}</th>
            <th>{t('keys.key')}</th>
            <th>{t('keys.created')}</th>
            <th>{t('keys.lastUsed')}</th>
            <th>
              <span className="sr-only">{t('keys.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k.id}>
              <td translate="no">{k.name}</td>
              <td>
                <code>{k.prefix}</code>
              </td>
              <td>{when(k.createdAt)}</td>
              <td>{when(k.lastUsedAt)}</td>
              <td>
                {/* A flex <td> stops being a table cell; the flex box goes inside it. */}
                <div className="actions">
                  <CopyButton
                    text={() => getApi().keysReveal({ id: k.id })}
                    label={t('keys.copy')}
                  />
                  {!k.readOnly && (
                    <button
                      type="button"
                      className="secondary danger"
                      onClick={() => setRevoking(k.id)}
                    >
                      {t('keys.revoke')}
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
          {t('keys.newName')}{' '}
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={t('keys.newPlaceholder')}
          />
        </label>
        <button type="submit">{t('keys.create')}</button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {created && (
        <div className="notice" role="status" data-testid="key-created">
          {t('keys.createdNotice', { name: created.name })} <code>{created.secret}</code>{' '}
          <CopyButton text={created.secret} />
        </div>
      )}
      <ConfirmDialog
        open={revoking !== undefined}
        title={t('keys.revokeTitle')}
        confirmLabel={t('keys.revoke')}
        danger
        onConfirm={revoke}
        onCancel={() => setRevoking(undefined)}
      >
        {t('keys.revokeBody')}
      </ConfirmDialog>
    </section>
  );
}
