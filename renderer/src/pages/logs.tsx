import { useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogSummaryDto } from '../../../electron/shared/dto';
import { getApi } from '../api';
import { VirtualList } from '../components/virtual-list';
import { EMPTY_FILTER, filterLogs, isError, type LogFilter } from '../logs-filter';
import { useApp } from '../store';
import { LogDetail } from './logs-detail';

const ROW = 30;

/** Words a row needs, made once by the page: rows mount and unmount all the time while scrolling
 * 100k entries, so they do not each subscribe to i18n. */
interface RowWords {
  ms(value: number): string;
  toolCalls(count: number): string;
}

function Row(props: { e: LogSummaryDto; selected: boolean; onSelect(): void; words: RowWords }) {
  const { e, words } = props;
  return (
    <button
      type="button"
      className={`log-row${props.selected ? ' selected' : ''}${isError(e) ? ' bad' : ''}`}
      onClick={props.onSelect}
      data-testid="log-row"
    >
      <span className="t">{new Date(e.time).toLocaleTimeString()}</span>
      <span className="p">{e.protocol}</span>
      <span className="m">{e.resolvedModel ?? e.model ?? ''}</span>
      <span className="a">{e.account ?? ''}</span>
      <span className="s">{e.inProgress ? '…' : (e.status ?? '')}</span>
      <span className="d">{e.durationMs !== undefined ? words.ms(e.durationMs) : ''}</span>
      <span className="k" title={e.toolCalls > 0 ? words.toolCalls(e.toolCalls) : undefined}>
        {e.toolCalls > 0 ? e.toolCalls : ''}
      </span>
    </button>
  );
}

/** Column titles for the rows above (visual only: each row reads as one line of text). */
function Head() {
  const { t } = useTranslation();
  return (
    <div className="log-row log-head" aria-hidden="true">
      <span>{t('logs.col.time')}</span>
      <span>{t('logs.col.api')}</span>
      <span>{t('logs.col.model')}</span>
      <span>{t('logs.col.account')}</span>
      <span>{t('logs.col.status')}</span>
      <span>{t('logs.col.duration')}</span>
      <span>{t('logs.col.tools')}</span>
    </div>
  );
}

export function LogsPage() {
  const { t } = useTranslation();
  const logs = useApp((s) => s.logs);
  const accounts = useApp((s) => s.accounts);
  const setPaused = useApp((s) => s.setLogsPaused);
  const [filter, setFilter] = useState<LogFilter>(EMPTY_FILTER);
  const [selected, setSelected] = useState<string>();
  const deferred = useDeferredValue(filter);
  const rows = useMemo(() => filterLogs(logs.rows, deferred), [logs.rows, deferred]);
  const set = (patch: Partial<LogFilter>) => setFilter({ ...filter, ...patch });
  const words = useMemo<RowWords>(
    () => ({
      ms: (value) => t('format.ms', { value }),
      toolCalls: (count) => t('logs.toolCallsTitle', { count }),
    }),
    [t],
  );
  const exportAll = async () => {
    await getApi().logsExport({ ids: filter === EMPTY_FILTER ? undefined : rows.map((r) => r.id) });
  };
  return (
    <div className="page logs">
      <h1 tabIndex={-1}>{t('nav.logs')}</h1>
      <div className="row filters" role="search">
        <input
          aria-label={t('logs.search')}
          placeholder={t('logs.searchPlaceholder')}
          value={filter.text}
          onChange={(e) => set({ text: e.target.value })}
        />
        <select
          aria-label={t('logs.status')}
          value={filter.status}
          onChange={(e) => set({ status: e.target.value as LogFilter['status'] })}
        >
          <option value="">{t('logs.anyStatus')}</option>
          <option value="ok">{t('logs.ok')}</option>
          <option value="error">{t('logs.errors')}</option>
        </select>
        <select
          aria-label={t('logs.protocol')}
          value={filter.protocol}
          onChange={(e) => set({ protocol: e.target.value })}
        >
          <option value="">{t('logs.anyApi')}</option>
          <option value="openai">OpenAI</option>
          <option value="anthropic">Anthropic</option>
          <option value="responses">Responses</option>
        </select>
        <select
          aria-label={t('logs.account')}
          value={filter.account}
          onChange={(e) => set({ account: e.target.value })}
        >
          <option value="">{t('logs.anyAccount')}</option>
          {accounts.map((a) => (
            <option key={a.id} value={a.name} translate="no">
              {a.name}
            </option>
          ))}
        </select>
        <label className="check">
          <input
            type="checkbox"
            checked={filter.hasToolCalls}
            onChange={(e) => set({ hasToolCalls: e.target.checked })}
          />{' '}
          {t('logs.toolCalls')}
        </label>
        <button type="button" className="secondary" onClick={() => setPaused(!logs.paused)}>
          {logs.paused ? t('logs.resume', { count: logs.heldNew }) : t('logs.pause')}
        </button>
        <button type="button" className="secondary" onClick={exportAll}>
          {t('logs.export')}
        </button>
      </div>
      <p className="muted small" aria-live="polite">
        {t('logs.count', { shown: rows.length, count: logs.rows.length })}
      </p>
      {/* The list takes the whole width until a detail is open beside it. */}
      <div className={selected ? 'split with-detail' : 'split'}>
        {rows.length === 0 ? (
          <p className="empty">
            {logs.rows.length === 0 ? t('logs.emptyAll') : t('logs.emptyFiltered')}
          </p>
        ) : (
          <div className="log-list" translate="no">
            <Head />
            <VirtualList
              label={t('nav.logs')}
              items={rows}
              rowHeight={ROW}
              height={480}
              render={(e) => (
                <Row
                  e={e}
                  words={words}
                  selected={e.id === selected}
                  onSelect={() => setSelected(e.id)}
                />
              )}
            />
          </div>
        )}
        {selected && <LogDetail id={selected} onClose={() => setSelected(undefined)} />}
      </div>
    </div>
  );
}
