import { useEffect, useState, type ReactNode } from 'react';
import { clientName } from './client-row';
import { useTranslation } from 'react-i18next';
import { getApi } from '../api';
import { AccountBadge, useAccountLook } from '../components/status-badge';
import type { AccountDto } from '../../../electron/shared/dto';
import { isActivePhase, loginMessageApplies } from '../login-messages';
import { useApp } from '../store';
import { AddAccountForm } from './accounts-add';
import { LoginStatus } from './accounts-login';
import { ClientsCard } from './clients-card';
import { TestCard } from './dashboard-test';
import { LingmaStatus } from './lingma-status';

/** Which first-run steps are done, from real state (nothing is ticked by hand). */
export function useSetupSteps(): boolean[] {
  const binary = useApp((s) => s.binary);
  const accounts = useApp((s) => s.accounts);
  const clients = useApp((s) => s.clients);
  const copied = useApp((s) => s.snippetCopied);
  const rows = useApp((s) => s.logs.rows);
  return [
    Boolean(binary?.path),
    accounts.some((a) => a.state === 'ready' || a.lastLoginAt !== undefined),
    copied || (clients ?? []).some((c) => c.configured === 'ours'),
    rows.some((r) => r.status === 200),
  ];
}

function SetupAccount(props: { account: AccountDto }) {
  const { t } = useTranslation();
  const a = props.account;
  const look = useAccountLook(a);
  const entry = useApp((s) => s.logins[a.id]);
  const login = entry && loginMessageApplies(entry, a) ? entry : undefined;
  const busy = login !== undefined && isActivePhase(login.phase);
  return (
    <li data-testid={`setup-account-${a.name}`}>
      <div className="row">
        <strong translate="no">{a.name}</strong> <AccountBadge look={look} />
        {a.state !== 'ready' && (
          <button
            type="button"
            className="secondary"
            disabled={busy || !a.enabled}
            onClick={() =>
              void getApi()
                .accountsLogin({ id: a.id })
                .catch(() => undefined)
            }
          >
            {t('accounts.logIn')}
          </button>
        )}
      </div>
      {login && <LoginStatus progress={login} />}
    </li>
  );
}

/**
 * One step: the current one is open; a later one shows what it will ask; a finished one shows
 * its outcome, with its controls one click away (to redo it).
 */
function Step(props: {
  n: number;
  title: string;
  done: boolean;
  current: boolean;
  preview: string;
  summary?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  // A step finished while on screen stays open (its outcome, e.g. "Claude Code now uses the
  // gateway", is what the user just did); steps already done when the page opened start closed.
  const [open, setOpen] = useState(props.current);
  useEffect(() => {
    if (props.current) setOpen(true);
  }, [props.current]);
  const bodyId = `step-${props.n}-body`;
  let body: ReactNode;
  if (props.current || (props.done && (open || props.summary === undefined))) {
    body = props.children;
  } else if (props.done) {
    body = props.summary;
  } else {
    body = <p className="muted small">{props.preview}</p>;
  }
  return (
    <li
      className={`step${props.done ? ' done' : ''}${props.current ? ' current' : ''}`}
      aria-current={props.current ? 'step' : undefined}
      data-testid={`step-${props.n}`}
      data-done={props.done}
    >
      <div className="row spread">
        <h3>
          <span className="step-n" aria-hidden="true">
            {props.done ? '✓' : props.n}
          </span>{' '}
          {props.title}{' '}
          <span className="sr-only">
            {props.done ? t('setup.done') : props.current ? t('setup.now') : t('setup.later')}
          </span>
        </h3>
        {props.done && !props.current && props.summary !== undefined && (
          <button
            type="button"
            className="link"
            aria-expanded={open}
            aria-controls={bodyId}
            onClick={() => setOpen(!open)}
          >
            {open ? t('setup.hideStep') : t('setup.showStep')}
          </button>
        )}
      </div>
      <div className="step-body" id={bodyId}>
        {body}
      </div>
    </li>
  );
}

/** The first run as one guided flow: get Lingma, log in, connect a tool, send a test. */
export function SetupFlow(props: { steps: boolean[]; onHide(): void }) {
  const { t } = useTranslation();
  const { steps } = props;
  const accounts = useApp((s) => s.accounts);
  const clients = useApp((s) => s.clients);
  const allDone = steps.every(Boolean);
  const current = steps.findIndex((d) => !d);
  const connected = (clients ?? [])
    .filter((c) => c.configured === 'ours')
    .map((c) => clientName(c.id));
  return (
    <section className="card setup" aria-labelledby="setup-title" data-testid="setup-flow">
      <div className="row spread">
        <h2 id="setup-title">{allDone ? t('setup.allDone') : t('setup.title')}</h2>
        <button type="button" className="secondary" onClick={props.onHide}>
          {allDone ? t('setup.close') : t('setup.skip')}
        </button>
      </div>
      <ol className="steps">
        <Step
          n={1}
          title={t('setup.lingma')}
          done={steps[0] === true}
          current={current === 0}
          preview=""
        >
          <LingmaStatus compact />
        </Step>
        <Step
          n={2}
          title={t('setup.account')}
          done={steps[1] === true}
          current={current === 1}
          preview={t('setup.preview.account')}
        >
          {accounts.length === 0 ? (
            <AddAccountForm id="setup-add" autoFocus={steps[0] === true} />
          ) : (
            <ul className="plain">
              {accounts.map((a) => (
                <SetupAccount key={a.id} account={a} />
              ))}
            </ul>
          )}
        </Step>
        <Step
          n={3}
          title={t('setup.connect')}
          done={steps[2] === true}
          current={current === 2}
          preview={t('setup.preview.connect')}
          summary={
            <p className="small">
              {connected.length > 0
                ? t('setup.connected', { names: connected.join(', ') })
                : t('setup.snippetCopied')}
            </p>
          }
        >
          <p className="muted small">{t('setup.connectHelp')}</p>
          <ClientsCard embedded />
        </Step>
        <Step
          n={4}
          title={t('setup.test')}
          done={steps[3] === true}
          current={current === 3}
          preview={t('setup.preview.test')}
        >
          <TestCard embedded />
        </Step>
      </ol>
    </section>
  );
}
