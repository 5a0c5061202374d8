import { request } from '../../api/client';
import { Button } from '../../components/button';
import { Page } from '../../components/page';
import { t } from '../../i18n';
import { navigate, type RouteParams } from '../../router/router';
import { CertificateTag } from './plots';
import type { Household, Plot } from './types';
import { Link, Loading, MoreButton, Tag, useLoad, usePaged } from './ui';

/** One household: its details and its plots. */
export default function HouseholdScreen({ params }: { params: RouteParams }) {
  const household = useLoad(async () => (await request<Household>(`/api/v1/households/${params.id}`)).data, [params.id]);
  const plots = usePaged<Plot>(`/api/v1/households/${params.id}/plots?limit=50`);
  return (
    <Page title={household.data?.headName ?? t('manager.household.title')} back="/manager/households">
      <Loading state={household}>
        {() => {
          const h = household.data!;
          return (
            <>
              <dl class="facts">
                <dt>{t('manager.household.phone')}</dt>
                <dd>{h.phone}</dd>
                <dt>{t('manager.household.address')}</dt>
                <dd>{[h.commune, h.district, h.province].filter(Boolean).join(', ')}</dd>
                <dt>{t('manager.household.nationalId')}</dt>
                <dd>{h.nationalId ?? '—'}</dd>
              </dl>
              {h.digitalSkillsTrained && <Tag tone="ok">{t('manager.households.trained')}</Tag>}
              <div>
                <Button variant="secondary" onClick={() => navigate(`/manager/households/${h.id}/edit`)}>
                  {t('manager.household.edit')}
                </Button>
              </div>
            </>
          );
        }}
      </Loading>
      <h2>{t('manager.plots.title')}</h2>
      <Button onClick={() => navigate(`/manager/households/${params.id}/plots/new`)}>{t('manager.plots.add')}</Button>
      <Loading state={{ ...plots, loading: plots.loading && !plots.items.length }}>
        {() =>
          plots.items.length ? (
            <ul class="cards">
              {plots.items.map((p) => (
                <li key={p.id} class="card">
                  <h3>
                    <Link to={`/manager/plots/${p.id}`}>
                      {p.code} · {p.crop}
                    </Link>
                  </h3>
                  <CertificateTag plot={p} />
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('manager.plots.empty')}</p>
          )
        }
      </Loading>
      <MoreButton more={plots.more} loading={plots.loading} />
    </Page>
  );
}
