import { useTranslation } from 'react-i18next';
import type { ClientInfoDto } from '../../../electron/shared/dto';
import { useApp } from '../store';
import { ClientRow } from './client-row';
import { ModelSelect, useChosenModel } from './model-select';

/** Installed tools first; within each group the order of the core's list (most used first). */
function ordered(list: ClientInfoDto[]): ClientInfoDto[] {
  return [...list.filter((c) => c.installed), ...list.filter((c) => !c.installed)];
}

/**
 * One-click setup of the tools found on this computer: each writes its own config file with the
 * gateway's address, a key of its own and the chosen model, after a timestamped backup that
 * "Restore previous" puts back.
 */
export function ClientsCard(props: { embedded?: boolean }) {
  const { t } = useTranslation();
  const clients = useApp((s) => s.clients);
  const refresh = useApp((s) => s.refreshClients);
  const [model, setModel] = useChosenModel();
  const body = (
    <>
      <div className="row">
        <ModelSelect value={model} onChange={setModel} />
        <button type="button" className="secondary" onClick={() => void refresh()}>
          {t('clients.lookAgain')}
        </button>
      </div>
      {clients === undefined ? (
        <p className="muted">{t('clients.looking')}</p>
      ) : (
        <ul className="clients" aria-label={t('clients.listLabel')}>
          {ordered(clients).map((c) => (
            <ClientRow key={c.id} client={c} model={model} />
          ))}
        </ul>
      )}
    </>
  );
  if (props.embedded) return body;
  return (
    <section className="card" aria-labelledby="clients-title" data-testid="clients-card">
      <h2 id="clients-title">{t('clients.title')}</h2>
      <p className="muted">{t('clients.help')}</p>
      {body}
    </section>
  );
}
