import { useState } from 'react';
import type { TestResultDto } from '../../../electron/shared/dto';
import { getApi } from '../api';
import { useApp } from '../store';

/** Sends a real request through the gateway (same path as any client) and shows the answer. */
export function TestCard() {
  const gateway = useApp((s) => s.gateway);
  const [prompt, setPrompt] = useState('Say hello in one short sentence.');
  const [result, setResult] = useState<TestResultDto>();
  const [running, setRunning] = useState(false);
  // Without a listener or a ready account the request can only fail: say why instead.
  const blocker = !gateway?.listening
    ? 'Start the gateway to test it.'
    : gateway.readyAccounts === 0
      ? 'Log in an account on the Accounts page to test the gateway.'
      : undefined;
  const run = async () => {
    setRunning(true);
    setResult(undefined);
    try {
      setResult(await getApi().testRun({ prompt }));
    } catch (err) {
      setResult({
        ok: false,
        model: '',
        latencyMs: 0,
        error: err instanceof Error ? err.message : String(err),
      });
    } finally {
      setRunning(false);
    }
  };
  return (
    <section className="card" aria-labelledby="test-title">
      <h2 id="test-title">Test</h2>
      <div className="row">
        <label className="grow">
          Prompt <input value={prompt} onChange={(e) => setPrompt(e.target.value)} />
        </label>
        <button type="button" onClick={run} disabled={running || blocker !== undefined}>
          {running ? 'Sending…' : 'Send test request'}
        </button>
      </div>
      {blocker && <p className="muted">{blocker}</p>}
      {result && (
        <div className={result.ok ? 'notice' : 'error'} role="status" data-testid="test-result">
          {result.ok ? (
            <>
              <p>{result.text}</p>
              <p className="muted">
                {result.model} · first token {result.ttfbMs ?? '–'} ms · total {result.latencyMs} ms
              </p>
            </>
          ) : (
            <p>
              Failed{result.status ? ` (${result.status})` : ''}: {result.error}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
