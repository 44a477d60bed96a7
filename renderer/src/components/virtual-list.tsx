import { useRef, useState, type ReactNode } from 'react';

/**
 * A fixed-row-height virtual list: only the rows in view (plus a small overscan) are in the DOM,
 * so 100k entries scroll as smoothly as 100.
 */
export function VirtualList<T>(props: {
  items: T[];
  rowHeight: number;
  height: number;
  render(item: T, index: number): ReactNode;
  label: string;
}) {
  const [scrollTop, setScrollTop] = useState(0);
  const ref = useRef<HTMLDivElement>(null);
  const overscan = 8;
  const first = Math.max(0, Math.floor(scrollTop / props.rowHeight) - overscan);
  const count = Math.ceil(props.height / props.rowHeight) + overscan * 2;
  const visible = props.items.slice(first, first + count);
  return (
    <div
      ref={ref}
      className="virtual"
      role="list"
      aria-label={props.label}
      style={{ height: props.height, overflowY: 'auto', position: 'relative' }}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div style={{ height: props.items.length * props.rowHeight, position: 'relative' }}>
        {visible.map((item, i) => (
          <div
            role="listitem"
            key={first + i}
            style={{
              position: 'absolute',
              top: (first + i) * props.rowHeight,
              height: props.rowHeight,
              left: 0,
              right: 0,
            }}
          >
            {props.render(item, first + i)}
          </div>
        ))}
      </div>
    </div>
  );
}
