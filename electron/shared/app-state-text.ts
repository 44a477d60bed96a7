/**
 * The state model in words: title, one-line reason and the next action's label, in the user's
 * language. The tray (main) and the renderer both call this, so they never disagree.
 */
import type { AppStateView, StateAction, StateReason } from './app-state';
import { formatClock, formatDownload } from './format';
import type { Language, Translate } from './i18n';

export interface AppStateText {
  /** "Ready (2 of 2)", "Needs setup", … */
  title: string;
  /** One line saying why. */
  reason: string;
  /** Label of the next action, when there is one. */
  action?: string;
}

function reasonText(r: StateReason, view: AppStateView, t: Translate, lang: Language): string {
  switch (r.key) {
    case 'downloading':
      return t('state.reason.downloading', {
        progress: view.download ? formatDownload(view.download, t, lang) : '',
      });
    case 'downloadFailed':
      return t('state.reason.downloadFailed', {
        why: t(`binary.failure.${r.code}`, { defaultValue: t('binary.failure.unknown') }),
      });
    case 'allCooling':
    case 'someCooling':
      return r.until !== undefined
        ? t(`state.reason.${r.key}Until`, { ...r, time: formatClock(r.until, lang) })
        : t(`state.reason.${r.key}`, { ...r });
    default:
      return t(`state.reason.${r.key}`, { ...r });
  }
}

export function actionText(a: StateAction, t: Translate): string {
  return t(`state.action.${a.id}`, { ...a });
}

export function describeAppState(view: AppStateView, t: Translate, lang: Language): AppStateText {
  return {
    title: t(`state.title.${view.id}`, { ready: view.ready, total: view.total }),
    reason: reasonText(view.reason, view, t, lang),
    ...(view.action ? { action: actionText(view.action, t) } : {}),
  };
}
