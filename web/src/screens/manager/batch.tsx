import { useState } from 'preact/hooks';
import { api, ApiError, request } from '../../api/client';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { SelectField, TextField } from '../../components/field';
import { TextArea } from '../../components/text-area';
import { Page } from '../../components/page';
import { handleSubmit, useSubmit } from '../../components/use-submit';
import { formatDate, formatDateTime, formatNumber, t } from '../../i18n';
import { navigate, type RouteParams } from '../../router/router';
import { BatchTags } from './batches';
import type { BatchDetail, BatchEvent, Label, LabelRun, Listing, RecallResult } from './types';
import { allPages, Checkbox, fieldError, FormSubmit, Link, Loading, newId, useLoad } from './ui';

function eventFacts(event: BatchEvent): string {
  const d = event.details ?? {};
  const parts: string[] = [];
  if (typeof d.pesticide === 'string') parts.push(d.pesticide);
  if (typeof d.activeIngredient === 'string') parts.push(d.activeIngredient);
  const phi = d.phiDays ?? d.preHarvestIntervalDays;
  if (typeof phi === 'number') parts.push(t('manager.diary.phi', { days: phi }));
  if (typeof d.dose === 'string' || typeof d.dose === 'number') parts.push(String(d.dose));
  if (typeof d.destination === 'string') parts.push(d.destination);
  if (typeof d.result === 'string') parts.push(d.result);
  if (typeof d.note === 'string') parts.push(d.note);
  return parts.join(' · ');
}

function Safety({ batch, onChanged }: { batch: BatchDetail; onChanged: () => void }) {
  const [reason, setReason] = useState('');
  const { busy, error, run: release } = useSubmit(async () => {
    await request(`/api/v1/batches/${batch.id}/safety-override`, { method: 'POST', body: { reason: reason.trim() } });
    onChanged();
  });
  return (
    <section aria-labelledby="safety-title">
      <h2 id="safety-title">{t('manager.safety.title')}</h2>
      <BatchTags batch={batch} />
      {batch.safetyWarnings.length > 0 && (
        <ul class="plain">
          {batch.safetyWarnings.map((w) => (
            <li key={w.safeFrom + w.pesticide}>
              {t('manager.safety.warning', { pesticide: w.pesticide, sprayed: formatDate(w.sprayedAt), days: w.preHarvestIntervalDays, safe: formatDate(w.safeFrom) })}
            </li>
          ))}
        </ul>
      )}
      {batch.certificateExpired && <Alert tone="error">{t('manager.safety.certExpired')}</Alert>}
      {batch.safetyOverride && (
        <Alert tone="warning">
          {t('manager.safety.overriddenBy', { at: formatDateTime(batch.safetyOverride.at), reason: batch.safetyOverride.reason })}
        </Alert>
      )}
      {batch.onHold && batch.status !== 'recalled' && (
        <form noValidate class="panel" onSubmit={handleSubmit(release)}>
          <p>{t('manager.safety.onHoldExplain', { date: batch.safeFrom ? formatDate(batch.safeFrom) : '—' })}</p>
          <TextArea label={t('manager.safety.reason')} hint={t('manager.safety.reasonHint')} required value={reason} onValue={setReason} error={fieldError(error, 'reason')} />
          <FormSubmit error={error} fields={['reason']} variant="danger" busy={busy}>
            {t('manager.safety.release')}
          </FormSubmit>
        </form>
      )}
    </section>
  );
}

function LabelRuns({ batch }: { batch: BatchDetail }) {
  const runs = useLoad(async () => (await allPages<LabelRun>(`/api/v1/batches/${batch.id}/label-runs`, 500)).reverse(), [batch.id]);
  const [v, setV] = useState({ quantity: '', layout: 'a4-3x8', format: 'pdf' });
  const [overrun, setOverrun] = useState(false);
  const [key, setKey] = useState(newId);
  const set = (k: keyof typeof v) => (value: string) => setV((old) => ({ ...old, [k]: value, ...(k === 'format' && value === 'zpl' ? { layout: 'thermal-50x30' } : {}) }));
  const blocked = batch.status === 'recalled' || batch.onHold;

  const { busy, error, run: create } = useSubmit(async () => {
    const body: Record<string, unknown> = { quantity: Number(v.quantity), layout: v.layout, format: v.format };
    if (overrun) body.allowOverrun = true;
    const { data } = await request<LabelRun>(`/api/v1/batches/${batch.id}/label-runs`, { method: 'POST', body, headers: { 'Idempotency-Key': key } });
    setKey(newId());
    navigate(`/manager/label-runs/${data.id}`);
  });

  return (
    <section aria-labelledby="labels-title">
      <h2 id="labels-title">{t('manager.labels.title')}</h2>
      <Loading state={runs}>
        {() =>
          runs.data!.length ? (
            <ul class="plain">
              {runs.data!.map((run) => (
                <li key={run.id}>
                  <Link to={`/manager/label-runs/${run.id}`}>
                    {t('manager.labels.runLine', { quantity: formatNumber(run.quantity), format: run.format.toUpperCase(), date: formatDateTime(run.createdAt) })}
                  </Link>{' '}
                  · {t(`manager.run.status.${run.status}`)}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('manager.labels.none')}</p>
          )
        }
      </Loading>
      {blocked ? (
        <Alert tone="warning">{batch.status === 'recalled' ? t('manager.labels.blockedRecalled') : t('manager.labels.blockedHold')}</Alert>
      ) : (
        <form noValidate class="panel" onSubmit={handleSubmit(create)}>
          <h3>{t('manager.labels.create')}</h3>
          <TextField label={t('manager.labels.quantity')} inputMode="numeric" required value={v.quantity} onValue={set('quantity')} error={fieldError(error, 'quantity')} />
          <SelectField label={t('manager.labels.format')} value={v.format} onValue={set('format')} error={fieldError(error, 'format')}>
            <option value="pdf">{t('manager.labels.pdf')}</option>
            <option value="zpl">{t('manager.labels.zpl')}</option>
          </SelectField>
          <SelectField label={t('manager.labels.layout')} value={v.layout} onValue={set('layout')} error={fieldError(error, 'layout')}>
            {v.format === 'pdf' && <option value="a4-3x8">{t('manager.labels.a4')}</option>}
            <option value="thermal-50x30">{t('manager.labels.thermal')}</option>
          </SelectField>
          {error instanceof ApiError && error.status === 409 && <Checkbox label={t('manager.labels.allowOverrun')} checked={overrun} onChange={setOverrun} />}
          <FormSubmit error={error} fields={['quantity', 'format', 'layout']} busy={busy}>
            {t('manager.labels.start')}
          </FormSubmit>
        </form>
      )}
    </section>
  );
}

interface RecallPreview {
  labels: number;
  moreLabels: boolean;
  listings: Listing[];
  orders: number;
}

/** Recall: first what will happen (labels, listings, buyers), then the reason and the confirmation. */
function Recall({ batch, onDone }: { batch: BatchDetail; onDone: (result: RecallResult) => void }) {
  const [open, setOpen] = useState(false);
  const preview = useLoad(async (): Promise<RecallPreview | null> => {
    if (!open) return null;
    const [labels, listings] = await Promise.all([
      api.get<{ items: Label[]; nextCursor: string | null }>(`/api/v1/labels?batchId=${batch.id}&limit=500`),
      allPages<Listing>(`/api/v1/listings?productId=${batch.productId}`),
    ]);
    const drawing = listings.filter((l) => l.batchId === batch.id && l.state !== 'delisted');
    const orders = await Promise.all(drawing.map((l) => allPages<unknown>(`/api/v1/marketplace-orders?listingId=${l.id}`)));
    return {
      labels: labels.items.filter((l) => l.status === 'active').length,
      moreLabels: labels.nextCursor !== null,
      listings: drawing,
      orders: orders.reduce((n, list) => n + list.length, 0),
    };
  }, [open, batch.id]);
  const [reason, setReason] = useState('');
  const { busy, error, run: recall } = useSubmit(async () => {
    onDone((await request<RecallResult>(`/api/v1/batches/${batch.id}/recall`, { method: 'POST', body: { reason: reason.trim() } })).data);
  });

  if (batch.status === 'recalled') return null;
  return (
    <section aria-labelledby="recall-title">
      <h2 id="recall-title">{t('manager.recall.title')}</h2>
      {!open ? (
        <Button variant="danger" onClick={() => setOpen(true)}>
          {t('manager.recall.start')}
        </Button>
      ) : (
        <Loading state={{ ...preview, loading: preview.loading || !preview.data }}>
          {() => {
            const p = preview.data!;
            const channels = [...new Set(p.listings.flatMap((l) => l.channels.filter((c) => c.status !== 'delisted').map((c) => t(`manager.marketplace.${c.marketplace}`))))];
            return (
              <form noValidate class="panel danger" onSubmit={handleSubmit(recall)}>
                <h3>{t('manager.recall.whatHappens', { lot: batch.lotCode })}</h3>
                <ul>
                  <li>{t(p.moreLabels ? 'manager.recall.labelsMore' : 'manager.recall.labels', { count: formatNumber(p.labels) })}</li>
                  <li>
                    {p.listings.length
                      ? t('manager.recall.listings', { count: p.listings.length, channels: channels.join(', ') || '—' })
                      : t('manager.recall.noListings')}
                  </li>
                  <li>{p.orders ? t('manager.recall.orders', { count: p.orders }) : t('manager.recall.noOrders')}</li>
                  <li>{t('manager.recall.final')}</li>
                </ul>
                <TextArea label={t('manager.recall.reason')} hint={t('manager.recall.reasonHint')} required value={reason} onValue={setReason} error={fieldError(error, 'reason')} />
                <FormSubmit error={error} fields={['reason']} variant="danger" busy={busy}>
                  {t('manager.recall.confirm', { lot: batch.lotCode })}
                </FormSubmit>
                <Button variant="secondary" onClick={() => setOpen(false)}>
                  {t('common.cancel')}
                </Button>
              </form>
            );
          }}
        </Loading>
      )}
    </section>
  );
}

/** A batch: its record, diary, food-safety state (release with a reason), label runs, listing and recall. */
export default function BatchScreen({ params }: { params: RouteParams }) {
  const batch = useLoad(async () => (await request<BatchDetail>(`/api/v1/batches/${params.id}`)).data, [params.id]);
  const [recalled, setRecalled] = useState<RecallResult | null>(null);
  return (
    <Page title={batch.data ? t('manager.batch.lot', { lot: batch.data.lotCode }) : t('manager.batch.title')} back="/manager/batches">
      <Loading state={{ ...batch, loading: batch.loading && !batch.data }}>
        {() => {
          const b = batch.data!;
          return (
            <>
              {recalled && (
                <Alert tone="success">
                  {t('manager.recall.done', { voided: recalled.labels.voided, listings: recalled.listings.length, orders: recalled.orders.length })}
                  {recalled.orders.length > 0 && (
                    <ul>
                      {recalled.orders.map((o) => (
                        <li key={o.id}>
                          {t(`manager.marketplace.${o.marketplace}`)} · {o.externalOrderId} · {o.quantity}
                        </li>
                      ))}
                    </ul>
                  )}
                </Alert>
              )}
              <dl class="facts">
                <dt>{t('manager.batch.product')}</dt>
                <dd>{b.product.name}</dd>
                <dt>{t('manager.batch.household')}</dt>
                <dd>
                  <Link to={`/manager/households/${b.householdId}`}>{b.household.headName}</Link>
                </dd>
                <dt>{t('manager.batch.plot')}</dt>
                <dd>{b.plot ? <Link to={`/manager/plots/${b.plot.id}`}>{`${b.plot.code} · ${b.plot.crop}`}</Link> : '—'}</dd>
                <dt>{t('manager.batch.harvestedAt')}</dt>
                <dd>{formatDate(b.harvestedAt)}</dd>
                <dt>{t('manager.batch.quantity')}</dt>
                <dd>
                  {formatNumber(b.quantity)} {t(`manager.unit.${b.unit}`)}
                </dd>
              </dl>
              <Safety batch={b} onChanged={batch.reload} />
              <section aria-labelledby="diary-title">
                <h2 id="diary-title">{t('manager.diary.title')}</h2>
                {b.events.length ? (
                  <ol class="diary">
                    {b.events.map((e) => (
                      <li key={e.id} class={e.supersededBy ? 'superseded' : undefined}>
                        <strong>{t(`manager.step.${e.bizStep}`)}</strong> · {formatDateTime(e.occurredAt)}
                        {eventFacts(e) && <div>{eventFacts(e)}</div>}
                        {e.supersededBy && <div class="hint">{t('manager.diary.superseded')}</div>}
                      </li>
                    ))}
                  </ol>
                ) : (
                  <p>{t('manager.diary.empty')}</p>
                )}
              </section>
              <LabelRuns batch={b} />
              <section aria-labelledby="sell-title">
                <h2 id="sell-title">{t('manager.listings.title')}</h2>
                {b.status === 'recalled' || b.onHold ? (
                  <p>{t('manager.listings.blocked')}</p>
                ) : (
                  <Button variant="secondary" onClick={() => navigate(`/manager/listings/new/${b.id}`)}>
                    {t('manager.listings.sellBatch')}
                  </Button>
                )}
              </section>
              <Recall
                batch={b}
                onDone={(result) => {
                  setRecalled(result);
                  batch.reload();
                }}
              />
            </>
          );
        }}
      </Loading>
    </Page>
  );
}

