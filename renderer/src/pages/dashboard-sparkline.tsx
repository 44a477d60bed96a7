/**
 * The dashboard's live sparkline (issue 16): requests per minute over the last hour, failures in
 * the error colour, with the figures in words beside it (and for screen readers).
 */
import { useTranslation } from 'react-i18next';
import { Area, AreaChart } from 'recharts';
import { rangeQuery } from '../inspector/stats-view';
import { useLiveStats } from '../inspector/use-live-stats';
import { useApp } from '../store';

export function SparklineCard() {
  const { t } = useTranslation();
  const setPage = useApp((s) => s.setPage);
  const stats = useLiveStats({ window: (now) => rangeQuery('1h', now), split: 'none' }, []);
  const all = stats?.series[0];
  const data = (stats?.buckets ?? []).map((t0, i) => ({
    t: t0,
    ok: (all?.requests[i] ?? 0) - (all?.errors[i] ?? 0),
    bad: all?.errors[i] ?? 0,
  }));
  const total = stats?.totals.requests ?? 0;
  const errors = stats?.totals.errors ?? 0;
  const last = all?.requests[all.requests.length - 1] ?? 0;
  const summary = t('usage.sparkline.label', { count: total, errors, last });
  return (
    <section
      className="card sparkline-card"
      aria-labelledby="sparkline-title"
      data-testid="sparkline"
    >
      <div className="row spread">
        <h2 id="sparkline-title">{t('usage.sparkline.title')}</h2>
        <button type="button" className="secondary" onClick={() => setPage('usage')}>
          {t('usage.sparkline.open')}
        </button>
      </div>
      <div className="row">
        <div
          className="sparkline"
          role="img"
          aria-label={summary}
          data-total={total}
          data-errors={errors}
        >
          <AreaChart
            data={data}
            width={360}
            height={56}
            margin={{ top: 2, right: 0, bottom: 0, left: 0 }}
            accessibilityLayer={false}
          >
            <Area
              dataKey="ok"
              stackId="a"
              stroke="#2f81f7"
              fill="#2f81f7"
              fillOpacity={0.25}
              isAnimationActive={false}
            />
            <Area
              dataKey="bad"
              stackId="a"
              stroke="#cf222e"
              fill="#cf222e"
              fillOpacity={0.35}
              isAnimationActive={false}
            />
          </AreaChart>
        </div>
        <p className="small" aria-hidden="true">
          {summary}
        </p>
      </div>
    </section>
  );
}
