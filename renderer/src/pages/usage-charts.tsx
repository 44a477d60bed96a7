/**
 * One chart of the Usage page (issue 16), drawn by Recharts: stacked bars for counts (requests,
 * errors, tokens) or lines for latency (p50 solid, p95 dashed), one colour per series, axes with
 * values, a tooltip with every series at the hovered bucket, and a legend with each series' total.
 * Recharts renders SVG through React (no inline <style>, no innerHTML), so it runs under the app's
 * strict CSP; its accessibility layer lets the keyboard walk the buckets with the arrow keys.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { TooltipContentProps } from 'recharts';
import type { LogStatsDto } from '../../../electron/shared/dto';
import { useLang } from '../i18n';
import {
  bucketLabel,
  chartRows,
  SERIES_COLOURS,
  type Metric,
  type RangeId,
} from '../inspector/stats-view';

export interface SeriesName {
  (key: string): string;
}

const colour = (k: number) => SERIES_COLOURS[k % SERIES_COLOURS.length] as string;

export function StatsChart(props: {
  stats: LogStatsDto;
  metric: 'requests' | 'errors' | 'tokens' | 'latency';
  range: RangeId;
  title: string;
  total: string;
  /** What the series are split by, in words. */
  splitLabel: string;
  name: SeriesName;
  format(value: number): string;
}) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { stats, metric } = props;
  const latency = metric === 'latency';
  const rows = useMemo(
    () => (latency ? null : chartRows(stats, metric as Metric)),
    [stats, metric, latency],
  );
  const p50 = useMemo(() => (latency ? chartRows(stats, 'p50') : null), [stats, latency]);
  const p95 = useMemo(() => (latency ? chartRows(stats, 'p95') : null), [stats, latency]);
  const data = latency
    ? (p50 ?? []).map((r, i) => {
        const out: Record<string, number | null> = { t: r.t };
        stats.series.forEach((_, k) => {
          out[`p50_${k}`] = r[`s${k}`] ?? null;
          out[`p95_${k}`] = p95?.[i]?.[`s${k}`] ?? null;
        });
        return out;
      })
    : (rows ?? []);
  const label = (v: unknown) => bucketLabel(Number(v), props.range, lang);
  const axis = (
    <>
      <CartesianGrid strokeDasharray="3 3" className="chart-grid" vertical={false} />
      <XAxis dataKey="t" tickFormatter={label} minTickGap={24} tick={{ fontSize: 11 }} />
      <YAxis
        width={56}
        tick={{ fontSize: 11 }}
        tickFormatter={(v: number) => props.format(v)}
        allowDecimals={false}
      />
      <Tooltip
        content={(tip: TooltipContentProps) => (
          <ChartTooltip tip={tip} label={label} format={props.format} />
        )}
        isAnimationActive={false}
      />
    </>
  );
  const common = {
    data,
    margin: { top: 8, right: 8, bottom: 0, left: 0 },
    responsive: true,
    // Sized by its box (.chart-box), through CSS: the wrapper fills it.
    style: { width: '100%', height: '100%' },
    accessibilityLayer: true,
    className: 'chart-surface',
  } as const;
  return (
    <figure className="chart-card card" data-testid={`chart-${metric}`}>
      <figcaption className="chart-head">
        <span className="chart-title">{props.title}</span>
        <span className="chart-total" data-testid={`chart-${metric}-total`}>
          {props.total}
        </span>
      </figcaption>
      <div
        className="chart-box"
        role="group"
        aria-label={t('usage.chartLabel', {
          metric: props.title,
          range: t(`usage.range${props.range}`),
          by: props.splitLabel,
        })}
        translate="no"
      >
        {latency ? (
          <LineChart {...common}>
            {axis}
            {stats.series.flatMap((s, k) => [
              <Line
                key={`p50_${k}`}
                dataKey={`p50_${k}`}
                name={`${props.name(s.key)} ${t('usage.p50')}`}
                stroke={colour(k)}
                dot={{ r: 2 }}
                connectNulls
                isAnimationActive={false}
              />,
              <Line
                key={`p95_${k}`}
                dataKey={`p95_${k}`}
                name={`${props.name(s.key)} ${t('usage.p95')}`}
                stroke={colour(k)}
                strokeDasharray="4 3"
                dot={{ r: 2 }}
                connectNulls
                isAnimationActive={false}
              />,
            ])}
          </LineChart>
        ) : (
          <BarChart {...common}>
            {axis}
            {stats.series.map((s, k) => (
              <Bar
                key={k}
                dataKey={`s${k}`}
                name={props.name(s.key)}
                stackId="a"
                fill={colour(k)}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        )}
      </div>
      <ul className="legend">
        {stats.series.map((s, k) => (
          <li key={k} data-series={s.key}>
            <span className="swatch" style={{ background: colour(k) }} aria-hidden="true" />
            <span translate="no">{props.name(s.key)}</span>{' '}
            <strong>{seriesTotal(s, metric, props.format)}</strong>
          </li>
        ))}
      </ul>
    </figure>
  );
}

function seriesTotal(
  s: LogStatsDto['series'][number],
  metric: 'requests' | 'errors' | 'tokens' | 'latency',
  format: (v: number) => string,
): string {
  const x = s.totals;
  if (metric === 'latency') {
    return `${x.p50 === null ? '–' : format(x.p50)} / ${x.p95 === null ? '–' : format(x.p95)}`;
  }
  if (metric === 'tokens') return format(x.tokensIn + x.tokensOut);
  return format(x[metric]);
}

/** The hover detail: the bucket, then each series' value, in the text colour (readable). */
function ChartTooltip(props: {
  tip: TooltipContentProps;
  label(v: unknown): string;
  format(v: number): string;
}) {
  const { active, payload, label } = props.tip;
  if (!active || !payload?.length) return null;
  return (
    <div className="chart-tooltip" translate="no">
      <div className="chart-tooltip-label">{props.label(label)}</div>
      <ul>
        {payload.map((p, i) => (
          <li key={i}>
            <span
              className="swatch"
              style={{ background: String(p.color ?? '') }}
              aria-hidden="true"
            />
            {String(p.name)}:{' '}
            <strong>
              {p.value === null || p.value === undefined ? '–' : props.format(Number(p.value))}
            </strong>
          </li>
        ))}
      </ul>
    </div>
  );
}
