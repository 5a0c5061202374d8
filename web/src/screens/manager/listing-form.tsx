import { useState } from 'preact/hooks';
import { request } from '../../api/client';
import { SelectField, TextField } from '../../components/field';
import { TextArea } from '../../components/text-area';
import { Page } from '../../components/page';
import { handleSubmit, useSubmit } from '../../components/use-submit';
import { formatDate, t } from '../../i18n';
import { navigate, type RouteParams } from '../../router/router';
import { MARKETPLACES, type Batch, type Listing, type Marketplace, type Product } from './types';
import { allPages, Checkbox, fieldError, FormSubmit, Loading, ProductSelect, useLoad } from './ui';

const FIELDS = ['productId', 'batchId', 'title', 'description', 'price', 'stock', 'channels'];

/** Puts a product (from one batch, so a recall finds its buyers) on sale on Lazada, Tiki and/or Shopee. */
export default function ListingForm({ params }: { params: RouteParams }) {
  const choices = useLoad(async () => {
    const [products, batches] = await Promise.all([allPages<Product>('/api/v1/products'), allPages<Batch>('/api/v1/batches', 500)]);
    return { products, batches: batches.filter((b) => b.status !== 'recalled' && !b.onHold) };
  }, []);
  const fromBatch = params.batchId ?? '';
  const [v, setV] = useState({ productId: '', batchId: fromBatch, title: '', description: '', price: '', stock: '' });
  const [channels, setChannels] = useState<Marketplace[]>([...MARKETPLACES]);
  const set = (key: keyof typeof v) => (value: string) => setV((old) => ({ ...old, [key]: value }));
  const batch = choices.data?.batches.find((b) => b.id === v.batchId);
  const productId = batch?.productId ?? v.productId;
  const product = choices.data?.products.find((p) => p.id === productId);

  const { busy, error, run: save } = useSubmit(async () => {
    const body: Record<string, unknown> = {
      productId,
      title: v.title.trim() || product?.name || '',
      description: v.description.trim() || product?.description || product?.name || '',
      price: Number(v.price.replace(/[.\s₫]/g, '')),
      stock: Number(v.stock),
      channels,
    };
    if (v.batchId) body.batchId = v.batchId;
    const { data } = await request<Listing>('/api/v1/listings', { method: 'POST', body });
    navigate(`/manager/listings/${data.id}`, { replace: true });
  });

  return (
    <Page title={t('manager.listings.addTitle')} back={fromBatch ? `/manager/batches/${fromBatch}` : '/manager/listings'}>
      <Loading state={choices}>
        {() => (
          <form noValidate onSubmit={handleSubmit(save)}>
            <SelectField label={t('manager.listing.batch')} hint={t('manager.listing.batchHint')} value={v.batchId} onValue={set('batchId')} error={fieldError(error, 'batchId')}>
              <option value="">{t('manager.listing.noBatch')}</option>
              {choices.data!.batches.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.lotCode} · {choices.data!.products.find((p) => p.id === b.productId)?.name ?? ''} · {formatDate(b.harvestedAt)}
                </option>
              ))}
            </SelectField>
            {!batch && (
              <ProductSelect products={choices.data!.products} value={v.productId} onValue={set('productId')} error={fieldError(error, 'productId')} />
            )}
            <TextField label={t('manager.listing.titleField')} hint={product ? t('manager.listing.titleHint', { name: product.name }) : undefined} value={v.title} onValue={set('title')} error={fieldError(error, 'title')} />
            <TextArea label={t('manager.listing.description')} value={v.description} onValue={set('description')} error={fieldError(error, 'description')} />
            <TextField label={t('manager.listing.price')} hint={t('manager.listing.priceHint')} inputMode="numeric" required value={v.price} onValue={set('price')} error={fieldError(error, 'price')} />
            <TextField label={t('manager.listing.stock')} inputMode="numeric" required value={v.stock} onValue={set('stock')} error={fieldError(error, 'stock')} />
            <fieldset class="group">
              <legend>{t('manager.listing.channels')}</legend>
              {MARKETPLACES.map((m) => (
                <Checkbox
                  key={m}
                  label={t(`manager.marketplace.${m}`)}
                  checked={channels.includes(m)}
                  onChange={(on) => setChannels((old) => (on ? [...old, m] : old.filter((x) => x !== m)))}
                />
              ))}
              {fieldError(error, 'channels') && (
                <p class="field-error" role="alert">
                  {fieldError(error, 'channels')}
                </p>
              )}
            </fieldset>
            <FormSubmit error={error} fields={FIELDS} busy={busy}>
              {t('manager.listing.publish')}
            </FormSubmit>
          </form>
        )}
      </Loading>
    </Page>
  );
}
