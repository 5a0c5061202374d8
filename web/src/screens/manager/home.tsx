import { Page } from '../../components/page';
import { formatDate, isoDay, t } from '../../i18n';
import type { Plot } from './types';
import { allPages, daysUntil, Link, Loading, useLoad } from './ui';

const MENU = [
  { to: '/manager/households', key: 'manager.menu.households' },
  { to: '/manager/plots', key: 'manager.menu.plots' },
  { to: '/manager/products', key: 'manager.menu.products' },
  { to: '/manager/batches', key: 'manager.menu.batches' },
  { to: '/manager/listings', key: 'manager.menu.listings' },
] as const;

interface Expiring {
  plot: Plot;
  number: string;
  scheme: string;
  validUntil: string;
  days: number;
}

/** Certificates that end within 30 days (7 days: urgent) or have ended, so they are renewed before a harvest. */
export function expiringCertificates(plots: Plot[], today = isoDay()): Expiring[] {
  const out: Expiring[] = [];
  for (const plot of plots)
    for (const c of plot.certifications) {
      if (c.revokedAt) continue;
      const days = daysUntil(c.validUntil, today);
      if (days <= 30) out.push({ plot, number: c.number, scheme: c.scheme, validUntil: c.validUntil, days });
    }
  return out.sort((a, b) => a.days - b.days);
}

function AlertList({ title, items, tone }: { title: string; items: Expiring[]; tone: 'bad' | 'warn' }) {
  if (!items.length) return null;
  return (
    <section class={`expiry expiry-${tone}`}>
      <h3>
        {title} ({items.length})
      </h3>
      <ul class="plain">
        {items.map((e) => (
          <li key={`${e.plot.id}-${e.number}`}>
            <Link to={`/manager/plots/${e.plot.id}`}>
              {e.plot.code} · {e.plot.crop}
            </Link>
            <span>
              {' '}
              {e.scheme} {e.number}:{' '}
              {e.days < 0 ? t('manager.alerts.endedOn', { date: formatDate(e.validUntil) }) : t('manager.alerts.endsIn', { days: e.days, date: formatDate(e.validUntil) })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export default function ManagerHome() {
  const plots = useLoad(() => allPages<Plot>('/api/v1/plots'), []);
  return (
    <Page title={t('manager.home.title')}>
      <nav aria-label={t('manager.home.menu')}>
        <ul class="tiles">
          {MENU.map((item) => (
            <li key={item.to}>
              <Link to={item.to} class="tile">
                {t(item.key)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <h2>{t('manager.alerts.title')}</h2>
      <Loading state={plots}>
        {() => {
          const all = expiringCertificates(plots.data ?? []);
          if (!all.length) return <p>{t('manager.alerts.none')}</p>;
          return (
            <>
              <AlertList title={t('manager.alerts.expired')} items={all.filter((e) => e.days < 0)} tone="bad" />
              <AlertList title={t('manager.alerts.within7')} items={all.filter((e) => e.days >= 0 && e.days <= 7)} tone="bad" />
              <AlertList title={t('manager.alerts.within30')} items={all.filter((e) => e.days > 7)} tone="warn" />
            </>
          );
        }}
      </Loading>
    </Page>
  );
}
