import { useEffect, useState } from 'react';
import type { SettingsDto } from '../../../electron/shared/dto';
import { getApi } from '../api';
import { useApp } from '../store';
import { BinaryCard } from './settings-binary';

type Draft = SettingsDto;

function NumberField(props: {
  label: string;
  value: number;
  min?: number;
  onChange(v: number): void;
}) {
  return (
    <label>
      {props.label}{' '}
      <input
        type="number"
        value={props.value}
        min={props.min}
        onChange={(e) => props.onChange(Number(e.target.value))}
      />
    </label>
  );
}

function Check(props: { label: string; checked: boolean; onChange(v: boolean): void }) {
  return (
    <label className="check">
      <input
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
      />{' '}
      {props.label}
    </label>
  );
}

export function SettingsPage() {
  const settings = useApp((s) => s.settings);
  const models = useApp((s) => s.models);
  const [draft, setDraft] = useState<Draft | undefined>(settings);
  const [status, setStatus] = useState<{
    warnings: string[];
    restartNeeded: boolean;
    saved: boolean;
  }>();
  const [error, setError] = useState<string>();
  useEffect(() => setDraft(settings), [settings]);
  if (!draft) return <div className="page">Loading…</div>;
  const set = <K extends keyof Draft>(section: K, patch: Partial<Draft[K]>) =>
    setDraft({ ...draft, [section]: { ...draft[section], ...patch } });
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      const r = await getApi().settingsUpdate(draft);
      useApp.setState({ settings: r.settings });
      setStatus({ warnings: r.warnings, restartNeeded: r.restartNeeded, saved: true });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <div className="page">
      <h1>Settings</h1>
      <form onSubmit={save} className="settings">
        <fieldset className="card">
          <legend>Server</legend>
          <NumberField
            label="Port"
            value={draft.server.port}
            min={1}
            onChange={(port) => set('server', { port })}
          />
          <label>
            Bind address{' '}
            <input
              value={draft.server.host}
              onChange={(e) => set('server', { host: e.target.value })}
            />
          </label>
          <Check
            label="Allow other machines on the network (LAN). Only on trusted networks."
            checked={draft.server.allowLan}
            onChange={(allowLan) => set('server', { allowLan })}
          />
          <label>
            Allowed browser origins (one per line){' '}
            <textarea
              value={draft.server.allowedOrigins.join('\n')}
              onChange={(e) =>
                set('server', {
                  allowedOrigins: e.target.value
                    .split('\n')
                    .map((x) => x.trim())
                    .filter(Boolean),
                })
              }
            />
          </label>
        </fieldset>
        <fieldset className="card">
          <legend>Models and routing</legend>
          <label>
            Default model{' '}
            <select
              value={draft.models.defaultModel}
              onChange={(e) => set('models', { defaultModel: e.target.value })}
            >
              <option value="">Lingma&apos;s default</option>
              {models.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Ask mode{' '}
            <select
              value={draft.models.askMode}
              onChange={(e) =>
                set('models', { askMode: e.target.value as Draft['models']['askMode'] })
              }
            >
              <option value="chat">Chat</option>
              <option value="agent">Agent (Lingma&apos;s own tools)</option>
            </select>
          </label>
          <label>
            Routing strategy{' '}
            <select
              value={draft.routing.strategy}
              onChange={(e) =>
                set('routing', { strategy: e.target.value as Draft['routing']['strategy'] })
              }
            >
              <option value="least-busy">Least busy</option>
              <option value="round-robin">Round robin</option>
              <option value="fill-first">Fill first</option>
            </select>
          </label>
          <NumberField
            label="Max requests in flight"
            value={draft.routing.maxInFlight}
            min={1}
            onChange={(maxInFlight) => set('routing', { maxInFlight })}
          />
          <NumberField
            label="Workers per account"
            value={draft.routing.workersPerAccount}
            min={1}
            onChange={(workersPerAccount) => set('routing', { workersPerAccount })}
          />
          <Check
            label="Session reuse (send only new messages for continued chats)"
            checked={draft.sessionReuse.enabled}
            onChange={(enabled) => set('sessionReuse', { enabled })}
          />
        </fieldset>
        <fieldset className="card">
          <legend>Tool calls</legend>
          <Check
            label="Emulate function calling for clients that define tools"
            checked={draft.tools.emulation}
            onChange={(emulation) => set('tools', { emulation })}
          />
          <NumberField
            label="Corrective retries for invalid calls"
            value={draft.tools.correctiveRetries}
            min={0}
            onChange={(correctiveRetries) => set('tools', { correctiveRetries })}
          />
          <label>
            Lingma&apos;s own tool requests{' '}
            <select
              value={draft.tools.upstreamApproval}
              onChange={(e) =>
                set('tools', {
                  upstreamApproval: e.target.value as Draft['tools']['upstreamApproval'],
                })
              }
            >
              <option value="deny">Refuse (the gateway is not an IDE)</option>
              <option value="auto-approve">Auto-approve</option>
            </select>
          </label>
        </fieldset>
        <fieldset className="card">
          <legend>Logs and app</legend>
          <NumberField
            label="Keep request logs (days)"
            value={draft.logs.retentionDays}
            min={1}
            onChange={(retentionDays) => set('logs', { retentionDays })}
          />
          <NumberField
            label="Max log size (MB)"
            value={draft.logs.maxTotalMB}
            min={10}
            onChange={(maxTotalMB) => set('logs', { maxTotalMB })}
          />
          <Check
            label="Launch at login"
            checked={draft.app.launchAtLogin}
            onChange={(launchAtLogin) => set('app', { launchAtLogin })}
          />
          <Check
            label="Start the gateway when the app starts"
            checked={draft.app.startGatewayOnLaunch}
            onChange={(startGatewayOnLaunch) => set('app', { startGatewayOnLaunch })}
          />
          <Check
            label="Keep Lingma processes running while the gateway is stopped"
            checked={draft.lingma.keepWarmWhenStopped}
            onChange={(keepWarmWhenStopped) => set('lingma', { keepWarmWhenStopped })}
          />
        </fieldset>
        <div className="row">
          <button type="submit">Save settings</button>
          {status?.saved && (
            <span role="status">
              Saved.{status.restartNeeded ? ' Restart the gateway to apply the new address.' : ''}
            </span>
          )}
        </div>
        {status?.warnings.map((w) => (
          <p key={w} className="warn">
            {w}
          </p>
        ))}
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
