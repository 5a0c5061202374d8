import { useEffect, useState } from 'preact/hooks';
import { Button } from '../../components/button';
import { TextField } from '../../components/field';
import { Page } from '../../components/page';
import { t } from '../../i18n';
import { navigate } from '../../router/router';
import type { Household } from './types';
import { Link, Loading, MoreButton, query, Tag, usePaged } from './ui';

/** Households of the co-op, paged; the search goes to the API's `q`, which ignores case and diacritics. */
export default function Households() {
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const list = usePaged<Household>(`/api/v1/households${query({ q, limit: 20 })}`);

  return (
    <Page title={t('manager.households.title')} back="/manager">
      <Button onClick={() => navigate('/manager/households/new')}>{t('manager.households.add')}</Button>
      <Button variant="secondary" onClick={() => navigate('/manager/households/import')}>
        {t('manager.households.import')}
      </Button>
      <form role="search" onSubmit={(e) => (e.preventDefault(), setQ(typed.trim()))}>
        <TextField label={t('manager.households.search')} hint={t('manager.households.searchHint')} type="search" value={typed} onValue={setTyped} />
      </form>
      <Loading state={{ ...list, loading: list.loading && !list.items.length }}>
        {() =>
          list.items.length ? (
            <ul class="cards" aria-label={t('manager.households.title')}>
              {list.items.map((h) => (
                <li key={h.id} class="card">
                  <h2>
                    <Link to={`/manager/households/${h.id}`}>{h.headName}</Link>
                  </h2>
                  <p class="meta">
                    {h.phone} · {h.commune}, {h.province}
                  </p>
                  {h.digitalSkillsTrained && <Tag tone="ok">{t('manager.households.trained')}</Tag>}
                </li>
              ))}
            </ul>
          ) : (
            <p>{q ? t('manager.households.noMatch', { q }) : t('manager.households.empty')}</p>
          )
        }
      </Loading>
      <MoreButton more={list.more} loading={list.loading} />
    </Page>
  );
}
