import { useEffect, useState } from 'preact/hooks';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { describeError } from '../../components/errors';
import { SelectField, TextField } from '../../components/field';
import { flash } from '../../components/flash';
import { Page } from '../../components/page';
import { PhotoInput } from '../../components/photo-input';
import { shrinkPhoto } from '../../photos/shrink';
import { useLoad } from '../../components/use-load';
import { formatDate, formatDayMonth, formatWeight, isoDay, t, toKg, WEIGHT_UNITS, type WeightUnit } from '../../i18n';
import { operations, record } from '../../outbox';
import type { BatchEventPayload, BatchPayload, PhotoPayload, PlotActivityPayload } from '../../outbox/operations';
import { navigate, type RouteParams } from '../../router/router';
import { currentUser } from '../../session/session';
import { isEntryKind, type EntryKind } from './activities';
import {
  lastEntry,
  loadBatches,
  loadPesticides,
  loadPlots,
  loadProducts,
  loadSafety,
  localBatches,
  safeFromOf,
  saveLastEntry,
  type Pesticide,
  type PlotSafety,
} from './data';

const DAY_MS = 86_400_000;

/** The moment of an entry: now for today, else the morning of the day chosen (Vietnam time). */
function occurredAtOf(day: string): string {
  return day === isoDay() ? new Date().toISOString() : `${day}T07:00:00+07:00`;
}

async function loadForm(kind: EntryKind) {
  const user = currentUser.value!;
  const [plots, last, pesticides, products, batches] = await Promise.all([
    loadPlots(user),
    lastEntry(user),
    kind === 'spraying' ? loadPesticides(user).then((r) => r.data.items) : Promise.resolve([] as Pesticide[]),
    kind === 'harvesting' ? loadProducts(user).then((r) => r.data.items) : Promise.resolve([]),
    kind === 'packing' ? loadBatches(user).then((r) => r.data.items) : Promise.resolve([]),
  ]);
  return { plots: plots.data.items, last, pesticides, products, batches };
}

/** One quick entry: everything defaults to the last entry, so a routine one is the tile, then Lưu. */
export default function Entry({ params }: { params: RouteParams }) {
  const kind = params.activity;
  if (!isEntryKind(kind)) {
    navigate('/farmer', { replace: true });
    return null;
  }
  return <EntryForm kind={kind} />;
}

function EntryForm({ kind }: { kind: EntryKind }) {
  const user = currentUser.value!;
  const [form] = useLoad(() => loadForm(kind), [kind, user.id]);
  const [plotId, setPlotId] = useState('');
  const [day, setDay] = useState(isoDay());
  const [pesticideId, setPesticideId] = useState('');
  const [dose, setDose] = useState('');
  const [fertilizer, setFertilizer] = useState('');
  const [note, setNote] = useState('');
  const [productId, setProductId] = useState('');
  const [quantity, setQuantity] = useState('');
  const [unit, setUnit] = useState<WeightUnit>('kg');
  const [batchId, setBatchId] = useState('');
  const [packingHouse, setPackingHouse] = useState('');
  const [safety, setSafety] = useState<PlotSafety | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [photo, setPhoto] = useState<Blob | null>(null);
  const [photoError, setPhotoError] = useState(false);

  useEffect(() => {
    if (form.state !== 'done') return;
    const { plots, last, pesticides, products, batches } = form.value;
    setPlotId(plots.some((p) => p.id === last.plotId) ? last.plotId! : (plots[0]?.id ?? ''));
    setPesticideId(pesticides.some((p) => p.id === last.pesticideId) ? last.pesticideId! : '');
    setDose(last.dose ?? '');
    setFertilizer(last.fertilizer ?? '');
    setProductId(products.some((p) => p.id === last.productId) ? last.productId! : (products[0]?.id ?? ''));
    setQuantity(last.quantity ?? '');
    setUnit(last.unit && last.unit in WEIGHT_UNITS ? (last.unit as WeightUnit) : 'kg');
    const allBatches = [...localBatches().map((b) => b.id), ...batches.map((b) => b.id).reverse()];
    setBatchId(allBatches.includes(last.batchId ?? '') ? last.batchId! : (allBatches[0] ?? ''));
  }, [form.state]);

  useEffect(() => {
    if (kind !== 'harvesting' || !plotId) return;
    let live = true;
    loadSafety(user, plotId).then(
      (s) => live && setSafety(s.data),
      () => live && setSafety(null),
    );
    return () => void (live = false);
  }, [kind, plotId]);

  const title = t('farmer.entry.title', { activity: t(`farmer.activity.${kind}`) });
  if (form.state === 'loading') return <Page title={title} back="/farmer">{t('common.loading')}</Page>;
  if (form.state === 'failed')
    return (
      <Page title={title} back="/farmer">
        <Alert tone="error">{describeError(form.error)}</Alert>
      </Page>
    );
  const { plots, last, pesticides, products, batches } = form.value;
  const plot = plots.find((p) => p.id === plotId);
  const pesticide = pesticides.find((p) => p.id === pesticideId);
  const harvestSafeFrom = kind === 'harvesting' && plotId ? safeFromOf(plotId, safety, operations.value) : null;
  const harvestAt = new Date(occurredAtOf(day));
  const harvestBlocked = harvestSafeFrom !== null && harvestAt.getTime() < harvestSafeFrom.getTime();
  const unsentBatches = localBatches();
  const usedDefaults = Boolean(last.plotId);

  async function save(event: Event) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!plotId && kind !== 'packing') problems.plot = t('common.required', { field: t('farmer.entry.plot') });
    if (kind === 'spraying' && !pesticide) problems.pesticide = t('farmer.entry.pesticideRequired');
    const kg = toKg(Number(quantity.replace(',', '.')), unit);
    if (kind === 'harvesting' && !(kg > 0)) problems.quantity = t('farmer.entry.quantityInvalid');
    if (kind === 'harvesting' && !productId) problems.product = t('farmer.entry.noProducts');
    if (kind === 'packing' && !batchId) problems.batch = t('farmer.entry.noBatch');
    setErrors(problems);
    if (Object.keys(problems).length || harvestBlocked) return;
    setBusy(true);
    setFailure(null);
    try {
      const occurredAt = occurredAtOf(day);
      if (kind === 'harvesting') {
        const payload: BatchPayload = { productId, householdId: user.householdId!, plotId, harvestedAt: occurredAt, quantity: kg, unit: 'kg' };
        const op = await record('batch', payload, { subject: plot?.code });
        if (photo) {
          // Sent after the batch it belongs to (the batch may still be waiting for the network).
          const picture: PhotoPayload = { subject: 'batch', subjectId: op.id, kind: 'harvest', image: photo };
          await record('photo', picture, { dependsOn: [op.id], subject: plot?.code });
        }
        await saveLastEntry(user, { plotId, productId, quantity, unit, batchId: op.id });
      } else if (kind === 'packing') {
        const payload: BatchEventPayload = {
          batchId,
          bizStep: 'packing',
          occurredAt,
          ...(packingHouse.trim() ? { details: { packingHouseCode: packingHouse.trim() } } : {}),
        };
        await record('batchEvent', payload, { dependsOn: unsentBatches.some((b) => b.id === batchId) ? [batchId] : [] });
        await saveLastEntry(user, { batchId });
      } else {
        const details: Record<string, unknown> =
          kind === 'spraying'
            ? { pesticide: pesticide!.product, activeIngredient: pesticide!.activeIngredient, phiDays: pesticide!.phiDays, ...(dose ? { dose } : {}) }
            : kind === 'fertilizing'
              ? { ...(fertilizer ? { product: fertilizer } : {}), ...(dose ? { dose } : {}) }
              : note.trim()
                ? { note: note.trim() }
                : {};
        const payload: PlotActivityPayload = { plotId, activity: kind, occurredAt, ...(Object.keys(details).length ? { details } : {}) };
        await record('plotActivity', payload, { subject: plot?.code });
        await saveLastEntry(user, { plotId, ...(kind === 'spraying' ? { pesticideId, dose } : kind === 'fertilizing' ? { fertilizer, dose } : {}) });
      }
      flash.value = t('farmer.entry.saved', {
        activity: t(`farmer.activity.${kind}`),
        where: navigator.onLine ? t('farmer.entry.savedOnline') : t('farmer.entry.savedOffline'),
      });
      navigate('/farmer');
    } catch (caught) {
      setFailure(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={title} back="/farmer">
      {usedDefaults && <p class="hint">{t('farmer.entry.defaults')}</p>}
      <form onSubmit={(event) => void save(event)} noValidate>
        {kind !== 'packing' && (
          <SelectField label={t('farmer.entry.plot')} value={plotId} onValue={setPlotId} error={errors.plot} required>
            {plots.map((p) => (
              <option key={p.id} value={p.id}>
                {p.crop} · {p.code}
              </option>
            ))}
          </SelectField>
        )}
        <TextField label={t('farmer.entry.date')} type="date" value={day} max={isoDay()} onValue={(v) => setDay(v || isoDay())} required />
        {kind === 'spraying' && (
          <>
            <SelectField label={t('farmer.entry.pesticide')} value={pesticideId} onValue={setPesticideId} error={errors.pesticide} required>
              <option value="">{t('farmer.entry.pesticidePick')}</option>
              {pesticides
                .filter((p) => p.registered)
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {t('farmer.entry.pesticideOption', { product: p.product, days: p.phiDays })}
                  </option>
                ))}
            </SelectField>
            {pesticide && (
              <Alert tone="info">
                {t('farmer.entry.phi', {
                  days: pesticide.phiDays,
                  date: formatDayMonth(new Date(Date.parse(occurredAtOf(day)) + pesticide.phiDays * DAY_MS)),
                })}
                {pesticide.exportRestricted && <> {t('farmer.entry.phiRestricted')}</>}
              </Alert>
            )}
            <TextField label={t('farmer.entry.dose')} hint={t('farmer.entry.doseHint')} value={dose} onValue={setDose} />
          </>
        )}
        {kind === 'fertilizing' && (
          <>
            <TextField label={t('farmer.entry.fertilizer')} hint={t('farmer.entry.fertilizerHint')} value={fertilizer} onValue={setFertilizer} />
            <TextField label={t('farmer.entry.dose')} value={dose} onValue={setDose} />
          </>
        )}
        {(kind === 'watering' || kind === 'pruning') && <TextField label={t('farmer.entry.note')} value={note} onValue={setNote} />}
        {kind === 'harvesting' && (
          <>
            {products.length === 0 ? (
              <Alert tone="error">{t('farmer.entry.noProducts')}</Alert>
            ) : (
              <SelectField label={t('farmer.entry.product')} value={productId} onValue={setProductId} error={errors.product}>
                {products.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </SelectField>
            )}
            <TextField
              label={t('farmer.entry.quantity')}
              type="text"
              inputMode="decimal"
              value={quantity}
              onValue={setQuantity}
              error={errors.quantity}
              hint={Number(quantity.replace(',', '.')) > 0 ? formatWeight(toKg(Number(quantity.replace(',', '.')), unit)) : undefined}
              required
            />
            <SelectField label={t('farmer.entry.unit')} value={unit} onValue={(v) => setUnit(v as WeightUnit)}>
              {(Object.keys(WEIGHT_UNITS) as WeightUnit[]).map((u) => (
                <option key={u} value={u}>
                  {t(`common.unit.${u}`)}
                </option>
              ))}
            </SelectField>
            <PhotoInput
              label={t('farmer.photo.harvest')}
              onPhoto={(file) =>
                void shrinkPhoto(file).then(
                  (image) => (setPhoto(image), setPhotoError(false)),
                  () => setPhotoError(true),
                )
              }
            />
            {photo && <p class="hint">{t('farmer.photo.attached', { size: Math.round(photo.size / 1024) })}</p>}
            {photoError && <Alert tone="error">{t('farmer.photo.failed')}</Alert>}
            {harvestBlocked && harvestSafeFrom && <Alert tone="error">{t('farmer.entry.harvestBlocked', { date: formatDayMonth(harvestSafeFrom) })}</Alert>}
          </>
        )}
        {kind === 'packing' && (
          <>
            {unsentBatches.length + batches.length === 0 ? (
              <Alert tone="error">{t('farmer.entry.noBatch')}</Alert>
            ) : (
              <SelectField label={t('farmer.entry.batch')} value={batchId} onValue={setBatchId} error={errors.batch}>
                {unsentBatches.map((b) => (
                  <option key={b.id} value={b.id}>
                    {t('farmer.entry.batchOption', { lot: t('farmer.entry.batchUnsent'), date: formatDate(b.harvestedAt), quantity: formatWeight(b.quantity) })}
                  </option>
                ))}
                {[...batches].reverse().map((b) => (
                  <option key={b.id} value={b.id}>
                    {t('farmer.entry.batchOption', {
                      lot: b.lotCode,
                      date: formatDate(b.harvestedAt),
                      quantity: b.unit === 'kg' ? formatWeight(b.quantity) : `${b.quantity} ${b.unit}`,
                    })}
                  </option>
                ))}
              </SelectField>
            )}
            <TextField label={t('farmer.entry.packingHouse')} value={packingHouse} onValue={setPackingHouse} />
          </>
        )}
        {plot === undefined && kind !== 'packing' && plots.length === 0 && <Alert tone="error">{t('farmer.home.noPlots')}</Alert>}
        {failure !== null && <Alert tone="error">{describeError(failure)}</Alert>}
        <Button type="submit" busy={busy} disabled={harvestBlocked}>
          {t('farmer.entry.save')}
        </Button>
      </form>
    </Page>
  );
}
