import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getApi } from '../api';
import { errorText } from '../format';

/**
 * Add an account and log it in, in one step. A login that is then cancelled leaves the account
 * marked "not logged in yet" with Log in / Remove beside it (accounts-row.tsx), never silently
 * half-made.
 */
export function AddAccountForm(props: { autoFocus?: boolean; id: string }) {
  const { t } = useTranslation();
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
    <form className="row" onSubmit={add} aria-label={t('accounts.add.formLabel')}>
      <label>
        {t('accounts.add.name')}{' '}
        <input
          value={name}
          required
          onChange={(e) => setName(e.target.value)}
          placeholder={t('accounts.add.placeholder')}
          // With no account yet this is the only next step: put the cursor there.
          autoFocus={props.autoFocus}
          aria-describedby={`${props.id}-help`}
        />
      </label>
      <button type="submit" disabled={busy || !name.trim()}>
        {t('accounts.add.submit')}
      </button>
      <span id={`${props.id}-help`} className="muted">
        {t('accounts.add.help')}
      </span>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}
