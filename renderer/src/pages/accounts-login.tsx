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
    </div>
  );
}
