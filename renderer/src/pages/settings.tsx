import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsDto } from '../../../electron/shared/dto';
import { getApi } from '../api';
import { errorText } from '../format';
import { useApp } from '../store';
import { AppPreferences } from './settings-app';
import { BinaryCard } from './settings-binary';
import {
  changedPaths,
  draftErrors,
  mergeIncoming,
  patchOf,
  toDraft,
  type Draft,
} from './settings-draft';
import { SettingsField } from './settings-field';
import { FIELDS, GROUPS } from './settings-fields';
import { SettingsOutcome, type Outcome } from './settings-outcome';

export function SettingsPage() {
  const { t } = useTranslation();
  const settings = useApp((s) => s.settings);
  const [base, setBase] = useState<Draft | undefined>(settings && toDraft(settings));
  const [draft, setDraft] = useState<Draft | undefined>(base);
  const [outcome, setOutcome] = useState<Outcome>();
  const [elsewhere, setElsewhere] = useState<string[]>([]);
  const [error, setError] = useState<string>();
  const seen = useRef<SettingsDto | undefined>(settings);
  const clearOutcome = useCallback(() => setOutcome(undefined), []);

  // A change from elsewhere: untouched fields follow it, edits stay, and the user is told.
  useEffect(() => {
    if (!settings || settings === seen.current) return;
    seen.current = settings;
    const incoming = toDraft(settings);
    if (!base || !draft) {
      setBase(incoming);
      setDraft(incoming);
      return;
    }
    const merged = mergeIncoming(base, incoming, draft);
    setBase(merged.base);
    setDraft(merged.draft);
    if (merged.changedElsewhere.length > 0) setElsewhere(merged.changedElsewhere);
  }, [settings, base, draft]);

  if (!draft || !base || !settings) return <div className="page">{t('app.loading')}</div>;
  const errors = draftErrors(base, draft);
  const changed = changedPaths(base, draft);
  const set = (path: string, value: string | boolean) => {
    setOutcome(undefined);
    setDraft({ ...draft, [path]: value });
  };
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(undefined);
    if (Object.keys(errors).length > 0) return;
    try {
      const patch = patchOf(base, draft);
      const r = await getApi().settingsUpdate(patch);
      seen.current = r.settings;
      const fresh = toDraft(r.settings);
      setBase(fresh);
      setDraft(fresh);
      setElsewhere([]);
      useApp.setState({ settings: r.settings });
      setOutcome({ warnings: r.warnings, restartNeeded: r.restartNeeded, at: Date.now() });
    } catch (err) {
      setError(errorText(err));
    }
  };
  const discard = () => {
    setDraft(base);
    setElsewhere([]);
  };
  const label = (path: string) =>
    t(`settings.field.${path}.label` as 'settings.field.server.port.label');
  return (
    <div className="page">
      <h1 tabIndex={-1}>{t('nav.settings')}</h1>
      <AppPreferences />
      <form onSubmit={save} className="settings" noValidate>
        {elsewhere.length > 0 && (
          <div className="notice" role="status" data-testid="changed-elsewhere">
            <p>{t('settings.changedElsewhere', { fields: elsewhere.map(label).join(', ') })}</p>
            <button type="button" className="secondary" onClick={discard}>
              {t('settings.takeTheirs')}
            </button>
          </div>
        )}
        {GROUPS.map((g) => (
          <fieldset key={g.id} className="card" aria-describedby={`g-${g.id}-help`}>
            <legend>{t(`settings.group.${g.id}.title`)}</legend>
            <p id={`g-${g.id}-help`} className="muted small">
              {t(`settings.group.${g.id}.help`)}
            </p>
            {g.fields.map((f) => (
              <SettingsField
                key={f.path}
                def={f}
                value={draft[f.path] ?? ''}
                error={errors[f.path]}
                onChange={(v) => set(f.path, v)}
              />
            ))}
          </fieldset>
        ))}
        <div className="row sticky-actions">
          <button type="submit" disabled={changed.length === 0 || Object.keys(errors).length > 0}>
            {t('settings.save')}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={changed.length === 0}
            onClick={discard}
          >
            {t('settings.discard')}
          </button>
          <span className="muted small" aria-live="polite">
            {changed.length > 0 ? t('settings.unsaved', { count: changed.length }) : ''}
          </span>
        </div>
        <SettingsOutcome outcome={outcome} onClear={clearOutcome} fields={FIELDS} />
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </form>
      <BinaryCard />
    </div>
  );
}
