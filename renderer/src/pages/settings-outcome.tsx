import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getApi } from '../api';
import { errorText } from '../format';
import { useApp } from '../store';
import type { FieldDef } from './settings-fields';

export interface Outcome {
  warnings: string[];
  restartNeeded: boolean;
  at: number;
}

/**
 * After a save: "Saved" for a few seconds (it goes on the next edit, never lingers), warnings in
 * plain words naming the field by its label, and "Restart gateway" right there when the change
 * needs it.
 */
export function SettingsOutcome(props: {
  outcome?: Outcome;
  onClear(): void;
  fields: readonly FieldDef[];
}) {
  const { t } = useTranslation();
  const gateway = useApp((s) => s.gateway);
  const settings = useApp((s) => s.settings);
  const [restarting, setRestarting] = useState(false);
  const [restarted, setRestarted] = useState(false);
  const [error, setError] = useState<string>();
  const o = props.outcome;
  const { onClear } = props;
  const quiet = o !== undefined && o.warnings.length === 0 && !o.restartNeeded;
  useEffect(() => setRestarted(false), [o]);
  useEffect(() => {
    if (!quiet) return;
    const timer = setTimeout(onClear, 5_000);
    return () => clearTimeout(timer);
  }, [o, quiet, onClear]);
  if (!o) return null;
  const restart = async () => {
    setRestarting(true);
    setError(undefined);
    try {
      const api = getApi();
      await api.gatewayStop();
      useApp.setState({ gateway: await api.gatewayStart() });
      setRestarted(true);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setRestarting(false);
    }
  };
  const warning = (w: string): string => {
    const path = /^([a-zA-Z]+\.[a-zA-Z]+):/.exec(w)?.[1];
    if (path === 'server.host' && /allowLan/.test(w)) {
      return t('settings.warning.lanHost');
    }
    const def = props.fields.find((f) => f.path === path);
    return def
      ? t('settings.warning.field', {
          field: t(`settings.field.${def.path}.label` as 'settings.field.server.port.label'),
        })
      : t('settings.warning.other', { detail: w });
  };
  return (
    <div data-testid="settings-outcome">
      <p role="status">{t('settings.saved')}</p>
      {o.warnings.map((w) => (
        <p key={w} className="warn">
          {warning(w)}
        </p>
      ))}
      {o.restartNeeded && gateway?.listening && !restarted && (
        <div className="notice row" data-testid="restart-needed">
          <span>{t('settings.restartNeeded', { port: settings?.server.port ?? '' })}</span>
          <button type="button" onClick={restart} disabled={restarting}>
            {t('settings.restartGateway')}
          </button>
        </div>
      )}
      {restarted && <p role="status">{t('settings.restarted', { url: gateway?.baseUrl ?? '' })}</p>}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
