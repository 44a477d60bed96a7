import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_SETTINGS, type LanguageSetting } from '../../../electron/shared/i18n';
import { getApi } from '../api';
import { errorText } from '../format';
import { useApp } from '../store';

/**
 * Preferences of this computer that apply at once: the language, and launch at login as the OS
 * has it (the checkbox shows the OS's state, read back after every change).
 */
export function AppPreferences() {
  const { t } = useTranslation();
  const settings = useApp((s) => s.settings);
  const launch = useApp((s) => s.launchAtLogin);
  const [error, setError] = useState<string>();
  // The box follows the click at once, then whatever the OS reports back.
  const [pending, setPending] = useState<boolean>();
  if (!settings) return null;
  const setLanguage = async (language: LanguageSetting) => {
    setError(undefined);
    try {
      const r = await getApi().settingsUpdate({ app: { language } });
      useApp.setState({ settings: r.settings });
    } catch (err) {
      setError(errorText(err));
    }
  };
  const setLaunch = async (enabled: boolean) => {
    setPending(enabled);
    setError(undefined);
    try {
      useApp.setState({ launchAtLogin: await getApi().appSetLaunchAtLogin({ enabled }) });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setPending(undefined);
    }
  };
  return (
    <fieldset className="card" aria-describedby="prefs-help">
      <legend>{t('settings.group.app.title')}</legend>
      <p id="prefs-help" className="muted small">
        {t('settings.group.app.help')}
      </p>
      <div className="field">
        <label htmlFor="f-language">{t('settings.language.label')}</label>
        <select
          id="f-language"
          value={settings.app.language}
          aria-describedby="f-language-help"
          onChange={(e) => void setLanguage(e.target.value as LanguageSetting)}
        >
          {LANGUAGE_SETTINGS.map((l) => (
            // Each language is named in itself, so a user can find theirs whatever is shown.
            <option key={l} value={l} lang={l === 'system' ? undefined : l}>
              {t(`settings.language.option.${l}`)}
            </option>
          ))}
        </select>
        <span id="f-language-help" className="help">
          {t('settings.language.help')}
        </span>
      </div>
      <div className="field">
        <label className="check">
          <input
            type="checkbox"
            checked={pending ?? launch?.enabled ?? false}
            disabled={pending !== undefined || launch?.supported === false}
            aria-describedby="f-launch-help"
            onChange={(e) => void setLaunch(e.target.checked)}
          />{' '}
          {t('settings.launch.label')}
        </label>
        <span id="f-launch-help" className="help" data-testid="launch-help">
          {launch?.supported === false
            ? t('settings.launch.unsupported')
            : launch?.method === 'xdg'
              ? t(launch.enabled ? 'settings.launch.xdgOn' : 'settings.launch.xdgOff', {
                  path: launch.location ?? '',
                })
              : t('settings.launch.help')}
          {launch?.stale ? ` ${t('settings.launch.stale')}` : ''}
        </span>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
