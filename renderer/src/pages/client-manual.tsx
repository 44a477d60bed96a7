import { useTranslation } from 'react-i18next';
import type { ClientId } from '../../../electron/shared/dto';
import { getApi } from '../api';
import { CopyButton } from '../components/copy-button';
import { useApp } from '../store';

/**
 * Tools set up by hand (Cline keeps its key in the editor's own secret storage): the steps and
 * the three values, each with its own Copy. The key is fetched only when copied.
 */
export function ClientManual(props: { id: ClientId; model: string }) {
  const { t } = useTranslation();
  const gateway = useApp((s) => s.gateway);
  const settings = useApp((s) => s.settings);
  const key = useApp((s) => s.keys[0]);
  const v1 = `${gateway?.baseUrl ?? `http://127.0.0.1:${settings?.server.port ?? 8765}`}/v1`;
  return (
    <div className="manual" data-testid={`manual-${props.id}`}>
      <p className="small">{t('clients.manual.why')}</p>
      <ol className="small">
        <li>{t('clients.manual.step1')}</li>
        <li>{t('clients.manual.step2')}</li>
      </ol>
      <dl className="facts">
        <dt>{t('clients.manual.baseUrl')}</dt>
        <dd>
          <code>{v1}</code> <CopyButton text={v1} label={t('clients.manual.copyUrl')} />
        </dd>
        <dt>{t('clients.manual.key')}</dt>
        <dd>
          <code>{key ? `${key.prefix}…` : t('snippets.noKey')}</code>{' '}
          {key && (
            <CopyButton
              text={() => getApi().keysReveal({ id: key.id })}
              label={t('clients.manual.copyKey')}
            />
          )}
        </dd>
        <dt>{t('clients.manual.model')}</dt>
        <dd>
          <code>{props.model}</code>{' '}
          <CopyButton text={props.model} label={t('clients.manual.copyModel')} />
        </dd>
      </dl>
    </div>
  );
}
