import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildSnippets } from '../../../electron/shared/snippets';
import { getApi } from '../api';
import { CopyButton } from '../components/copy-button';
import { useApp } from '../store';
import { ModelSelect, useChosenModel } from './model-select';

/**
 * Setup for every other tool with the user's real URL and model. The key is shown masked; the
 * copy button fetches the real key from main only at the moment of copying.
 */
export function SnippetsCard() {
  const { t } = useTranslation();
  const gateway = useApp((s) => s.gateway);
  const keys = useApp((s) => s.keys);
  const settings = useApp((s) => s.settings);
  const [selected, setSelected] = useState('claude-code-env');
  const [model, setModel] = useChosenModel();
  const key = keys[0];
  const baseUrl =
    gateway?.baseUrl ??
    `http://${settings?.server.host ?? '127.0.0.1'}:${settings?.server.port ?? 8765}`;
  const masked = useMemo(
    () =>
      buildSnippets({
        baseUrl,
        apiKey: key ? key.prefix : t('snippets.noKey'),
        model,
      }),
    [baseUrl, key, model, t],
  );
  const current = masked.find((s) => s.id === selected) ?? masked[0];
  if (!current) return null;
  const title = (id: string) => t(`snippets.${id}.title` as 'snippets.curl.title');
  const realText = async () => {
    if (!key) return current.text;
    const secret = await getApi().keysReveal({ id: key.id });
    const real = buildSnippets({ baseUrl, apiKey: secret, model });
    return real.find((s) => s.id === current.id)?.text ?? current.text;
  };
  return (
    <section className="card" aria-labelledby="snippets-title">
      <h2 id="snippets-title">{t('snippets.title')}</h2>
      <p className="muted">{t('snippets.help')}</p>
      <div className="row">
        <label>
          {t('snippets.tool')}{' '}
          <select value={current.id} onChange={(e) => setSelected(e.target.value)}>
            {masked.map((s) => (
              <option key={s.id} value={s.id}>
                {title(s.id)}
              </option>
            ))}
          </select>
        </label>
        <ModelSelect value={model} onChange={setModel} />
        <CopyButton
          text={realText}
          label={t('snippets.copy')}
          disabled={!key}
          onCopied={() => useApp.setState({ snippetCopied: true })}
        />
      </div>
      <p className="muted">{t(`snippets.${current.id}.hint` as 'snippets.curl.hint')}</p>
      <pre className="code" data-testid="snippet" aria-label={title(current.id)} tabIndex={0}>
        {current.text}
      </pre>
    </section>
  );
}
