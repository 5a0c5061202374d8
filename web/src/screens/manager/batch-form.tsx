import { useState } from 'preact/hooks';
import { api, request } from '../../api/client';
import { SelectField, TextField } from '../../components/field';
import { Page } from '../../components/page';
import { handleSubmit, useSubmit } from '../../components/use-submit';
import { isoDay, t } from '../../i18n';
import { navigate } from '../../router/router';
import type { Batch, Household, Plot, Product } from './types';
import { allPages, fieldError, FormSubmit, Loading, newId, ProductSelect, useLoad } from './ui';

const BATCH_UNITS = ['kg', 'tonne', 'box', 'crate', 'piece'] as const;
const FIELDS = ['productId', 'householdId', 'plotId', 'harvestedAt', 'quantity', 'unit'];

/** Registers a harvest batch: product, household, plot, day, quantity. */
export default function BatchForm() {
  const choices = useLoad(async () => {
    const [products, households] = await Promise.all([allPages<Product>('/api/v1/products'), allPages<Household>('/api/v1/households')]);
    return { products, households };
  }, []);
  const [v, setV] = useState({ productId: '', householdId: '', plotId: '', harvestedAt: isoDay(), quantity: '', unit: 'kg' });
  const plots = useLoad(async () => (v.householdId ? (await api.get<{ items: Plot[] }>(`/api/v1/households/${v.householdId}/plots?limit=500`)).items : []), [v.householdId]);
  const [id] = useState(newId);
  const set = (key: keyof typeof v) => (value: string) => setV((old) => ({ ...old, [key]: value, ...(key === 'householdId' ? { plotId: '' } : {}) }));
  const { busy, error, run: save } = useSubmit(async () => {
    const body: Record<string, unknown> = {
      id,
      productId: v.productId,
      householdId: v.householdId,
      harvestedAt: v.harvestedAt,
      quantity: Number(v.quantity.replace(',', '.')),
      unit: v.unit,
    };
    if (v.plotId) body.plotId = v.plotId;
    const { data } = await request<Batch>('/api/v1/batches', { method: 'POST', body });
    navigate(`/manager/batches/${data.id}`, { replace: true });
  });

  return (
    <Page title={t('manager.batches.addTitle')} back="/manager/batches">
      <Loading state={choices}>
        {() => (
          <form noValidate onSubmit={handleSubmit(save)}>
            <ProductSelect products={choices.data!.products} value={v.productId} onValue={set('productId')} error={fieldError(error, 'productId')} />
            <SelectField label={t('manager.batch.household')} value={v.householdId} onValue={set('householdId')} error={fieldError(error, 'householdId')} required>
              <option value="">{t('manager.choose')}</option>
              {choices.data!.households.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.headName} ({h.phone})
                </option>
              ))}
            </SelectField>
            <SelectField label={t('manager.batch.plot')} value={v.plotId} onValue={set('plotId')} error={fieldError(error, 'plotId')}>
              <option value="">{t('manager.batch.noPlot')}</option>
              {(plots.data ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.code} · {p.crop}
                </option>
              ))}
            </SelectField>
            <TextField label={t('manager.batch.harvestedAt')} type="date" required value={v.harvestedAt} onValue={set('harvestedAt')} error={fieldError(error, 'harvestedAt')} />
            <TextField label={t('manager.batch.quantity')} inputMode="decimal" required value={v.quantity} onValue={set('quantity')} error={fieldError(error, 'quantity')} />
            <SelectField label={t('manager.batch.unit')} value={v.unit} onValue={set('unit')} error={fieldError(error, 'unit')}>
              {BATCH_UNITS.map((unit) => (
                <option key={unit} value={unit}>
                  {t(`manager.unit.${unit}`)}
                </option>
              ))}
            </SelectField>
            <FormSubmit error={error} fields={FIELDS} busy={busy}>
              {t('common.save')}
            </FormSubmit>
          </form>
        )}
      </Loading>
    </Page>
  );
}
