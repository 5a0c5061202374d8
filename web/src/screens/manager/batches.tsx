import { Button } from '../../components/button';
import { Page } from '../../components/page';
import { formatDate, formatNumber, t } from '../../i18n';
import { navigate } from '../../router/router';
import type { Batch, Product } from './types';
import { allPages, Link, PagedList, Tag, useLoad, usePaged } from './ui';

/** The batch's food-safety and recall state as tags. */
export function BatchTags({ batch }: { batch: Batch }) {
  return (
    <>
      {batch.status === 'recalled' && <Tag tone="bad">{t('manager.batch.recalled')}</Tag>}
      {batch.onHold && <Tag tone="bad">{t('manager.batch.onHold')}</Tag>}
      {batch.safetyOverride && <Tag tone="warn">{t('manager.batch.overridden')}</Tag>}
      {batch.certificateExpired && <Tag tone="bad">{t('manager.batch.certExpired')}</Tag>}
      {batch.status !== 'recalled' && !batch.onHold && !batch.certificateExpired && !batch.safetyOverride && <Tag tone="ok">{t('manager.batch.safe')}</Tag>}
    </>
  );
}

/** Harvest batches of the co-op, newest first, with their food-safety state. */
export default function Batches() {
  const list = usePaged<Batch>('/api/v1/batches?limit=30');
  const products = useLoad(async () => new Map((await allPages<Product>('/api/v1/products')).map((p) => [p.id, p])), []);
  return (
    <Page title={t('manager.batches.title')} back="/manager">
      <Button onClick={() => navigate('/manager/batches/new')}>{t('manager.batches.add')}</Button>
      <PagedList list={list} empty={t('manager.batches.empty')}>
        {(b) => (
          <>
            <h2>
              <Link to={`/manager/batches/${b.id}`}>{t('manager.batch.lot', { lot: b.lotCode })}</Link>
            </h2>
            <p class="meta">
              {products.data?.get(b.productId)?.name ?? ''} · {formatNumber(b.quantity)} {t(`manager.unit.${b.unit}`)} · {formatDate(b.harvestedAt)}
            </p>
            <BatchTags batch={b} />
          </>
        )}
      </PagedList>
    </Page>
  );
}
