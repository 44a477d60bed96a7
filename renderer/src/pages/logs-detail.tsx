/**
 * One request in detail (issue 16): what happened in a sentence or two when it failed (and what to
 * do), who sent it and how it went (client, key, model → Lingma model, account, session kind,
 * tokens, bytes sent upstream, timing), then three tabs — the conversation, the timing waterfall,
 * and the raw request/response with search and copy.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogEntryDto } from '../../../electron/shared/dto';
import { getApi } from '../api';
import { formatBytes } from '../inspector/format-bytes';
import { explain } from '../inspector/explain';
import { useApp } from '../store';
import { Conversation } from './logs-conversation';
import { RawView } from './logs-raw';
import { Waterfall } from './logs-waterfall';

/** `curl` that reproduces the request, with the key masked (the user pastes their own). */
export function curlFor(entry: LogEntryDto, baseUrl: string): string {
  const body = (entry as { requestBody?: unknown }).requestBody;
  const path = entry.endpoint.replace(/^[A-Z]+\s+/, '');
  const method = /^[A-Z]+/.exec(entry.endpoint)?.[0] ?? 'POST';
  const header =
    entry.protocol === 'anthropic'
      ? '-H "x-api-key: $LINGMA_GATEWAY_KEY"'
      : '-H "Authorization: Bearer $LINGMA_GATEWAY_KEY"';
  const data =
    body === undefined ? '' : ` \\\n  -d '${JSON.stringify(body).replace(/'/g, "'\\''")}'`;
  const verb = method === 'POST' || method === 'GET' ? '' : ` -X ${method}`;
  return `curl${verb} ${baseUrl}${path} \\\n  ${header} \\\n  -H "Content-Type: application/json"${data}`;
}

const TABS = ['conversation', 'timing', 'raw'] as const;
type Tab = (typeof TABS)[number];

function Facts(props: { e: LogEntryDto }) {
  const { t } = useTranslation();
  const e = props.e;
  const ms = (v: number | undefined) => (v === undefined ? '–' : t('format.ms', { value: v }));
  const fact = (label: string, value: string | undefined, data = true) =>
    value ? (
      <>
        <dt>{label}</dt>
        <dd translate={data ? 'no' : undefined}>{value}</dd>
      </>
    ) : null;
  const model =
    e.resolvedModel && e.resolvedModel !== e.model
      ? `${e.model ?? '–'} → ${e.resolvedModel}`
      : e.model;
  return (
    <dl className="facts">
      {fact(
        t('logs.col.client'),
        [e.client, e.clientVersion].filter(Boolean).join(' ') || undefined,
      )}
      {fact(t('logs.col.key'), e.keyName ?? e.keyHint)}
      {fact(t('logs.col.model'), model)}
      {fact(t('logs.col.account'), e.account)}
      {fact(
        t('logs.col.session'),
        e.sessionKind ? t(`logs.session.${e.sessionKind}`, e.sessionKind) : undefined,
        false,
      )}
      <dt>{t('logs.detail.timing')}</dt>
      <dd>{t('logs.detail.timingValue', { ttfb: ms(e.ttfbMs), total: ms(e.durationMs) })}</dd>
      {e.tokensIn !== undefined || e.tokensOut !== undefined ? (
        <>
          <dt>{t('logs.detail.tokens')}</dt>
          <dd>{t('logs.detail.tokensValue', { in: e.tokensIn ?? 0, out: e.tokensOut ?? 0 })}</dd>
        </>
      ) : null}
      {e.upstreamBytes !== undefined &&
        fact(
          t('logs.col.upstreamBytes'),
          t('logs.detail.upstreamValue', {
            bytes: formatBytes(e.upstreamBytes),
            count: Number((e as { upstreamAsks?: unknown }).upstreamAsks ?? 1),
          }),
          false,
        )}
    </dl>
  );
}

export function LogDetail(props: { id: string; onClose(): void }) {
  const { t } = useTranslation();
  const [entry, setEntry] = useState<LogEntryDto | null>();
  const [tab, setTab] = useState<Tab>('conversation');
  const tabs = useRef<Array<HTMLButtonElement | null>>([]);
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
    // Re-fetch when the live summary changes (an in-progress request finishing, a repeat folded).
  }, [props.id, live?.inProgress, live?.status, live?.repeats]);
  if (entry === undefined) return <aside className="detail">{t('app.loading')}</aside>;
  if (entry === null) return <aside className="detail">{t('logs.detail.gone')}</aside>;
  const why = explain(entry);
  const status = entry.inProgress ? t('logs.detail.inProgress') : String(entry.status ?? '–');
  const onTabKey = (ev: KeyboardEvent) => {
    const i = TABS.indexOf(tab);
    const next = ev.key === 'ArrowRight' ? i + 1 : ev.key === 'ArrowLeft' ? i - 1 : undefined;
    if (next === undefined) return;
    const to = TABS[(next + TABS.length) % TABS.length] as Tab;
    setTab(to);
    tabs.current[TABS.indexOf(to)]?.focus();
  };
  return (
    <aside className="detail" aria-label={t('logs.detail.label')} data-testid="log-detail">
      <div className="detail-head">
        <h2 className="detail-title">
          <span translate="no">{entry.endpoint}</span>{' '}
          <span className={`badge${why ? ' bad' : ''}`}>{status}</span>
          <code className="muted small">{entry.id}</code>
        </h2>
        <button
          type="button"
          className="secondary"
          onClick={props.onClose}
          aria-keyshortcuts="Escape"
        >
          {t('common.close')}
        </button>
      </div>
      {why && (
        <div className="explain" role="note" data-testid="log-explain">
          <p className="explain-what">
            {t(`logs.explain.${why.id}.what`, why.params)}
            {entry.repeats ? ` ${t('logs.detail.repeats', { count: entry.repeats + 1 })}` : ''}
          </p>
          <p className="explain-todo">{t(`logs.explain.${why.id}.todo`, why.params)}</p>
        </div>
      )}
      <Facts e={entry} />
      <div className="tabs" role="tablist" aria-label={t('logs.detail.label')} onKeyDown={onTabKey}>
        {TABS.map((id, i) => (
          <button
            key={id}
            ref={(el) => {
              tabs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`logtab-${id}`}
            aria-selected={tab === id}
            aria-controls={`logpanel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            className={tab === id ? 'tab active' : 'tab'}
            onClick={() => setTab(id)}
          >
            {t(`logs.tab.${id}`)}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`logpanel-${tab}`}
        aria-labelledby={`logtab-${tab}`}
        className="tab-panel"
      >
        {tab === 'conversation' && (
          <Conversation
            refused={entry.refused !== undefined}
            protocol={entry.protocol}
            request={(entry as { requestBody?: unknown }).requestBody}
            response={(entry as { responseBody?: unknown }).responseBody}
          />
        )}
        {tab === 'timing' && <Waterfall entry={entry as never} />}
        {tab === 'raw' && (
          <RawView
            entry={entry}
            curl={curlFor(entry, gateway?.baseUrl ?? 'http://127.0.0.1:8765')}
          />
        )}
      </div>
    </aside>
  );
}
