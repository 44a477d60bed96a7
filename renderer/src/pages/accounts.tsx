import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountDto } from '../../../electron/shared/dto';
import { getApi } from '../api';
import { ConfirmDialog } from '../components/confirm-dialog';
import { useApp } from '../store';
import { AddAccountForm } from './accounts-add';
import { BundleDialog } from './accounts-bundle';
import { AccountRow } from './accounts-row';

export function AccountsPage() {
  const { t } = useTranslation();
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
      <h1 tabIndex={-1}>{t('accounts.title')}</h1>
      <section className="card">
        <AddAccountForm id="accounts-add" autoFocus={accounts.length === 0} />
      </section>
      {accounts.length === 0 ? (
        <section className="card empty">
          <p>{t('accounts.empty')}</p>
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
        title={t('accounts.removeTitle', { name: removing?.name ?? '' })}
        confirmLabel={t('accounts.remove')}
        danger
        onConfirm={remove}
        onCancel={() => setRemoving(undefined)}
      >
        <p>{t('accounts.removeBody')}</p>
        <label className="check">
          <input
            type="checkbox"
            checked={deleteData}
            onChange={(e) => setDeleteData(e.target.checked)}
          />{' '}
          {t('accounts.removeData')}
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
