import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { LogEntryDto } from '../../../electron/shared/dto';
import { getApi } from '../api';
import { CopyButton } from '../components/copy-button';
import { JsonTree } from '../components/json-tree';
import { useApp } from '../store';

interface ToolStep {
  status?: string;
  at?: number;
  direction?: string;
  method?: string;
  approval?: boolean;
  success?: boolean;
}

/** A step's outcome: Lingma's status, or what the gateway answered (approvals, results). */
function stepOutcome(s: ToolStep, t: TFunction): string {
  if (s.status) return s.status;
  if (s.approval !== undefined) {
    return s.approval ? t('logs.detail.approved') : t('logs.detail.refused');
  }
  if (s.success !== undefined) {
    return s.success ? t('logs.detail.resultSent') : t('logs.detail.errorSent');
  }
  return '';
}
interface UpstreamTool {
  toolCallId?: string;
  name?: string;
  steps?: ToolStep[];
}
interface ClientCall {
  id?: string;
  name?: string;
  arguments?: string;
}

const asArray = <T,>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

/** `curl` that reproduces the request, with the key masked (the user pastes their own). */
export function curlFor(entry: LogEntryDto, baseUrl: string): string {
  const body = (entry as { requestBody?: unknown }).requestBody;
  const path = entry.endpoint.replace(/^[A-Z]+\s+/, '');
  const header =
    entry.protocol === 'anthropic'
      ? '-H "x-api-key: $LINGMA_GATEWAY_KEY"'
      : '-H "Authorization: Bearer $LINGMA_GATEWAY_KEY"';
  const data =
    body === undefined ? '' : ` \\\n  -d '${JSON.stringify(body).replace(/'/g, "'\\''")}'`;
  return `curl ${baseUrl}${path} \\\n  ${header} \\\n  -H "Content-Type: application/json"${data}`;
}

export function LogDetail(props: { id: string; onClose(): void }) {
  const { t } = useTranslation();
  const [entry, setEntry] = useState<LogEntryDto | null>();
  const gateway = useApp((s) => s.gateway);
  const live = useApp((s) => s.logs.rows.find((r) => r.id === props.id));
  useEffect(() => {
    let alive = true;
    void getApi()
      .logsGet({ id: props.id })
      .then((e) => alive && setEntry(e));
    return () => {
      alive = false;
    };
    // Re-fetch when the live summary changes (an in-progress request finishing).
  }, [props.id, live?.inProgress, live?.status]);
  if (entry === undefined) return <aside className="detail">{t('app.loading')}</aside>;
  if (entry === null) return <aside className="detail">{t('logs.detail.gone')}</aside>;
  const upstream = asArray<UpstreamTool>((entry as { upstreamTools?: unknown }).upstreamTools);
  const client = asArray<ClientCall>((entry as { clientToolCalls?: unknown }).clientToolCalls);
  const timeline = asArray<{ kind: string; t: number }>((entry as { timeline?: unknown }).timeline);
  return (
    <aside className="detail" aria-label={t('logs.detail.label')} data-testid="log-detail">
      <div className="row spread">
        <h2 className="detail-title">
          {entry.endpoint} <code className="muted small">{entry.id}</code>
        </h2>
        <button type="button" className="secondary" onClick={props.onClose}>
          {t('common.close')}
        </button>
      </div>
      <dl className="facts">
        <dt>{t('logs.col.model')}</dt>
        <dd translate="no">
          {entry.model} → {entry.resolvedModel ?? '–'}
        </dd>
        <dt>{t('logs.col.account')}</dt>
        <dd translate="no">{entry.account ?? '–'}</dd>
        <dt>{t('logs.col.status')}</dt>
        <dd>
          {entry.status ?? (entry.inProgress ? t('logs.detail.inProgress') : '–')}{' '}
          {entry.error && (
            <span className="error" translate="no">
              {entry.error}
            </span>
          )}
        </dd>
        <dt>{t('logs.detail.timing')}</dt>
        <dd>
          {t('logs.detail.timingValue', {
            ttfb: entry.ttfbMs ?? '–',
            total: entry.durationMs ?? '–',
          })}
        </dd>
        <dt>{t('logs.detail.tokens')}</dt>
        <dd>
          {t('logs.detail.tokensValue', { in: entry.tokensIn ?? 0, out: entry.tokensOut ?? 0 })}
        </dd>
      </dl>
      <CopyButton
        text={curlFor(entry, gateway?.baseUrl ?? 'http://127.0.0.1:8765')}
        label={t('logs.detail.copyCurl')}
      />
      <h3>{t('logs.toolCalls')}</h3>
      {client.length === 0 && upstream.length === 0 && <p className="muted">{t('common.none')}</p>}
      <div className="tool-columns">
        {client.length > 0 && (
          <div>
            <h4>{t('logs.detail.clientTools')}</h4>
            <ol data-testid="client-tool-calls" translate="no">
              {client.map((c) => (
                <li key={c.id}>
                  <code>{c.name}</code> <span className="muted">{c.id}</span>
                  <pre className="code small">{c.arguments}</pre>
                </li>
              ))}
            </ol>
          </div>
        )}
        {upstream.length > 0 && (
          <div>
            <h4>{t('logs.detail.lingmaTools')}</h4>
            <ol data-testid="upstream-tools" translate="no">
              {upstream.map((u) => (
                <li key={u.toolCallId}>
                  <code>{u.name ?? 'tool'}</code> <span className="muted">{u.toolCallId}</span>
                  <ol className="timeline">
                    {(u.steps ?? []).map((s, i) => (
                      <li key={i} data-status={s.status}>
                        {s.at ? new Date(s.at).toLocaleTimeString() : ''}{' '}
                        {s.direction === 'out' ? '→' : '←'} {s.method}{' '}
                        <strong>{stepOutcome(s, t)}</strong>
                      </li>
                    ))}
                  </ol>
                </li>
              ))}
            </ol>
          </div>
        )}
      </div>
      {timeline.length > 0 && (
        <>
          <h3>{t('logs.detail.events')}</h3>
          <ol className="timeline" translate="no">
            {timeline.map((t, i) => (
              <li key={i}>
                +{t.t} ms {t.kind}
              </li>
            ))}
          </ol>
        </>
      )}
      <h3>{t('logs.detail.request')}</h3>
      <JsonTree value={(entry as { requestBody?: unknown }).requestBody ?? null} />
      <h3>{t('logs.detail.response')}</h3>
      <JsonTree value={(entry as { responseBody?: unknown }).responseBody ?? null} />
    </aside>
  );
}
