import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLIENT_NAMES } from '../../../electron/shared/client-names';
import type { ClientApplyResultDto, ClientInfoDto } from '../../../electron/shared/dto';
import { getApi } from '../api';
import { ConfirmDialog } from '../components/confirm-dialog';
import { errorText, useWhen } from '../format';
import { useApp } from '../store';
import { ClientManual } from './client-manual';

export const clientName = (id: ClientInfoDto['id']): string => CLIENT_NAMES[id];

type Pending = { kind: 'sync' } | { kind: 'restore' } | { kind: 'overwrite' };

/** One tool: found or not, set up or not, Set up / Restore previous, and what happened. */
export function ClientRow(props: { client: ClientInfoDto; model: string }) {
  const { t } = useTranslation();
  const when = useWhen();
  const c = props.client;
  const refresh = useApp((s) => s.refreshClients);
  const refreshKeys = useApp((s) => s.refreshKeys);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ applied?: ClientApplyResultDto; restored?: boolean }>();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState<Pending>();
  const name = CLIENT_NAMES[c.id];

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      await fn();
    } catch (err) {
      if ((err as { code?: string }).code === 'changed_since') setPending({ kind: 'overwrite' });
      else setError(errorText(err));
    } finally {
      setBusy(false);
      // Setup may have created the tool's own key: the keys table shows it.
      await Promise.all([refresh(), refreshKeys()]);
    }
  };
  const apply = (acceptSyncRisk: boolean) =>
    run(async () => {
      const applied = await getApi().clientsApply({ id: c.id, model: props.model, acceptSyncRisk });
      setDone({ applied });
    });
  const restore = (force: boolean) =>
    run(async () => {
      await getApi().clientsRestore({ id: c.id, force });
      setDone({ restored: true });
    });
  const latest = c.backups[0];
  const status = c.problem
    ? t('clients.status.problem', { problem: c.problem })
    : t(`clients.status.${c.configured}`);

  return (
    <li className="client" data-testid={`client-${c.id}`} data-configured={c.configured}>
      <div className="row spread">
        <div>
          <h3 id={`client-${c.id}-name`}>{name}</h3>
          <p className="muted small">
            {c.installed
              ? t('clients.found', { evidence: c.evidence ?? '' })
              : t('clients.notFound')}
            {c.configPath && (
              <>
                {' '}
                · <code>{c.configPath}</code>
              </>
            )}
          </p>
          {c.writable && (
            <p className={c.problem ? 'error small' : 'small'} data-testid="client-status">
              {status}
            </p>
          )}
        </div>
        {c.writable && (
          <div className="actions">
            <button
              type="button"
              className="fixed-w"
              disabled={busy || Boolean(c.problem)}
              onClick={() => (c.syncRisk ? setPending({ kind: 'sync' }) : void apply(false))}
              aria-describedby={`client-${c.id}-name`}
            >
              {c.configured === 'ours' ? t('clients.setUpAgain') : t('clients.setUp')}
            </button>
            <button
              type="button"
              className="secondary"
              disabled={busy || !latest}
              onClick={() => setPending({ kind: 'restore' })}
              aria-describedby={`client-${c.id}-name`}
            >
              {t('clients.restore')}
            </button>
          </div>
        )}
      </div>
      {c.syncRisk && (
        <p className="warn small" data-testid="sync-risk">
          {t(`clients.sync.${c.syncRisk.kind}`, { where: c.syncRisk.where })}
        </p>
      )}
      {!c.writable && <ClientManual id={c.id} model={props.model} />}
      {done?.applied && (
        <div className="notice" role="status" data-testid="client-done">
          <p>{t('clients.applied', { name, path: done.applied.path })}</p>
          {done.applied.backup && !done.applied.backup.createdFile && (
            <p className="small">{t('clients.backupKept')}</p>
          )}
          <p className="small">{t('clients.keyUsed', { key: done.applied.keyName })}</p>
          {done.applied.notes.map((n) => (
            <p key={n} className="small warn">
              {t(`clients.note.${n}` as 'clients.note.comments-lost', { defaultValue: n })}
            </p>
          ))}
          <p className="small">{t('clients.restartTool', { name })}</p>
        </div>
      )}
      {done?.restored && (
        <p className="notice" role="status" data-testid="client-done">
          {t('clients.restored', { name })}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <ConfirmDialog
        open={pending?.kind === 'sync'}
        title={t('clients.syncTitle')}
        confirmLabel={t('clients.syncConfirm')}
        danger
        onConfirm={() => {
          setPending(undefined);
          void apply(true);
        }}
        onCancel={() => setPending(undefined)}
      >
        <p>{c.syncRisk && t(`clients.sync.${c.syncRisk.kind}`, { where: c.syncRisk.where })}</p>
        <p>{t('clients.syncBody', { path: c.configPath ?? '' })}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={pending?.kind === 'restore'}
        title={t('clients.restoreTitle', { name })}
        confirmLabel={t('clients.restore')}
        onConfirm={() => {
          setPending(undefined);
          void restore(false);
        }}
        onCancel={() => setPending(undefined)}
      >
        {latest && (
          <p>
            {latest.createdFile
              ? t('clients.restoreRemoves', { path: c.configPath ?? '' })
              : t('clients.restoreBody', { when: when(latest.time), path: c.configPath ?? '' })}
          </p>
        )}
      </ConfirmDialog>
      <ConfirmDialog
        open={pending?.kind === 'overwrite'}
        title={t('clients.changedTitle')}
        confirmLabel={t('clients.restoreAnyway')}
        danger
        onConfirm={() => {
          setPending(undefined);
          void restore(true);
        }}
        onCancel={() => setPending(undefined)}
      >
        <p>{t('clients.changedBody', { path: c.configPath ?? '' })}</p>
      </ConfirmDialog>
    </li>
  );
}
