/**
 * Daily totals per account and model for the last 30 days (the core's usage file, which outlives
 * the request log's retention), as a table.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UsageRowDto } from '../../../electron/shared/dto';
import { getApi } from '../api';
import { useLang } from '../i18n';
import { useApp } from '../store';

export function UsageDaily() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const [rows, setRows] = useState<UsageRowDto[]>([]);
  const today = useApp((s) => s.gateway?.requestsToday);
  useEffect(() => {
    void getApi()
      .usageGet({ days: 30 })
      .then((u) => setRows(u.rows))
      .catch(() => undefined);
  }, [today]);
  if (rows.length === 0) return null;
  const n = (v: number) => v.toLocaleString(lang);
  return (
    <section className="card" aria-labelledby="usage-daily-title">
      <h2 id="usage-daily-title">{t('usage.daily.title')}</h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="usage-daily-title">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('usage.daily.day')}</th>
              <th scope="col">{t('usage.daily.account')}</th>
              <th scope="col">{t('usage.daily.model')}</th>
              <th scope="col" className="num">
                {t('usage.requests')}
              </th>
              <th scope="col" className="num">
                {t('usage.errors')}
              </th>
              <th scope="col" className="num">
                {t('usage.tokensIn')}
              </th>
              <th scope="col" className="num">
                {t('usage.tokensOut')}
              </th>
            </tr>
          </thead>
          <tbody translate="no">
            {[...rows].reverse().map((r) => (
              <tr key={`${r.day}|${r.account}|${r.model}`}>
                <td>{r.day}</td>
                <td>{r.account}</td>
                <td>{r.model}</td>
                <td className="num">{n(r.requests)}</td>
                <td className="num">{n(r.errors)}</td>
                <td className="num">{n(r.tokensIn)}</td>
                <td className="num">{n(r.tokensOut)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
