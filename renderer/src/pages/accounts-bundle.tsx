import { useState } from 'react';
import type { AccountDto } from '../../../electron/shared/dto';
import { getApi } from '../api';
import { ConfirmDialog } from '../components/confirm-dialog';

/** Export or import an account's login as a passphrase-encrypted file. */
export function BundleDialog(props: {
  account: AccountDto;
  mode: 'export' | 'import';
  onClose(): void;
}) {
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
        setMessage(r.saved ? `Saved to ${r.path ?? 'file'}.` : 'Not saved.');
      } else {
        const r = await getApi().accountsImportBundle({ id: props.account.id, passphrase });
        setMessage(r.imported ? 'Login imported.' : (r.message ?? 'Nothing imported.'));
      }
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <ConfirmDialog
      open
      title={`${exporting ? 'Export' : 'Import'} login of ${props.account.name}`}
      confirmLabel={exporting ? 'Export…' : 'Import…'}
      onConfirm={run}
      onCancel={props.onClose}
    >
      <p className="muted">
        {exporting
          ? 'The file holds this login: anyone with it and the passphrase can use the account. Keep both safe.'
          : 'Import only into an account that is not logged in; an active login is never overwritten.'}
      </p>
      <label>
        Passphrase{' '}
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
