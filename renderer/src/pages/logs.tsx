import { useDeferredValue, useMemo, useState } from 'react';
import type { LogSummaryDto } from '../../../electron/shared/dto';
import { getApi } from '../api';
import { VirtualList } from '../components/virtual-list';
import { EMPTY_FILTER, filterLogs, isError, type LogFilter } from '../logs-filter';
import { useApp } from '../store';
import { LogDetail } from './logs-detail';

const ROW = 30;

function Row(props: { e: LogSummaryDto; selected: boolean; onSelect(): void }) {
  const e = props.e;
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
      <span className="d">{e.durationMs !== undefined ? `${e.durationMs} ms` : ''}</span>
      <span className="k" title={e.toolCalls > 0 ? `${e.toolCalls} tool calls` : undefined}>
        {e.toolCalls > 0 ? e.toolCalls : ''}
      </span>
    </button>
  );
}

/** Column titles for the rows above (visual only: each row reads as one line of text). */
function Head() {
  return (
    <div className="log-row log-head" aria-hidden="true">
      <span>Time</span>
      <span>API</span>
      <span>Model</span>
      <span>Account</span>
      <span>Status</span>
      <span>Duration</span>
      <span>Tools</span>
    </div>
  );
}

export function LogsPage() {
  const logs = useApp((s) => s.logs);
  const accounts = useApp((s) => s.accounts);
  const setPaused = useApp((s) => s.setLogsPaused);
  const [filter, setFilter] = useState<LogFilter>(EMPTY_FILTER);
  const [selected, setSelected] = useState<string>();
  const deferred = useDeferredValue(filter);
  const rows = useMemo(() => filterLogs(logs.rows, deferred), [logs.rows, deferred]);
  const set = (patch: Partial<LogFilter>) => setFilter({ ...filter, ...patch });
  const exportAll = async () => {
    await getApi().logsExport({ ids: filter === EMPTY_FILTER ? undefined : rows.map((r) => r.id) });
  };
  return (
    <div className="page logs">
      <h1>Requests</h1>
      <div className="row filters" role="search">
        <input
          aria-label="Search requests"
          placeholder="Search"
          value={filter.text}
          onChange={(e) => set({ text: e.target.value })}
        />
        <select
          aria-label="Status"
          value={filter.status}
          onChange={(e) => set({ status: e.target.value as LogFilter['status'] })}
        >
          <option value="">Any status</option>
          <option value="ok">OK</option>
          <option value="error">Errors</option>
        </select>
        <select
          aria-label="Protocol"
          value={filter.protocol}
          onChange={(e) => set({ protocol: e.target.value })}
        >
          <option value="">Any API</option>
          <option value="openai">OpenAI</option>
          <option value="anthropic">Anthropic</option>
          <option value="responses">Responses</option>
        </select>
        <select
          aria-label="Account"
          value={filter.account}
          onChange={(e) => set({ account: e.target.value })}
        >
          <option value="">Any account</option>
          {accounts.map((a) => (
            <option key={a.id} value={a.name}>
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
          Tool calls
        </label>
        <button type="button" className="secondary" onClick={() => setPaused(!logs.paused)}>
          {logs.paused ? `Resume (${logs.heldNew} new)` : 'Pause'}
        </button>
        <button type="button" className="secondary" onClick={exportAll}>
          Export
        </button>
      </div>
      <p className="muted small" aria-live="polite">
        {rows.length} of {logs.rows.length} requests
      </p>
      {/* The list takes the whole width until a detail is open beside it. */}
      <div className={selected ? 'split with-detail' : 'split'}>
        {rows.length === 0 ? (
          <p className="empty">
            {logs.rows.length === 0
              ? 'No requests yet. Send one from your tool or the Test button on the Dashboard.'
              : 'No request matches these filters.'}
          </p>
        ) : (
          <div className="log-list">
            <Head />
            <VirtualList
              label="Requests"
              items={rows}
              rowHeight={ROW}
              height={480}
              render={(e) => (
                <Row e={e} selected={e.id === selected} onSelect={() => setSelected(e.id)} />
              )}
            />
          </div>
        )}
        {selected && <LogDetail id={selected} onClose={() => setSelected(undefined)} />}
      </div>
    </div>
  );
}
