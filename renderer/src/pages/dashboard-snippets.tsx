import { useMemo, useState } from 'react';
import { buildSnippets } from '../../../electron/shared/snippets';
import { getApi } from '../api';
import { CopyButton } from '../components/copy-button';
import { useApp } from '../store';

/**
 * Setup for each client with the user's real URL and model. The key is shown masked; the copy
 * button fetches the real key from main only at the moment of copying.
 */
export function SnippetsCard() {
  const gateway = useApp((s) => s.gateway);
  const keys = useApp((s) => s.keys);
  const models = useApp((s) => s.models);
  const settings = useApp((s) => s.settings);
  const [selected, setSelected] = useState('claude-code-env');
  const [model, setModel] = useState<string>();
  const key = keys[0];
  const chosenModel = model ?? (settings?.models.defaultModel || models[0]?.id || 'auto');
  const baseUrl =
    gateway?.baseUrl ??
    `http://${settings?.server.host ?? '127.0.0.1'}:${settings?.server.port ?? 8765}`;
  const masked = useMemo(
    () =>
      buildSnippets({
        baseUrl,
        apiKey: key ? key.prefix : '<create a key first>',
        model: chosenModel,
      }),
    [baseUrl, key, chosenModel],
  );
  const current = masked.find((s) => s.id === selected) ?? masked[0];
  if (!current) return null;
  const realText = async () => {
    if (!key) return current.text;
    const secret = await getApi().keysReveal({ id: key.id });
    const real = buildSnippets({ baseUrl, apiKey: secret, model: chosenModel });
    return real.find((s) => s.id === current.id)?.text ?? current.text;
  };
  return (
    <section className="card" aria-labelledby="setup-title">
      <h2 id="setup-title">Connect your tools</h2>
      <div className="row">
        <label>
          Tool{' '}
          <select
            value={current.id}
            onChange={(e) => setSelected(e.target.value)}
            aria-label="Tool"
          >
            {masked.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          Model{' '}
          <select value={chosenModel} onChange={(e) => setModel(e.target.value)} aria-label="Model">
            {models.length === 0 && <option value={chosenModel}>{chosenModel}</option>}
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name} ({m.id})
              </option>
            ))}
          </select>
        </label>
        <CopyButton text={realText} label="Copy setup" disabled={!key} />
      </div>
      <p className="muted">{current.hint}</p>
      <pre className="code" data-testid="snippet" aria-label={`${current.title} setup`}>
        {current.text}
      </pre>
    </section>
  );
}
