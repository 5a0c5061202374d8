import { Alert } from '../../components/alert';
import { describeError } from '../../components/errors';
import { Page } from '../../components/page';
import { useLoad } from '../../components/use-load';
import { formatDateTime, t } from '../../i18n';
import { navigate } from '../../router/router';
import { currentUser } from '../../session/session';
import { ENTRY_KINDS, ICON_PATHS } from './activities';
import { loadBatches, loadPesticides, loadPlots, loadProducts, loadSafety } from './data';
import { PlotCard } from './plot-card';

export default function Home() {
  const user = currentUser.value!;
  const [plots] = useLoad(async () => {
    const list = await loadPlots(user);
    const safeties = await Promise.all(list.data.items.map((p) => loadSafety(user, p.id).then((s) => s.data).catch(() => null)));
    // While the network is there, keep what the entry forms need on the phone: the orchard may have none.
    if (!list.fromCache) void Promise.allSettled([loadPesticides(user), loadProducts(user), loadBatches(user)]);
    return { ...list, safeties };
  }, [user.id]);

  return (
    <Page title={t('farmer.home.title')}>
      <h2>{t('farmer.home.quickEntry')}</h2>
      <ul class="tiles">
        {ENTRY_KINDS.map((kind) => (
          <li key={kind}>
            <button type="button" class="tile" onClick={() => navigate(`/farmer/entry/${kind}`)}>
              <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path d={ICON_PATHS[kind]} />
              </svg>
              {t(`farmer.activity.${kind}`)}
            </button>
          </li>
        ))}
      </ul>
      <h2>{t('farmer.home.plots')}</h2>
      {plots.state === 'loading' && <p>{t('common.loading')}</p>}
      {plots.state === 'failed' && <Alert tone="error">{describeError(plots.error)}</Alert>}
      {plots.state === 'done' && (
        <>
          {plots.value.fromCache && <Alert tone="info">{t('farmer.home.cachedAt', { time: formatDateTime(plots.value.savedAt) })}</Alert>}
          {plots.value.data.items.length === 0 && <p>{t('farmer.home.noPlots')}</p>}
          <ul class="cards">
            {plots.value.data.items.map((plot, i) => (
              <PlotCard key={plot.id} plot={plot} safety={plots.value.safeties[i]} />
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}
