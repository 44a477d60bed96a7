import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountDto } from '../../../electron/shared/dto';
import { formatClock, formatUserType } from '../../../electron/shared/format';
import { getApi } from '../api';
import { AccountBadge, useAccountLook } from '../components/status-badge';
import { errorText, useWhen } from '../format';
import { useLang } from '../i18n';
import { isActivePhase, loginMessageApplies } from '../login-messages';
import { useApp } from '../store';
import { LoginStatus } from './accounts-login';

/**
 * One account. The buttons are always the same ones in the same places (disabled when they do
 * not apply), so nothing jumps under the pointer as the state changes.
 */
export function AccountRow(props: {
  account: AccountDto;
  onRemove(): void;
  onBundle(mode: 'export' | 'import'): void;
}) {
  const { t } = useTranslation();
  const { lang, tr } = useLang();
  const when = useWhen();
  const a = props.account;
  const look = useAccountLook(a);
  const entry = useApp((s) => s.logins[a.id]);
  const login = entry && loginMessageApplies(entry, a) ? entry : undefined;
  const loggingIn = login !== undefined && isActivePhase(login.phase);
  const [error, setError] = useState<string>();
  // The switch follows the click at once; the account list push confirms it.
  const [pendingEnabled, setPendingEnabled] = useState<boolean>();
  const act = (fn: () => Promise<unknown>) => async () => {
    setError(undefined);
    try {
      await fn();
    } catch (err) {
      setError(errorText(err));
    }
  };
  const api = getApi();
  const ready = a.state === 'ready';
  const unfinished = look === 'never-logged-in' && !loggingIn;
  // A crash's cause, unless the login message or the Lingma status already says it.
  const problem =
    look === 'crashed' && a.lastError && a.lastError !== login?.message ? a.lastError : undefined;
  const facts = [
    t('accounts.served', { count: a.served }),
    t('accounts.errors', { count: a.errors }),
    ...(a.workers > 1 ? [t('accounts.workers', { count: a.workers })] : []),
    ...(a.cooldownUntil
      ? [t('accounts.quotaUntil', { time: formatClock(a.cooldownUntil, lang) })]
      : []),
    ...(a.lastLoginAt ? [t('accounts.lastLogin', { when: when(a.lastLoginAt) })] : []),
  ];
  return (
    <li className="account" data-testid={`account-${a.name}`} aria-labelledby={`acc-${a.id}`}>
      {/* Name, then the buttons on a line of their own: what changes with the state (badge,
          user, messages) never pushes them around. */}
      <h2 className="account-name" id={`acc-${a.id}`}>
        <span translate="no">{a.name}</span> <AccountBadge look={look} />
      </h2>
      <div className="actions">
        <button
          type="button"
          className="secondary fixed-w"
          onClick={act(() => api.accountsLogin({ id: a.id }))}
          disabled={!a.enabled || loggingIn}
        >
          {ready ? t('accounts.logInAgain') : t('accounts.logIn')}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={act(() => api.accountsLogout({ id: a.id }))}
          disabled={!ready}
        >
          {t('accounts.logOut')}
        </button>
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            checked={pendingEnabled ?? a.enabled}
            onChange={act(async () => {
              setPendingEnabled(!a.enabled);
              try {
                await api.accountsSetEnabled({ id: a.id, enabled: !a.enabled });
              } finally {
                setPendingEnabled(undefined);
              }
            })}
          />{' '}
          {t('accounts.enabled')}
        </label>
        <button
          type="button"
          className="secondary"
          onClick={() => props.onBundle('export')}
          disabled={!ready}
        >
          {t('accounts.export')}
        </button>
        <button type="button" className="secondary" onClick={() => props.onBundle('import')}>
          {t('accounts.import')}
        </button>
        <button type="button" className="secondary danger" onClick={props.onRemove}>
          {t('accounts.remove')}
        </button>
      </div>
      {(a.userName || a.userType || a.quota) && (
        <p className="muted small" data-testid="account-user">
          {/* The user's own name is data: translators and the i18n check leave it alone. */}
          {a.userName && <span translate="no">{a.userName}</span>}
          {a.userName && (a.userType || a.quota) ? ' · ' : ''}
          {[
            a.userType && t('accounts.userType', { type: formatUserType(a.userType, tr) }),
            a.quota && t('accounts.quota', { quota: a.quota }),
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
      )}
      <p className="muted small">{facts.join(' · ')}</p>
      {look === 'waiting-for-lingma' && (
        <p className="muted small">{t('accounts.waitingForLingma')}</p>
      )}
      {problem && (
        <p className="error small">
          {t('accounts.crashed')}{' '}
          <span className="muted">{t('common.details', { detail: problem })}</span>
        </p>
      )}
      {login && <LoginStatus progress={login} duplicateOf={a.lastError} />}
      {unfinished && (
        <div className="notice" data-testid="unfinished">
          <p>{t('accounts.unfinished', { name: a.name })}</p>
          <div className="row">
            <button
              type="button"
              onClick={act(() => api.accountsLogin({ id: a.id }))}
              disabled={!a.enabled}
            >
              {t('accounts.finish')}
            </button>
            <button type="button" className="secondary danger" onClick={props.onRemove}>
              {t('accounts.discard')}
            </button>
          </div>
        </div>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </li>
  );
}
