/**
 * The Usage page (issue 16): requests, errors, tokens and latency (p50/p95) over a period, split
 * by account, model, client or key, live; today's requests per account with what Lingma said about
 * quotas; and the daily totals that outlive the request log.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogStatsSplit } from '../../../electron/shared/dto';
import { useLang } from '../i18n';
import { rangeQuery, type RangeId } from '../inspector/stats-view';
import { useLiveStats } from '../inspector/use-live-stats';
import { UsageAccounts } from './usage-accounts';
import { StatsChart } from './usage-charts';
import { UsageDaily } from './usage-daily';

const RANGE_IDS: RangeId[] = ['1h', '24h', '7d', '30d'];
const SPLITS: Array<[LogStatsSplit, 'byNone' | 'byAccount' | 'byModel' | 'byClient' | 'byKey']> = [
  ['none', 'byNone'],
  ['account', 'byAccount'],
  ['model', 'byModel'],
  ['client', 'byClient'],
  ['key', 'byKey'],
];

export function UsagePage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const [range, setRange] = useState<RangeId>('24h');
  const [split, setSplit] = useState<LogStatsSplit>('account');
  const stats = useLiveStats({ window: (now) => rangeQuery(range, now), split, maxSeries: 6 }, [
    range,
    split,
  ]);
  const n = (v: number) => v.toLocaleString(lang);
  const ms = (v: number) => t('format.ms', { value: Math.round(v) });
  const name = (key: string) =>
    key === 'other'
      ? t('usage.other')
      : key === '(none)' || key === '(unknown)'
        ? t('usage.none')
        : key;
  const splitLabel = t(`usage.${SPLITS.find(([s]) => s === split)?.[1] ?? 'byNone'}`);
  const totals = stats?.totals;
  const refused = Object.values(stats?.refusedSinceStart ?? {}).reduce((a, b) => a + b, 0);
  return (
    <div className="page usage">
      <h1 tabIndex={-1}>{t('nav.usage')}</h1>
      <div className="row wrap">
        <label>
          {t('usage.range')}{' '}
          <select value={range} onChange={(e) => setRange(e.target.value as RangeId)}>
            {RANGE_IDS.map((r) => (
              <option key={r} value={r}>
                {t(`usage.range${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('usage.splitBy')}{' '}
          <select value={split} onChange={(e) => setSplit(e.target.value as LogStatsSplit)}>
            {SPLITS.map(([s, key]) => (
              <option key={s} value={s}>
                {t(`usage.${key}`)}
              </option>
            ))}
          </select>
        </label>
        <span className="live-dot small">{t('usage.live')}</span>
      </div>
      {stats && totals && (
        <>
          <dl className="totals" data-testid="usage-totals">
            <div>
              <dt>{t('usage.requests')}</dt>
              <dd>{n(totals.requests)}</dd>
            </div>
            <div>
              <dt>{t('usage.errors')}</dt>
              <dd>{n(totals.errors)}</dd>
            </div>
            <div>
              <dt>{t('usage.tokens')}</dt>
              <dd>{n(totals.tokensIn + totals.tokensOut)}</dd>
            </div>
            <div>
              <dt>{t('usage.latency')}</dt>
              <dd>
                {t('usage.p50')} {totals.p50 === null ? '–' : ms(totals.p50)} · {t('usage.p95')}{' '}
                {totals.p95 === null ? '–' : ms(totals.p95)}
              </dd>
            </div>
          </dl>
          {refused > 0 && (
            <p className="muted small">{t('usage.refusedSinceStart', { count: refused })}</p>
          )}
          {stats.coverageFrom !== undefined && stats.coverageFrom > stats.since && (
            <p className="muted small">
              {t('usage.coverage', { from: new Date(stats.coverageFrom).toLocaleString(lang) })}
            </p>
          )}
          {totals.requests === 0 ? (
            <p className="empty">{t('usage.empty')}</p>
          ) : (
            <div className="charts">
              {(['requests', 'errors', 'tokens', 'latency'] as const).map((metric) => (
                <StatsChart
                  key={metric}
                  stats={stats}
                  metric={metric}
                  range={range}
                  name={name}
                  splitLabel={splitLabel}
                  title={t(`usage.${metric}`)}
                  total={
                    metric === 'latency'
                      ? `${t('usage.p50')} ${totals.p50 === null ? '–' : ms(totals.p50)}`
                      : `${t('usage.total')} ${n(metric === 'tokens' ? totals.tokensIn + totals.tokensOut : totals[metric])}`
                  }
                  format={metric === 'latency' ? ms : n}
                />
              ))}
            </div>
          )}
        </>
      )}
      <UsageAccounts />
      <UsageDaily />
    </div>
  );
}
