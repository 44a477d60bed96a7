import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountDto } from '../../../electron/shared/dto';
import { getApi } from '../api';
import { ConfirmDialog } from '../components/confirm-dialog';

/** Export or import an account's login as a passphrase-encrypted file. */
export function BundleDialog(props: {
  account: AccountDto;
  mode: 'export' | 'import';
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<string>();
  const exporting = props.mode === 'export';
  const run = async () => {
    setError(undefined);
    setMessage(undefined);
    try {
      if (exporting) {
        const r = await getApi().accountsExportBundle({ id: props.account.id, passphrase });
        setMessage(r.saved ? t('bundle.savedTo', { path: r.path ?? '' }) : t('bundle.notSaved'));
      } else {
        const r = await getApi().accountsImportBundle({ id: props.account.id, passphrase });
        setMessage(
          r.imported
            ? t('bundle.imported') + (r.message ? ` ${t('bundle.insecure')}` : '')
            : t('bundle.nothingImported'),
        );
      }
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <ConfirmDialog
      open
      title={t(exporting ? 'bundle.exportTitle' : 'bundle.importTitle', {
        name: props.account.name,
      })}
      confirmLabel={t(exporting ? 'bundle.exportButton' : 'bundle.importButton')}
      onConfirm={run}
      onCancel={props.onClose}
    >
      <p className="muted">{exporting ? t('bundle.exportHelp') : t('bundle.importHelp')}</p>
      <label>
        {t('bundle.passphrase')}{' '}
        <input
          type="password"
          value={passphrase}
          minLength={8}
          onChange={(e) => setPassphrase(e.target.value)}
        />
      </label>
      {message && <p role="status">{message}</p>}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </ConfirmDialog>
  );
}
