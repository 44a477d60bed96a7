import { useTranslation } from 'react-i18next';
import type { BinaryStatusDto } from '../../../electron/shared/dto';
import { getApi } from '../api';
import { DownloadProgress } from '../components/download-progress';
import { useApp } from '../store';

const KNOWN = new Set([
  'offline',
  'http',
  'timeout',
  'aborted',
  'bad-archive',
  'not-in-archive',
  'too-small',
  'unsupported-platform',
  'invalid-setting',
  'bad-response',
  'io',
  'bad-path',
]);

/** The failure's cause and its fix in plain words; the raw message only as detail. */
export function BinaryFailure(props: { binary: BinaryStatusDto }) {
  const { t } = useTranslation();
  const f = props.binary.failure;
  if (!f) return null;
  const code = KNOWN.has(f.code) ? f.code : 'unknown';
  return (
    <div className="error" role="alert" data-testid="binary-failure" data-code={f.code}>
      <p>
        <strong>
          {code === 'bad-path'
            ? t('state.reason.badBinaryPath')
            : t('lingma.failed', { why: t(`binary.failure.${code}` as 'binary.failure.unknown') })}
        </strong>
      </p>
      <p>{t(`binary.fix.${code}` as 'binary.fix.unknown')}</p>
      <p className="muted small">{t('common.details', { detail: f.message })}</p>
    </div>
  );
}

/**
 * Getting Lingma, in every state: found (where, which version), missing (get it, or use one
 * you have), downloading (size, speed, cancel), failed (cause, fix, retry), cancelled.
 */
export function LingmaStatus(props: { compact?: boolean }) {
  const { t } = useTranslation();
  const binary = useApp((s) => s.binary);
  const setPage = useApp((s) => s.setPage);
  if (!binary) return null;
  const download = () => void getApi().binaryDownload();
  if (binary.state === 'downloading' && binary.download) {
    return <DownloadProgress download={binary.download} />;
  }
  if (binary.path) {
    return (
      <p data-testid="lingma-found">
        {t('lingma.found', {
          version: binary.version ?? t('lingma.unknownVersion'),
          where: t(`lingma.source.${binary.source ?? 'path'}`, {
            defaultValue: binary.source ?? '',
          }),
        })}{' '}
        {!props.compact && <code className="small">{binary.path}</code>}
      </p>
    );
  }
  if (binary.state === 'failed') {
    return (
      <>
        <BinaryFailure binary={binary} />
        <div className="row">
          <button type="button" onClick={download}>
            {t('state.action.retry-download')}
          </button>
          <button type="button" className="secondary" onClick={() => setPage('settings')}>
            {t('lingma.changeSource')}
          </button>
        </div>
      </>
    );
  }
  if (binary.state === 'missing') {
    return (
      <>
        <p>{binary.cancelled ? t('state.reason.downloadCancelled') : t('lingma.missing')}</p>
        <div className="row">
          <button type="button" onClick={download} data-testid="get-lingma">
            {t('lingma.get')}
          </button>
          <button type="button" className="secondary" onClick={() => setPage('settings')}>
            {t('lingma.haveOne')}
          </button>
        </div>
      </>
    );
  }
  return <p className="muted">{t('state.reason.lookingForLingma')}</p>;
}
