/**
 * Two panes with a draggable, keyboard-operable separator between them (issue 16: the Requests
 * list and its detail). Side by side when there is room, stacked when the window is narrow; the
 * second pane's share is kept in localStorage. The separator is an ARIA window splitter: arrows
 * move it, Home/End go to the limits.
 */
import {
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
  type ReactNode,
} from 'react';

const MIN = 20;
const MAX = 80;
const STEP = 4;
/** Below this width the panes stack. */
const NARROW = 760;

function stored(key: string, fallback: number): number {
  const v = Number(localStorage.getItem(key));
  return Number.isFinite(v) && v >= MIN && v <= MAX ? v : fallback;
}

export function SplitPane(props: {
  first: ReactNode;
  second: ReactNode | undefined;
  /** The separator's accessible name. */
  label: string;
  storageKey: string;
  /** The second pane's default share, percent. */
  initial?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [share, setShare] = useState(() => stored(props.storageKey, props.initial ?? 45));
  const [narrow, setNarrow] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(([e]) => setNarrow((e?.contentRect.width ?? 1000) < NARROW));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  useEffect(() => localStorage.setItem(props.storageKey, String(share)), [share, props.storageKey]);
  const set = (v: number) => setShare(Math.round(Math.max(MIN, Math.min(MAX, v))));
  const onKey = (e: KeyboardEvent) => {
    // The second pane grows towards the start: left (or up) makes it bigger.
    const grow = narrow ? 'ArrowUp' : 'ArrowLeft';
    const shrink = narrow ? 'ArrowDown' : 'ArrowRight';
    const moves: Record<string, number> = {
      [grow]: share + STEP,
      [shrink]: share - STEP,
      Home: MAX,
      End: MIN,
    };
    const to = moves[e.key];
    if (to === undefined) return;
    e.preventDefault();
    set(to);
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    const el = box.current;
    if (!el) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    const move = (ev: globalThis.PointerEvent) => {
      const r = el.getBoundingClientRect();
      set(
        narrow
          ? ((r.bottom - ev.clientY) / r.height) * 100
          : ((r.right - ev.clientX) / r.width) * 100,
      );
    };
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };
  const open = props.second !== undefined && props.second !== null && props.second !== false;
  return (
    <div
      ref={box}
      className={`split-pane${open ? ' open' : ''}${narrow ? ' stacked' : ''}`}
      style={open ? { ['--second' as string]: `${share}%` } : undefined}
    >
      <div className="split-first">{props.first}</div>
      {open && (
        <>
          <div
            className="split-handle"
            role="separator"
            aria-label={props.label}
            aria-orientation={narrow ? 'horizontal' : 'vertical'}
            aria-valuenow={share}
            aria-valuemin={MIN}
            aria-valuemax={MAX}
            tabIndex={0}
            onKeyDown={onKey}
            onPointerDown={onPointerDown}
          />
          <div className="split-second">{props.second}</div>
        </>
      )}
    </div>
  );
}
