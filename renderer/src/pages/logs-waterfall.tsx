/**
 * The timing waterfall (issue 16) as a table a screen reader can walk: one row per phase — the
 * admission wait, each upstream ask (waiting for Lingma's first event, then Lingma answering),
 * the stream to the client from its first byte, each tool call — with its start, its duration and
 * a bar on a common scale. Below it, each of Lingma's own tool calls step by step, in ms since
 * the request arrived, with the time between steps.
 */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { waterfallOf, type WaterfallInput, type WaterfallRow } from '../inspector/waterfall';

interface ToolStep {
  at?: number;
  method?: string;
  direction?: string;
  status?: string;
  approval?: boolean;
  success?: boolean;
}
interface UpstreamTool {
  toolCallId?: string;
  name?: string;
  steps?: ToolStep[];
}

const pct = (v: number, total: number) => `${total > 0 ? (v / total) * 100 : 0}%`;

function Bar(props: { row: WaterfallRow; total: number }) {
  const { row, total } = props;
  return (
    <div className="wf-track" aria-hidden="true">
      <div
        className={`wf-bar wf-${row.kind}`}
        style={{
          left: pct(row.start, total),
          width: row.end > row.start ? pct(row.end - row.start, total) : undefined,
        }}
      />
      {row.mark !== undefined && <div className="wf-mark" style={{ left: pct(row.mark, total) }} />}
    </div>
  );
}

export function Waterfall(props: {
  entry: Omit<WaterfallInput, 'upstreamTools'> & { upstreamTools?: UpstreamTool[] };
}) {
  const { t } = useTranslation();
  const w = waterfallOf(props.entry);
  const ms = (value: number) => t('format.ms', { value: Math.round(value) });
  const label = (r: WaterfallRow) =>
    t(`logs.wf.${r.kind}`, { name: r.name ?? '' }) +
    (r.name && (r.kind === 'wait' || r.kind === 'answer') ? ` #${r.name}` : '');
  const tools = props.entry.upstreamTools ?? [];
  return (
    <div className="waterfall-wrap">
      {w.rows.length === 0 ? (
        <p className="muted">{t('logs.wf.none')}</p>
      ) : (
        <table className="waterfall" data-testid="waterfall">
          <caption className="sr-only">{t('logs.wf.caption', { total: ms(w.total) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('logs.wf.phase')}</th>
              <th scope="col" className="num">
                {t('logs.wf.start')}
              </th>
              <th scope="col" className="num">
                {t('logs.wf.duration')}
              </th>
              <th scope="col" className="wf-scale">
                {ms(0)} – {ms(w.total)}
              </th>
            </tr>
          </thead>
          <tbody>
            {w.rows.map((r, i) => (
              <tr key={i} data-kind={r.kind}>
                <th
                  scope="row"
                  translate={r.kind === 'tool' || r.kind === 'call' ? 'no' : undefined}
                >
                  {label(r)}
                  {r.mark !== undefined && (
                    <span className="muted small wf-note">
                      {t('logs.wf.firstByte', { at: ms(r.mark) })}
                    </span>
                  )}
                </th>
                <td className="num">{ms(r.start)}</td>
                <td className="num">{r.kind === 'call' ? '–' : ms(r.end - r.start)}</td>
                <td>
                  <Bar row={r} total={w.total} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {tools.length > 0 && (
        <>
          <h3>{t('logs.detail.lingmaTools')}</h3>
          <ol className="tool-steps" data-testid="upstream-tools" translate="no">
            {tools.map((u, k) => (
              <li key={u.toolCallId ?? k}>
                <code>{u.name ?? 'tool'}</code> <span className="muted">{u.toolCallId}</span>
                <ol className="timeline">
                  {(u.steps ?? []).map((s, i, all) => {
                    const prev = all[i - 1]?.at;
                    return (
                      <li key={i} data-status={s.status}>
                        {s.at !== undefined ? `+${ms(s.at - props.entry.time)}` : ''}{' '}
                        {s.direction === 'out' ? '→' : '←'} {s.method}{' '}
                        <strong>{stepOutcome(s, t)}</strong>
                        {prev !== undefined && s.at !== undefined && (
                          <span className="muted">
                            {' '}
                            ({t('logs.wf.after', { ms: ms(s.at - prev) })})
                          </span>
                        )}
                      </li>
                    );
                  })}
                </ol>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}

/** A step's outcome: Lingma's status, or what the gateway answered (approvals, results). */
function stepOutcome(s: ToolStep, t: TFunction): string {
  if (s.status) return s.status;
  if (s.approval !== undefined)
    return s.approval ? t('logs.detail.approved') : t('logs.detail.refused');
  if (s.success !== undefined)
    return s.success ? t('logs.detail.resultSent') : t('logs.detail.errorSent');
  return '';
}
