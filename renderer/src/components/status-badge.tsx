import { useTranslation } from 'react-i18next';
import type { AccountDto } from '../../../electron/shared/dto';
import { useApp } from '../store';

/** How an account reads to its owner: a login on its way, never logged in, waiting for Lingma. */
export type AccountLook =
  AccountDto['state'] | 'never-logged-in' | 'waiting-for-lingma' | 'logging-in';

const TONE: Record<AccountLook, string> = {
  ready: 'ok',
  'cooling-down': 'warn',
  starting: 'info',
  'logging-in': 'info',
  'waiting-for-lingma': 'info',
  'logged-out': 'warn',
  'never-logged-in': 'warn',
  stopped: 'muted',
  disabled: 'muted',
  crashed: 'bad',
};

export function useAccountLook(a: AccountDto): AccountLook {
  const login = useApp((s) => s.logins[a.id]);
  const binary = useApp((s) => s.binary);
  if (login && (login.phase === 'starting' || login.phase === 'waiting')) return 'logging-in';
  // Without Lingma a child cannot start: that is waiting, not a crash (the cause shows once).
  if ((a.state === 'crashed' || a.state === 'starting') && binary && !binary.path) {
    return 'waiting-for-lingma';
  }
  if (a.state === 'logged-out' && !a.lastLoginAt) return 'never-logged-in';
  return a.state;
}

export function AccountBadge(props: { look: AccountLook }) {
  const { t } = useTranslation();
  const label = props.look === 'logging-in' ? t('tray.loggingIn') : t(`accountState.${props.look}`);
  return (
    <span className={`badge ${TONE[props.look]}`} data-state={props.look}>
      {label}
    </span>
  );
}
