import type { AppStateId } from '../../../electron/shared/app-state';

/**
 * One glyph per app state, told apart by shape as well as colour (as the tray icons are): a
 * check, a half-filled circle, a cross, a square, a triangle, a ring, a dashed arc.
 */
const SHAPES: Record<AppStateId, React.ReactNode> = {
  ready: (
    <>
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <path d="M4.5 8.2l2.3 2.3 4.7-4.9" stroke="var(--panel)" strokeWidth="1.8" fill="none" />
    </>
  ),
  partial: (
    <>
      <circle cx="8" cy="8" r="6.2" stroke="currentColor" strokeWidth="1.6" fill="none" />
      <path d="M8 1.8a6.2 6.2 0 0 1 0 12.4z" fill="currentColor" />
    </>
  ),
  down: (
    <>
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <path d="M5.2 5.2l5.6 5.6M10.8 5.2l-5.6 5.6" stroke="var(--panel)" strokeWidth="1.8" />
    </>
  ),
  stopped: <rect x="2.5" y="2.5" width="11" height="11" rx="1.5" fill="currentColor" />,
  error: (
    <>
      <path d="M8 1.2l7 13H1z" fill="currentColor" />
      <path d="M8 5.6v4.2M8 11.4v1.2" stroke="var(--panel)" strokeWidth="1.7" />
    </>
  ),
  setup: (
    <>
      <circle cx="8" cy="8" r="6.2" stroke="currentColor" strokeWidth="1.6" fill="none" />
      <path d="M8 4.6v6.8M4.6 8h6.8" stroke="currentColor" strokeWidth="1.7" />
    </>
  ),
  starting: (
    <path
      d="M8 1.8a6.2 6.2 0 1 1-6.2 6.2"
      stroke="currentColor"
      strokeWidth="2"
      strokeDasharray="3 2"
      fill="none"
    />
  ),
};

export function StateIcon(props: { id: AppStateId; size?: number }) {
  const size = props.size ?? 16;
  return (
    <svg
      className={`state-icon tone-${props.id}`}
      width={size}
      height={size}
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
      data-shape={props.id}
    >
      {SHAPES[props.id]}
    </svg>
  );
}
