import { useTranslation } from 'react-i18next';
import { useAppState } from '../app-state-hook';
import { useApp } from '../store';
import { DownloadProgress } from './download-progress';
import { StateActionButton } from './state-action-button';
import { StateIcon } from './state-icon';

/**
 * The pinned status area: always in view at the top of every page. State, one-line reason,
 * the next action, and the Lingma download when one runs. Screen readers hear state changes
 * (the title), not every progress tick.
 */
export function StatusBar() {
  const { t } = useTranslation();
  const state = useAppState();
  const download = useApp((s) => s.binary?.download);
  if (!state) return null;
  const { view, text } = state;
  return (
    <section
      className={`status-bar tone-${view.id}`}
      aria-label={t('state.regionLabel')}
      data-testid="status-bar"
      data-state={view.id}
    >
      <StateIcon id={view.id} size={18} />
      <div className="status-text">
        <strong aria-live="polite" data-testid="status-title">
          {text.title}
        </strong>{' '}
        <span data-testid="status-reason">{text.reason}</span>
      </div>
      {download && view.download && <DownloadProgress download={download} />}
      {view.action && view.action.id !== 'cancel-download' && (
        <StateActionButton action={view.action} />
      )}
    </section>
  );
}
