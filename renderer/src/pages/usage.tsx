import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UsageRowDto } from '../../../electron/shared/dto';
import { getApi } from '../api';

interface DayBar {
  day: string;
  parts: Array<{ key: string; value: number }>;
  total: number;
}

const COLORS = ['#2f81f7', '#3fb950', '#d29922', '#db6d28', '#a371f7', '#f778ba', '#8b949e'];

/** Stacks per day by account or model. */
export function bars(
  rows: UsageRowDto[],
  by: 'account' | 'model',
  metric: 'requests' | 'tokens',
): DayBar[] {
  const days = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const key = by === 'account' ? r.account : r.model;
    const value = metric === 'requests' ? r.requests : r.tokensIn + r.tokensOut;
    const d = days.get(r.day) ?? new Map<string, number>();
    d.set(key, (d.get(key) ?? 0) + value);
    days.set(r.day, d);
  }
  return [...days.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, m]) => {
      const parts = [...m.entries()].map(([key, value]) => ({ key, value }));
      return { day, parts, total: parts.reduce((s, p) => s + p.value, 0) };
    });
}

export function UsagePage() {
  const { t } = useTranslation();
  const [rows, setRows] = useState<UsageRowDto[]>([]);
  const [by, setBy] = useState<'account' | 'model'>('account');
  const [metric, setMetric] = useState<'requests' | 'tokens'>('requests');
  useEffect(() => {
    void getApi()
      .usageGet({ days: 30 })
      .then((u) => setRows(u.rows));
  }, []);
  const data = useMemo(() => bars(rows, by, metric), [rows, by, metric]);
  const keys = [...new Set(data.flatMap((d) => d.parts.map((p) => p.key)))];
  const color = (k: string) => COLORS[keys.indexOf(k) % COLORS.length];
  const max = Math.max(1, ...data.map((d) => d.total));
  const W = 640;
  const H = 220;
  const bw = data.length ? Math.min(40, (W - 40) / data.length - 4) : 0;
  return (
    <div className="page">
      <h1 tabIndex={-1}>{t('nav.usage')}</h1>
      <div className="row">
        <label>
          {t('usage.splitBy')}{' '}
          <select value={by} onChange={(e) => setBy(e.target.value as 'account' | 'model')}>
            <option value="account">{t('usage.byAccount')}</option>
            <option value="model">{t('usage.byModel')}</option>
          </select>
        </label>
        <label>
          {t('usage.show')}{' '}
          <select
            value={metric}
            onChange={(e) => setMetric(e.target.value as 'requests' | 'tokens')}
          >
            <option value="requests">{t('usage.requests')}</option>
            <option value="tokens">{t('usage.tokens')}</option>
          </select>
        </label>
      </div>
      {data.length === 0 ? (
        <p className="empty">{t('usage.empty')}</p>
      ) : (
        <section className="card" translate="no">
          <svg
            viewBox={`0 0 ${W} ${H + 30}`}
            role="img"
            aria-label={t('usage.chartLabel', {
              metric: t(metric === 'requests' ? 'usage.requests' : 'usage.tokens'),
              by: t(by === 'account' ? 'usage.byAccount' : 'usage.byModel'),
            })}
            className="chart"
          >
            {data.map((d, i) => {
              let y = H;
              const x = 30 + i * (bw + 4);
              return (
                <g key={d.day}>
                  {d.parts.map((p) => {
                    const h = (p.value / max) * (H - 10);
                    y -= h;
                    return (
                      <rect key={p.key} x={x} y={y} width={bw} height={h} fill={color(p.key)}>
                        <title>{`${d.day} ${p.key}: ${p.value}`}</title>
                      </rect>
                    );
                  })}
                  <text x={x + bw / 2} y={H + 16} textAnchor="middle" fontSize="9">
                    {d.day.slice(5)}
                  </text>
                </g>
              );
            })}
          </svg>
          <ul className="legend">
            {keys.map((k) => (
              <li key={k}>
                <span className="swatch" style={{ background: color(k) }} /> {k}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
