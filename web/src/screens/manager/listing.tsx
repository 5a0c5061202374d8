import { useEffect, useState } from 'preact/hooks';
import { api, request } from '../../api/client';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { TextField } from '../../components/field';
import { Page } from '../../components/page';
import { handleSubmit, useSubmit } from '../../components/use-submit';
import { formatDateTime, formatNumber, t } from '../../i18n';
import type { RouteParams } from '../../router/router';
import { ChannelTag, formatVnd } from './listings';
import type { Channel, Listing } from './types';
import { fieldError, FormError, Link, Loading, useLoad } from './ui';

const POLL_MS = 1500;
const SETTLING: Channel['status'][] = ['pending', 'syncing', 'in_review', 'updating'];

function ChannelCard({ listing, channel, onChanged }: { listing: Listing; channel: Channel; onChanged: (l: Listing) => void }) {
  const { busy, error, run: retry } = useSubmit(async () => {
    onChanged((await request<Listing>(`/api/v1/listings/${listing.id}/channels/${channel.marketplace}/retry`, { method: 'POST' })).data);
  });
  return (
    <li class="card">
      <h3>{t(`manager.marketplace.${channel.marketplace}`)}</h3>
      <ChannelTag channel={channel} />
      <p>{t(`manager.channel.explain.${channel.status}`)}</p>
      {channel.lastError && (
        <p>
          <strong>{t('manager.channel.reason')}</strong> {channel.lastError}
        </p>
      )}
      <p class="meta">
        {channel.syncedAt ? t('manager.channel.syncedAt', { at: formatDateTime(channel.syncedAt) }) : null}
        {channel.attempts > 0 && ` · ${t('manager.channel.attempts', { n: channel.attempts })}`}
      </p>
      <FormError error={error} />
      {(channel.status === 'failed' || channel.status === 'rejected') && (
        <Button busy={busy} onClick={() => void retry()}>
          {t('manager.channel.retry')}
        </Button>
      )}
    </li>
  );
}

function EditForm({ listing, onSaved }: { listing: Listing; onSaved: (l: Listing) => void }) {
  const [price, setPrice] = useState(String(listing.price));
  const [stock, setStock] = useState(String(listing.stock));
  const [saved, setSaved] = useState(false);
  const { busy, error, run: save } = useSubmit(async () => {
    setSaved(false);
    const body = { price: Number(price.replace(/[.\s₫]/g, '')), stock: Number(stock) };
    onSaved((await request<Listing>(`/api/v1/listings/${listing.id}`, { method: 'PATCH', body })).data);
    setSaved(true);
  });
  return (
    <form noValidate class="panel" onSubmit={handleSubmit(save)}>
      <h2>{t('manager.listing.edit')}</h2>
      <TextField label={t('manager.listing.price')} hint={t('manager.listing.priceHint')} inputMode="numeric" value={price} onValue={setPrice} error={fieldError(error, 'price')} />
      <TextField label={t('manager.listing.stock')} inputMode="numeric" value={stock} onValue={setStock} error={fieldError(error, 'stock')} />
      <FormError error={error} fields={['price', 'stock']} />
      {saved && <Alert tone="success">{t('manager.listing.savedPushing')}</Alert>}
      <Button type="submit" busy={busy}>
        {t('common.save')}
      </Button>
    </form>
  );
}

/** A listing: each marketplace's state with the platform's reason, price and stock, retry, delist. */
export default function ListingScreen({ params }: { params: RouteParams }) {
  const listing = useLoad(() => api.get<Listing>(`/api/v1/listings/${params.id}`), [params.id]);
  const [confirm, setConfirm] = useState(false);
  const settling = listing.data?.channels.some((c) => SETTLING.includes(c.status) || (listing.data?.state === 'delisted' && c.status !== 'delisted'));
  useEffect(() => {
    if (!settling) return;
    const timer = setTimeout(listing.reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [listing.data, settling, listing.reload]);

  const delist = useSubmit(async () => {
    listing.set((await request<Listing>(`/api/v1/listings/${params.id}`, { method: 'DELETE' })).data);
    setConfirm(false);
  });

  return (
    <Page title={listing.data?.title ?? t('manager.listing.title')} back="/manager/listings">
      <Loading state={{ ...listing, loading: listing.loading && !listing.data }}>
        {() => {
          const l = listing.data!;
          return (
            <>
              <dl class="facts">
                <dt>{t('manager.listing.price')}</dt>
                <dd>{formatVnd(l.price)}</dd>
                <dt>{t('manager.listing.stock')}</dt>
                <dd>{formatNumber(l.stock)}</dd>
                <dt>{t('manager.listing.sku')}</dt>
                <dd>{l.sellerSku}</dd>
                {l.batchId && (
                  <>
                    <dt>{t('manager.listing.batch')}</dt>
                    <dd>
                      <Link to={`/manager/batches/${l.batchId}`}>{t('manager.listing.openBatch')}</Link>
                    </dd>
                  </>
                )}
              </dl>
              <h2>{t('manager.listing.channels')}</h2>
              <ul class="cards" aria-live="polite">
                {l.channels.map((c) => (
                  <ChannelCard key={c.marketplace} listing={l} channel={c} onChanged={listing.set} />
                ))}
              </ul>
              {l.state !== 'delisted' && <EditForm listing={l} onSaved={listing.set} />}
              <FormError error={delist.error} />
              {l.state !== 'delisted' &&
                (confirm ? (
                  <div class="panel danger">
                    <p>{t('manager.listing.delistExplain', { channels: l.channels.filter((c) => c.status !== 'delisted').map((c) => t(`manager.marketplace.${c.marketplace}`)).join(', ') })}</p>
                    <Button variant="danger" busy={delist.busy} onClick={() => void delist.run()}>
                      {t('manager.listing.delistConfirm')}
                    </Button>
                    <Button variant="secondary" onClick={() => setConfirm(false)}>
                      {t('common.cancel')}
                    </Button>
                  </div>
                ) : (
                  <Button variant="danger" onClick={() => setConfirm(true)}>
                    {t('manager.listing.delist')}
                  </Button>
                ))}
            </>
          );
        }}
      </Loading>
    </Page>
  );
}
