/**
 * The Requests page (issue 16): filters, the grid filling the window, and the detail in a
 * resizable pane beside (or below) it. Escape closes the detail and puts the keyboard back on the
 * grid.
 */
import type { ColumnSizingState } from '@tanstack/react-table';
import {
  useCallback,
  useDeferredValue,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import { useTranslation } from 'react-i18next';
import { getApi } from '../api';
import { formatBytes } from '../inspector/format-bytes';
import { SplitPane } from '../components/split-pane';
import { distinct, EMPTY_FILTER, filterLogs, type LogFilter } from '../logs-filter';
import { useApp } from '../store';
import {
  loadSizes,
  loadVisibility,
  saveSizes,
  saveVisibility,
  type CellWords,
} from './logs-columns';
import { ColumnPicker } from './logs-column-picker';
import { LogDetail } from './logs-detail';
import { LogsGrid } from './logs-grid';

export function LogsPage() {
  const { t } = useTranslation();
  const logs = useApp((s) => s.logs);
  const accounts = useApp((s) => s.accounts);
  const setPaused = useApp((s) => s.setLogsPaused);
  const [filter, setFilter] = useState<LogFilter>(EMPTY_FILTER);
  const [selected, setSelected] = useState<string>();
  const [visibility, setVisibility] = useState(loadVisibility);
  const [sizing, setSizing] = useState<ColumnSizingState>(loadSizes);
  const page = useRef<HTMLDivElement>(null);
  const deferred = useDeferredValue(filter);
  const rows = useMemo(() => filterLogs(logs.rows, deferred), [logs.rows, deferred]);
  const clients = useMemo(() => distinct(logs.rows, (e) => e.client), [logs.rows]);
  const keys = useMemo(() => distinct(logs.rows, (e) => e.keyName ?? e.keyHint), [logs.rows]);
  const set = (patch: Partial<LogFilter>) => setFilter({ ...filter, ...patch });
  const words = useMemo<CellWords>(() => {
    // "{{value}} ms" split once: rows format thousands of durations while scrolling.
    const [msBefore = '', msAfter = ''] = t('format.ms', { value: '\u0000' }).split('\u0000');
    return {
      ms: (value) => `${msBefore}${value}${msAfter}`,
      bytes: formatBytes,
      running: t('logs.running'),
      refused: (kind) => t(`logs.refusal.${kind}`, t('logs.refusal.other')),
      session: (kind) => t(`logs.session.${kind}`, kind),
      repeats: (count) => t('logs.repeats', { count }),
      tokens: (i, o) => t('logs.tokensCell', { in: i, out: o }),
      toolCalls: (count) => t('logs.toolCallsTitle', { count }),
    };
  }, [t]);
  const onSizing = useCallback((next: ColumnSizingState) => {
    setSizing(next);
    saveSizes(next);
  }, []);
  const onVisibility = (next: Record<string, boolean>) => {
    setVisibility(next);
    saveVisibility(next);
  };
  const close = () => {
    setSelected(undefined);
    page.current?.querySelector<HTMLElement>('[role="grid"]')?.focus();
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && selected) {
      e.preventDefault();
      close();
    }
  };
  const exportAll = async () => {
    await getApi().logsExport({ ids: filter === EMPTY_FILTER ? undefined : rows.map((r) => r.id) });
  };
  const select = (
    label: string,
    value: string,
    onChange: (v: string) => void,
    options: Array<[string, string]>,
    data = false,
  ) => (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      {options.map(([v, text]) => (
        <option key={v} value={v} translate={data && v ? 'no' : undefined}>
          {text}
        </option>
      ))}
    </select>
  );
  return (
    <div className="page logs" ref={page} onKeyDown={onKey}>
      <h1 tabIndex={-1}>{t('nav.logs')}</h1>
      <div className="row filters" role="search">
        <input
          aria-label={t('logs.search')}
          placeholder={t('logs.searchPlaceholder')}
          value={filter.text}
          onChange={(e) => set({ text: e.target.value })}
        />
        {select(t('logs.status'), filter.status, (v) => set({ status: v as LogFilter['status'] }), [
          ['', t('logs.anyStatus')],
          ['ok', t('logs.ok')],
          ['error', t('logs.errors')],
        ])}
        {select(t('logs.origin'), filter.origin, (v) => set({ origin: v as LogFilter['origin'] }), [
          ['', t('logs.anyOrigin')],
          ['served', t('logs.served')],
          ['refused', t('logs.refusedOnly')],
        ])}
        {select(t('logs.protocol'), filter.protocol, (v) => set({ protocol: v }), [
          ['', t('logs.anyApi')],
          ['openai', 'OpenAI'],
          ['anthropic', 'Anthropic'],
          ['responses', 'Responses'],
        ])}
        {select(
          t('logs.client'),
          filter.client,
          (v) => set({ client: v }),
          [['', t('logs.anyClient')], ...clients.map((c): [string, string] => [c, c])],
          true,
        )}
        {select(
          t('logs.key'),
          filter.key,
          (v) => set({ key: v }),
          [['', t('logs.anyKey')], ...keys.map((k): [string, string] => [k, k])],
          true,
        )}
        {select(
          t('logs.account'),
          filter.account,
          (v) => set({ account: v }),
          [['', t('logs.anyAccount')], ...accounts.map((a): [string, string] => [a.name, a.name])],
          true,
        )}
        <label className="check">
          <input
            type="checkbox"
            checked={filter.hasToolCalls}
            onChange={(e) => set({ hasToolCalls: e.target.checked })}
          />{' '}
          {t('logs.toolCalls')}
        </label>
        <ColumnPicker visibility={visibility} onChange={onVisibility} />
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
      <SplitPane
        label={t('logs.resizeDetail')}
        storageKey="lgw.logDetailShare"
        first={
          rows.length === 0 ? (
            <p className="empty">
              {logs.rows.length === 0 ? t('logs.emptyAll') : t('logs.emptyFiltered')}
            </p>
          ) : (
            <LogsGrid
              rows={rows}
              words={words}
              label={t('nav.logs')}
              visibility={visibility}
              sizing={sizing}
              onSizing={onSizing}
              selected={selected}
              onOpen={setSelected}
            />
          )
        }
        second={selected ? <LogDetail id={selected} onClose={close} /> : undefined}
      />
    </div>
  );
}
