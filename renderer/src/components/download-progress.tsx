import { useTranslation } from 'react-i18next';
import type { BinaryDownloadDto } from '../../../electron/shared/dto';
import { formatDownload } from '../../../electron/shared/format';
import { getApi } from '../api';
import { useLang } from '../i18n';

/**
 * The Lingma download, wherever the user is: phase, bar, size, speed, time left, and Cancel.
 * The bar carries the same words for screen readers (aria-valuetext).
 */
export function DownloadProgress(props: { download: BinaryDownloadDto; cancel?: boolean }) {
  const { t } = useTranslation();
  const { lang, tr } = useLang();
  const d = props.download;
  const phase = t(`download.phase.${d.phase}`);
  const figures = d.phase === 'download' ? formatDownload(d, tr, lang) : '';
  const text = figures ? `${phase} · ${figures}` : phase;
  return (
    <div className="progress" data-testid="download-progress" data-phase={d.phase}>
      <span className="progress-text">{text}</span>
      <progress
        max={100}
        value={d.percent ?? undefined}
        aria-label={t('download.barLabel')}
        aria-valuetext={text}
      />
      {props.cancel !== false && d.phase === 'download' && (
        <button type="button" className="secondary" onClick={() => void getApi().binaryCancel()}>
          {t('download.cancel')}
        </button>
      )}
    </div>
  );
}
