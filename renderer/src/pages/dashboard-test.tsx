import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TestResultDto } from '../../../electron/shared/dto';
import { getApi } from '../api';
import { errorText } from '../format';
import { useApp } from '../store';

/** Sends a real request through the gateway (same path as any client) and shows the answer. */
export function TestCard(props: { embedded?: boolean }) {
  const { t } = useTranslation();
  const gateway = useApp((s) => s.gateway);
  const [prompt, setPrompt] = useState(() => t('test.defaultPrompt'));
  const [result, setResult] = useState<TestResultDto>();
  const [running, setRunning] = useState(false);
  // Without a listener or a ready account the request can only fail: say why instead.
  const blocker = !gateway?.listening
    ? t('test.needsGateway')
    : gateway.readyAccounts === 0
      ? t('test.needsAccount')
      : undefined;
  const run = async () => {
    setRunning(true);
    setResult(undefined);
    try {
      setResult(await getApi().testRun({ prompt }));
    } catch (err) {
      setResult({ ok: false, model: '', latencyMs: 0, error: errorText(err) });
    } finally {
      setRunning(false);
    }
  };
  const body = (
    <>
      <div className="row">
        <label className="grow">
          {t('test.prompt')} <input value={prompt} onChange={(e) => setPrompt(e.target.value)} />
        </label>
        <button type="button" onClick={run} disabled={running || blocker !== undefined}>
          {running ? t('test.sending') : t('test.send')}
        </button>
      </div>
      {blocker && <p className="muted">{blocker}</p>}
      {result && (
        <div className={result.ok ? 'notice' : 'error'} role="status" data-testid="test-result">
          {result.ok ? (
            <>
              <p>{result.text}</p>
              <p className="muted">
                {t('test.figures', {
                  model: result.model,
                  ttfb: result.ttfbMs ?? '–',
                  total: result.latencyMs,
                })}
              </p>
            </>
          ) : (
            <p>
              {result.status
                ? t('test.failedStatus', { status: result.status, error: result.error ?? '' })
                : t('test.failed', { error: result.error ?? '' })}
            </p>
          )}
        </div>
      )}
    </>
  );
  if (props.embedded) return body;
  return (
    <section className="card" aria-labelledby="test-title">
      <h2 id="test-title">{t('test.title')}</h2>
      {body}
    </section>
  );
}
