import { useState } from 'react';
import type { StateAction } from '../../../electron/shared/app-state';
import { actionText } from '../../../electron/shared/app-state-text';
import { getApi } from '../api';
import { errorText } from '../format';
import { useLang } from '../i18n';
import { useApp } from '../store';

/** Runs the state model's next action: the same step the tray's first menu item offers. */
export async function runAction(action: StateAction): Promise<void> {
  const api = getApi();
  const { setPage } = useApp.getState();
  switch (action.id) {
    case 'download-lingma':
    case 'retry-download':
      // Progress arrives as pushes; the call itself ends when the download does.
      void api.binaryDownload();
      return;
    case 'cancel-download':
      await api.binaryCancel();
      return;
    case 'log-in':
      setPage('accounts', action.accountId);
      await api.accountsLogin({ id: action.accountId });
      return;
    case 'use-port': {
      const r = await api.settingsUpdate({ server: { port: action.port } });
      useApp.setState({ settings: r.settings, gateway: await api.gatewayStart() });
      return;
    }
    case 'start-gateway':
      useApp.setState({ gateway: await api.gatewayStart() });
      return;
    case 'open-settings':
      setPage('settings');
      return;
    case 'add-account':
    case 'open-accounts':
      setPage('accounts');
      return;
  }
}

export function StateActionButton(props: { action: StateAction; className?: string }) {
  const { tr } = useLang();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await runAction(props.action);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button
        type="button"
        className={props.className}
        onClick={run}
        disabled={busy}
        data-action={props.action.id}
      >
        {actionText(props.action, tr)}
      </button>
      {error && (
        <span role="alert" className="error small">
          {error}
        </span>
      )}
    </>
  );
}
