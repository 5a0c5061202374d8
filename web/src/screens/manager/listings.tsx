import { Button } from '../../components/button';
import { Page } from '../../components/page';
import { formatNumber, t } from '../../i18n';
import { navigate } from '../../router/router';
import type { Channel, Listing } from './types';
import { Link, PagedList, Tag, usePaged } from './ui';

export const CHANNEL_TONE: Record<Channel['status'], 'ok' | 'warn' | 'bad' | 'info'> = {
  pending: 'info',
  syncing: 'info',
  in_review: 'warn',
  live: 'ok',
  updating: 'info',
  rejected: 'bad',
  failed: 'bad',
  delisted: 'warn',
};

export function ChannelTag({ channel }: { channel: Channel }) {
  return (
    <Tag tone={CHANNEL_TONE[channel.status]}>
      {t(`manager.marketplace.${channel.marketplace}`)}: {t(`manager.channel.${channel.status}`)}
    </Tag>
  );
}

export function formatVnd(value: number): string {
  return `${formatNumber(value, 0)} ₫`;
}

/** The co-op's listings and where each marketplace stands. */
export default function Listings() {
  const list = usePaged<Listing>('/api/v1/listings?limit=30');
  return (
    <Page title={t('manager.listings.title')} back="/manager">
      <Button onClick={() => navigate('/manager/listings/new')}>{t('manager.listings.add')}</Button>
      <PagedList list={list} empty={t('manager.listings.empty')}>
        {(l) => (
          <>
            <h2>
              <Link to={`/manager/listings/${l.id}`}>{l.title}</Link>
            </h2>
            <p class="meta">
              {formatVnd(l.price)} · {t('manager.listing.stockN', { stock: formatNumber(l.stock) })}
            </p>
            {l.channels.map((c) => (
              <ChannelTag key={c.marketplace} channel={c} />
            ))}
          </>
        )}
      </PagedList>
    </Page>
  );
}
