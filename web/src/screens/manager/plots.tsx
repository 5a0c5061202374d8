import { Page } from '../../components/page';
import { formatDate, t } from '../../i18n';
import type { CertificationStatus, Plot } from './types';
import { Link, PagedList, query, SearchForm, Tag, usePaged, useSearch } from './ui';

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

/** A plot in a list: its code and crop (a link to it) and its certificate state. */
export function PlotCard({ plot, heading: Heading }: { plot: Plot; heading: 'h2' | 'h3' }) {
  return (
    <>
      <Heading>
        <Link to={`/manager/plots/${plot.id}`}>
          {plot.code} · {plot.crop}
        </Link>
      </Heading>
      <CertificateTag plot={plot} />
    </>
  );
}

/** Every plot of the co-op with its certificate state; search by code or crop. */
export default function Plots() {
  const search = useSearch();
  const list = usePaged<Plot>(`/api/v1/plots${query({ q: search.q, limit: 20 })}`);
  return (
    <Page title={t('manager.plots.title')} back="/manager">
      <p>{t('manager.plots.addFromHousehold')}</p>
      <SearchForm search={search} label={t('manager.plots.search')} />
      <PagedList list={list} empty={t('manager.plots.empty')}>
        {(p) => <PlotCard plot={p} heading="h2" />}
      </PagedList>
    </Page>
  );
}
