import { Button } from '../../components/button';
import { Page } from '../../components/page';
import { t } from '../../i18n';
import { navigate } from '../../router/router';
import type { Household } from './types';
import { Link, PagedList, query, SearchForm, Tag, usePaged, useSearch } from './ui';

/** Households of the co-op, paged; the search goes to the API's `q`, which ignores case and diacritics. */
export default function Households() {
  const search = useSearch();
  const { q } = search;
  const list = usePaged<Household>(`/api/v1/households${query({ q, limit: 20 })}`);

  return (
    <Page title={t('manager.households.title')} back="/manager">
      <Button onClick={() => navigate('/manager/households/new')}>{t('manager.households.add')}</Button>
      <Button variant="secondary" onClick={() => navigate('/manager/households/import')}>
        {t('manager.households.import')}
      </Button>
      <SearchForm search={search} label={t('manager.households.search')} hint={t('manager.households.searchHint')} />
      <PagedList list={list} label={t('manager.households.title')} empty={q ? t('manager.households.noMatch', { q }) : t('manager.households.empty')}>
        {(h) => (
          <>
            <h2>
              <Link to={`/manager/households/${h.id}`}>{h.headName}</Link>
            </h2>
            <p class="meta">
              {h.phone} · {h.commune}, {h.province}
            </p>
            {h.digitalSkillsTrained && <Tag tone="ok">{t('manager.households.trained')}</Tag>}
          </>
        )}
      </PagedList>
    </Page>
  );
}
