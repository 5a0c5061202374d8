import { useEffect, useState } from 'preact/hooks';
import { TextField } from '../../components/field';
import { Page } from '../../components/page';
import { formatDate, t } from '../../i18n';
import type { CertificationStatus, Plot } from './types';
import { Link, Loading, MoreButton, query, Tag, usePaged } from './ui';

export const STATUS_TONE: Record<CertificationStatus | 'none', 'ok' | 'warn' | 'bad' | 'info'> = {
  valid: 'ok',
  expiring: 'warn',
  unverified: 'warn',
  expired: 'bad',
  revoked: 'bad',
  none: 'info',
};

/** The plot's best certificate as one tag: its state and end date. */
export function CertificateTag({ plot }: { plot: Plot }) {
  const status = plot.certificationStatus;
  return (
    <Tag tone={STATUS_TONE[status]}>
      {t(`manager.cert.status.${status}`)}
      {plot.certificationExpiresOn && ` · ${t('manager.cert.until', { date: formatDate(plot.certificationExpiresOn) })}`}
    </Tag>
  );
}

/** Every plot of the co-op with its certificate state; search by code or crop. */
export default function Plots() {
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const list = usePaged<Plot>(`/api/v1/plots${query({ q, limit: 20 })}`);
  return (
    <Page title={t('manager.plots.title')} back="/manager">
      <p>{t('manager.plots.addFromHousehold')}</p>
      <form role="search" onSubmit={(e) => (e.preventDefault(), setQ(typed.trim()))}>
        <TextField label={t('manager.plots.search')} type="search" value={typed} onValue={setTyped} />
      </form>
      <Loading state={{ ...list, loading: list.loading && !list.items.length }}>
        {() =>
          list.items.length ? (
            <ul class="cards">
              {list.items.map((p) => (
                <li key={p.id} class="card">
                  <h2>
                    <Link to={`/manager/plots/${p.id}`}>
                      {p.code} · {p.crop}
                    </Link>
                  </h2>
                  <CertificateTag plot={p} />
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('manager.plots.empty')}</p>
          )
        }
      </Loading>
      <MoreButton more={list.more} loading={list.loading} />
    </Page>
  );
}
