/**
 * Today per account (issue 16): a bar of requests that went well and that failed, and what Lingma
 * reported about the account's quota. Lingma gives no quota figures (its `auth/status` has only a
 * quota indicator; protocol notes §6.1, §8.2, L/M), but it does report when a quota is used up (a
 * 429 finish with a quota reason, often with a reset time): the bar then says when that happened
 * and, from the account's cooldown, when it resets.
 */
import { useTranslation } from 'react-i18next';
import { useLang } from '../i18n';
import { startOfDay } from '../inspector/stats-view';
import { useLiveStats } from '../inspector/use-live-stats';
import { useApp } from '../store';

export function UsageAccounts() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const accounts = useApp((s) => s.accounts);
  const stats = useLiveStats(
    {
      window: (now) => ({ since: startOfDay(now), bucketMs: 86_400_000 }),
      split: 'account',
      maxSeries: 20,
    },
    [],
  );
  const byName = new Map(stats?.series.map((s) => [s.key, s.totals]) ?? []);
  const max = Math.max(1, ...[...byName.values()].map((x) => x.requests));
  const time = (ms: number) =>
    new Date(ms).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' });
  if (accounts.length === 0) return null;
  return (
    <section className="card" aria-labelledby="usage-accounts-title" data-testid="usage-accounts">
      <h2 id="usage-accounts-title">{t('usage.quota.title')}</h2>
      <ul className="quota-list">
        {accounts.map((a) => {
          const x = byName.get(a.name);
          const requests = x?.requests ?? 0;
          const errors = x?.errors ?? 0;
          const exhausted = x && x.quotaErrors > 0 ? x.lastQuotaAt : undefined;
          const resets =
            a.state === 'cooling-down' && a.cooldownUntil ? a.cooldownUntil : undefined;
          return (
            <li key={a.id} data-account={a.name}>
              <div className="quota-row">
                <span className="quota-name" translate="no">
                  {a.name}
                </span>
                {/* The figures beside the bar say the same in words. */}
                <div
                  className="quota-bar"
                  aria-hidden="true"
                  data-requests={requests}
                  data-errors={errors}
                >
                  <span
                    className="quota-ok"
                    style={{ width: `${((requests - errors) / max) * 100}%` }}
                  />
                  <span className="quota-bad" style={{ width: `${(errors / max) * 100}%` }} />
                </div>
                <span className="small" data-testid="quota-figures">
                  {t('usage.quota.requests', { count: requests })} ·{' '}
                  {t('usage.quota.errors', { count: errors })}
                </span>
              </div>
              {exhausted !== undefined && (
                <p className="quota-note warn small" data-testid="quota-exhausted">
                  {t('usage.quota.exhausted', { at: time(exhausted) })}
                  {resets ? ` · ${t('usage.quota.resets', { at: time(resets) })}` : ''}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <p className="muted small">{t('usage.quota.noReport')}</p>
    </section>
  );
}
