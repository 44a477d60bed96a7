/**
 * The Requests grid (issue 16): an ARIA grid — one Tab stop, arrows move the active cell (Up/Down
 * rows, Left/Right columns, Home/End, Ctrl+Home/End, PageUp/PageDown), Enter opens the row,
 * screen readers hear each cell with its column header — over 100k rows.
 *
 * Libraries: TanStack Virtual keeps only the rows in view in the DOM (fixed row height, so no
 * measuring); TanStack Table owns the column model (visibility, widths, drag resizing) and the
 * header. Rows are drawn straight from the virtualizer's window with the visible columns: Table's
 * row model over 100k rows costs ~180 ms (measured on this machine), which a filter edit (< 100 ms
 * to paint) and live pushes cannot afford, and rebuilt for the window on every scroll frame it
 * only adds objects. Filtering is the page's own single pass (logs-filter.ts).
 */
import {
  columnResizingFeature,
  columnSizingFeature,
  columnVisibilityFeature,
  createColumnHelper,
  tableFeatures,
  useTable,
  type ColumnSizingState,
  type ColumnVisibilityState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogSummaryDto } from '../../../electron/shared/dto';
import { isError } from '../logs-filter';
import { cellTone, COLUMNS, type CellWords, type ColumnSpec } from './logs-columns';

const ROW = 30;
const HEAD = 32;

export const gridFeatures = tableFeatures({
  columnVisibilityFeature,
  columnSizingFeature,
  columnResizingFeature,
});
const helper = createColumnHelper<typeof gridFeatures, LogSummaryDto>();

interface Props {
  rows: LogSummaryDto[];
  words: CellWords;
  label: string;
  visibility: ColumnVisibilityState;
  sizing: ColumnSizingState;
  onSizing(next: ColumnSizingState): void;
  selected?: string;
  /** Enter or a click: show this row's detail. */
  onOpen(id: string): void;
}

const estimateSize = () => ROW;
const NO_ROWS: LogSummaryDto[] = [];

const cellId = (rowId: string, col: string) => `lg-${rowId}-${col}`.replace(/[^\w-]/g, '_');

export function LogsGrid(p: Props) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState({ row: 0, col: 0 });
  const columns = useMemo(() => {
    // Labels made once per language, not on every render of the header.
    const labels = new Map(COLUMNS.map((c) => [c.id, t(`logs.col.${c.id}`)]));
    return helper.columns(
      COLUMNS.map((c: ColumnSpec) =>
        helper.display({ id: c.id, size: c.size, minSize: 40, header: () => labels.get(c.id) }),
      ),
    );
  }, [t]);
  // No getItemKey: the default (the index) is stable, so the virtualizer's layout of 100k rows is
  // recomputed only when the count changes, not on every render (React keys rows by id below).
  const virtualizer = useVirtualizer({
    count: p.rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    overscan: 8,
    scrollMargin: HEAD,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = (items[items.length - 1]?.index ?? -1) + 1;
  const table = useTable({
    features: gridFeatures,
    columns,
    // Rows are not Table's (see the file comment).
    data: NO_ROWS,
    state: { columnVisibility: p.visibility, columnSizing: p.sizing },
    onColumnSizingChange: (u) => p.onSizing(typeof u === 'function' ? u(p.sizing) : u),
    columnResizeMode: 'onEnd',
  });
  const cols = table.getVisibleLeafColumns();
  const specs = useMemo(() => new Map(COLUMNS.map((c) => [c.id, c])), []);
  const width = table.getTotalSize();
  const widthVars = Object.fromEntries(cols.map((c) => [`--w-${c.id}`, `${c.getSize()}px`]));

  // The active row follows the selection made elsewhere (a click, a filter keeping it).
  useEffect(() => {
    if (!p.selected) return;
    const i = p.rows.findIndex((r) => r.id === p.selected);
    if (i >= 0) setActive((a) => (a.row === i ? a : { ...a, row: i }));
  }, [p.selected, p.rows]);
  const row = Math.min(active.row, Math.max(0, p.rows.length - 1));
  const col = Math.min(active.col, Math.max(0, cols.length - 1));
  const activeRow = p.rows[row];
  const activeCol = cols[col];
  const rendered = row >= first && row < last;

  const move = (r: number, c: number) => {
    const nr = Math.max(0, Math.min(p.rows.length - 1, r));
    const nc = Math.max(0, Math.min(cols.length - 1, c));
    setActive({ row: nr, col: nc });
    virtualizer.scrollToIndex(nr, { align: 'auto' });
    const id = p.rows[nr]?.id;
    // With a detail open, it follows the keyboard.
    if (id && p.selected && nr !== row) p.onOpen(id);
  };
  const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 300) / ROW) - 1);
  const onKey = (ev: KeyboardEvent<HTMLDivElement>) => {
    const ctrl = ev.ctrlKey || ev.metaKey;
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(row + 1, col),
      ArrowUp: () => move(row - 1, col),
      ArrowRight: () => move(row, col + 1),
      ArrowLeft: () => move(row, col - 1),
      PageDown: () => move(row + page, col),
      PageUp: () => move(row - page, col),
      Home: () => (ctrl ? move(0, 0) : move(row, 0)),
      End: () => (ctrl ? move(p.rows.length - 1, cols.length - 1) : move(row, cols.length - 1)),
      Enter: () => activeRow && p.onOpen(activeRow.id),
      ' ': () => activeRow && p.onOpen(activeRow.id),
    };
    const act = keys[ev.key];
    if (!act) return;
    ev.preventDefault();
    act();
  };

  return (
    <div
      ref={scrollRef}
      className="grid virtual"
      role="grid"
      aria-label={p.label}
      aria-rowcount={p.rows.length + 1}
      aria-colcount={cols.length}
      aria-activedescendant={
        rendered && activeRow && activeCol ? cellId(activeRow.id, activeCol.id) : undefined
      }
      tabIndex={0}
      onKeyDown={onKey}
      translate="no"
      // Column widths once per render as CSS variables, not on every cell (styles-logs.css).
      style={widthVars}
    >
      <div className="grid-head" role="rowgroup" style={{ width }}>
        {table.getHeaderGroups().map((g) => (
          <div role="row" aria-rowindex={1} key={g.id} className="grid-row head">
            {g.headers.map((h) => (
              <div
                key={h.id}
                role="columnheader"
                className={`grid-cell${specs.get(h.column.id as ColumnSpec['id'])?.numeric ? ' num' : ''}`}
                data-col={h.column.id}
              >
                <span className="grid-cell-text">
                  <table.FlexRender header={h} />
                </span>
                <span
                  className={`col-resize${h.column.getIsResizing() ? ' on' : ''}`}
                  aria-hidden="true"
                  onMouseDown={h.getResizeHandler()}
                  onTouchStart={h.getResizeHandler()}
                />
              </div>
            ))}
          </div>
        ))}
      </div>
      <div
        className="grid-body"
        role="rowgroup"
        style={{ height: virtualizer.getTotalSize() - HEAD, width }}
      >
        {items.map((item) => {
          const index = item.index;
          const e = p.rows[index];
          if (!e) return null;
          return (
            <div
              key={e.id}
              role="row"
              aria-rowindex={index + 2}
              aria-selected={e.id === p.selected}
              data-testid="log-row"
              data-id={e.id}
              className={`grid-row${e.id === p.selected ? ' selected' : ''}${index === row ? ' active' : ''}${isError(e) ? ' bad' : ''}${e.refused ? ' refused' : ''}`}
              style={{ transform: `translateY(${item.start - HEAD}px)` }}
              onClick={() => {
                setActive({ row: index, col });
                p.onOpen(e.id);
              }}
            >
              {cols.map((c, ci) => {
                const spec = specs.get(c.id as ColumnSpec['id']);
                const tone = spec ? cellTone(spec.id, e) : undefined;
                return (
                  <div
                    key={c.id}
                    // Only the active cell needs an id (aria-activedescendant points at it).
                    id={index === row && ci === col ? cellId(e.id, c.id) : undefined}
                    role="gridcell"
                    data-col={c.id}
                    className={`grid-cell${spec?.numeric ? ' num' : ''}${tone ? ` ${tone}` : ''}${index === row && ci === col ? ' active' : ''}`}
                    title={spec?.title?.(e, p.words)}
                  >
                    {spec?.text(e, p.words)}
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
}
