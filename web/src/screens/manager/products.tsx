import { useState } from 'preact/hooks';
import { request } from '../../api/client';
import { Button } from '../../components/button';
import { SelectField, TextField } from '../../components/field';
import { TextArea } from '../../components/text-area';
import { Page } from '../../components/page';
import { handleSubmit, useSubmit } from '../../components/use-submit';
import { formatNumber, t } from '../../i18n';
import type { Product } from './types';
import { fieldError, FormSubmit, PagedList, usePaged } from './ui';

export const PRODUCT_UNITS = ['kg', 'box', 'bag', 'crate', 'piece', 'bunch', 'bottle', 'jar'] as const;
const FIELDS = ['name', 'variety', 'gtin', 'unit', 'packageNetWeightKg', 'shelfLifeDays', 'description'];

function ProductForm({ onSaved, onCancel }: { onSaved: () => void; onCancel: () => void }) {
  const [v, setV] = useState({ name: '', variety: '', gtin: '', unit: 'kg', packageNetWeightKg: '', shelfLifeDays: '', description: '' });
  const set = (key: keyof typeof v) => (value: string) => setV((old) => ({ ...old, [key]: value }));
  const { busy, error, run: save } = useSubmit(async () => {
    const body: Record<string, unknown> = { name: v.name.trim(), unit: v.unit };
    if (v.variety.trim()) body.variety = v.variety.trim();
    if (v.gtin.trim()) body.gtin = v.gtin.trim();
    if (v.packageNetWeightKg.trim()) body.packageNetWeightKg = Number(v.packageNetWeightKg.replace(',', '.'));
    if (v.shelfLifeDays.trim()) body.shelfLifeDays = Number(v.shelfLifeDays);
    if (v.description.trim()) body.description = v.description.trim();
    await request('/api/v1/products', { method: 'POST', body });
    onSaved();
  });

  return (
    <form noValidate class="panel" onSubmit={handleSubmit(save)}>
      <h2>{t('manager.products.addTitle')}</h2>
      <TextField label={t('manager.product.name')} required value={v.name} onValue={set('name')} error={fieldError(error, 'name')} />
      <TextField label={t('manager.product.variety')} value={v.variety} onValue={set('variety')} error={fieldError(error, 'variety')} />
      <TextField label={t('manager.product.gtin')} hint={t('manager.product.gtinHint')} inputMode="numeric" value={v.gtin} onValue={set('gtin')} error={fieldError(error, 'gtin')} />
      <SelectField label={t('manager.product.unit')} value={v.unit} onValue={set('unit')} error={fieldError(error, 'unit')}>
        {PRODUCT_UNITS.map((unit) => (
          <option key={unit} value={unit}>
            {t(`manager.unit.${unit}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('manager.product.packageKg')}
        hint={t('manager.product.packageKgHint')}
        inputMode="decimal"
        value={v.packageNetWeightKg}
        onValue={set('packageNetWeightKg')}
        error={fieldError(error, 'packageNetWeightKg')}
      />
      <TextField label={t('manager.product.shelfLife')} inputMode="numeric" value={v.shelfLifeDays} onValue={set('shelfLifeDays')} error={fieldError(error, 'shelfLifeDays')} />
      <TextArea label={t('manager.product.description')} value={v.description} onValue={set('description')} error={fieldError(error, 'description')} />
      <FormSubmit error={error} fields={FIELDS} busy={busy}>
        {t('common.save')}
      </FormSubmit>
      <Button variant="secondary" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
    </form>
  );
}

/** The co-op's products; add one. */
export default function Products() {
  const list = usePaged<Product>('/api/v1/products?limit=50');
  const [adding, setAdding] = useState(false);
  return (
    <Page title={t('manager.products.title')} back="/manager">
      {adding ? (
        <ProductForm onSaved={() => (setAdding(false), list.reload())} onCancel={() => setAdding(false)} />
      ) : (
        <Button onClick={() => setAdding(true)}>{t('manager.products.add')}</Button>
      )}
      <PagedList list={list} empty={t('manager.products.empty')}>
        {(p) => (
          <>
            <h2>{p.name}</h2>
            <p class="meta">
              {[p.variety, t(`manager.unit.${p.unit}`), p.packageNetWeightKg ? `${formatNumber(p.packageNetWeightKg)} kg/${t('manager.product.package')}` : null, p.gtin ? `GTIN ${p.gtin}` : null]
                .filter(Boolean)
                .join(' · ')}
            </p>
          </>
        )}
      </PagedList>
    </Page>
  );
}
