import { request } from '../../api/client';
import { Button } from '../../components/button';
import { Page } from '../../components/page';
import { t } from '../../i18n';
import { navigate, type RouteParams } from '../../router/router';
import { PlotCard } from './plots';
import type { Household, Plot } from './types';
import { Loading, PagedList, Tag, useLoad, usePaged } from './ui';

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
      <PagedList list={plots} empty={t('manager.plots.empty')}>
        {(p) => <PlotCard plot={p} heading="h3" />}
      </PagedList>
    </Page>
  );
}
