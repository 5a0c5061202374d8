import { useState } from 'preact/hooks';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { TextField } from '../../components/field';
import { Page } from '../../components/page';
import { addStrings, formatDateTime, formatNumber, formatWeight, isoDay, t } from '../../i18n';
import farmerEn from '../../i18n/en/farmer';
import farmerVi from '../../i18n/vi/farmer';
import { flushNow, operations, outbox, type Operation } from '../../outbox';
import type { BatchEventPayload, BatchPayload, PlotActivityPayload, PlotEditPayload } from '../../outbox/operations';

// The records are diary entries: their names are the farmer's words.
addStrings(farmerVi, farmerEn);

function describe(op: Operation): string {
  switch (op.kind) {
    case 'plotActivity': {
      const p = op.payload as PlotActivityPayload;
      return t('outbox.kind.plotActivity', { activity: t(`farmer.activity.${p.activity}`), plot: op.subject ?? p.plotId.slice(0, 8) });
    }
    case 'batch': {
      const p = op.payload as BatchPayload;
      return t('outbox.kind.batch', { quantity: formatWeight(p.quantity), plot: op.subject ?? (p.plotId ?? '').slice(0, 8) });
    }
    case 'batchEvent':
      return t('outbox.kind.batchEvent', { batch: (op.payload as BatchEventPayload).batchId.slice(0, 8) });
    case 'photo':
      return t('outbox.kind.photo', { subject: op.subject ?? '' });
    case 'plotEdit':
      return t('outbox.kind.plotEdit', { plot: op.subject ?? (op.payload as PlotEditPayload).plotId.slice(0, 8) });
    default:
      return op.kind;
  }
}

const STATE_TONE = { waiting: 'warn', sending: 'warn', sent: 'ok', refused: 'bad' } as const;

/** The date the record is about, as the person can correct it. */
function dateOf(op: Operation): string | null {
  const p = op.payload as { occurredAt?: string; harvestedAt?: string };
  const value = p.occurredAt ?? p.harvestedAt;
  return value ? isoDay(value) : null;
}

function FixForm({ op }: { op: Operation }) {
  const [day, setDay] = useState(dateOf(op) ?? isoDay());
  const batch = op.kind === 'batch' ? (op.payload as BatchPayload) : null;
  const [quantity, setQuantity] = useState(batch ? String(batch.quantity) : '');
  const errors = new Map((op.refusal?.errors ?? []).map((e) => [e.field, e.message]));

  function fix(event: Event) {
    event.preventDefault();
    const at = `${day}T07:00:00+07:00`;
    const payload =
      op.kind === 'batch'
        ? { ...(op.payload as BatchPayload), harvestedAt: at, quantity: Number(quantity.replace(',', '.')) }
        : { ...(op.payload as object), occurredAt: at };
    void outbox.fix(op.id, payload).then(flushNow);
  }

  return (
    <form onSubmit={fix}>
      {dateOf(op) !== null && (
        <TextField
          label={t('farmer.entry.date')}
          type="date"
          value={day}
          onValue={setDay}
          error={errors.get('occurredAt') ?? errors.get('harvestedAt')}
        />
      )}
      {batch && <TextField label={t('farmer.entry.quantity')} inputMode="decimal" value={quantity} onValue={setQuantity} error={errors.get('quantity')} />}
      <Button type="submit">{t('outbox.fix')}</Button>
      <Button variant="secondary" onClick={() => void outbox.discard(op.id)}>
        {t('outbox.discard')}
      </Button>
    </form>
  );
}

/** A stale edit (412): the person's version beside the server's, and a choice. */
function Conflict({ op }: { op: Operation }) {
  const mine = op.payload as PlotEditPayload;
  const theirs = (op.refusal?.current ?? {}) as { latitude?: number; longitude?: number; version?: number };
  const row = (lat?: number, lng?: number) => t('farmer.plot.gps', { lat: formatNumber(lat ?? NaN, 6), lng: formatNumber(lng ?? NaN, 6) });
  return (
    <div>
      <p>{t('outbox.conflict')}</p>
      <div class="versions">
        <section class="card" aria-label={t('outbox.mine')}>
          <h3>{t('outbox.mine')}</h3>
          <p>{row(mine.changes.latitude, mine.changes.longitude)}</p>
          <Button onClick={() => void outbox.fix(op.id, { ...mine, version: theirs.version ?? mine.version }).then(flushNow)}>{t('outbox.keepMine')}</Button>
        </section>
        <section class="card" aria-label={t('outbox.theirs')}>
          <h3>{t('outbox.theirs')}</h3>
          <p>{row(theirs.latitude, theirs.longitude)}</p>
          <Button variant="secondary" onClick={() => void outbox.discard(op.id)}>
            {t('outbox.keepTheirs')}
          </Button>
        </section>
      </div>
    </div>
  );
}

/** Everything written on this phone: waiting, sent, refused (with the reason and a way to fix it). */
export default function OutboxScreen() {
  const items = [...operations.value].reverse();
  const waiting = items.some((op) => op.state === 'waiting');
  return (
    <Page title={t('outbox.title')} back="/">
      <Button disabled={!waiting} onClick={() => void flushNow()}>
        {t('outbox.sendNow')}
      </Button>
      {items.length === 0 && <p>{t('outbox.empty')}</p>}
      <ul class="cards">
        {items.map((op) => (
          <li key={op.id} class="card" data-state={op.state}>
            <h2>{describe(op)}</h2>
            <p>
              <span class={`tag tag-${STATE_TONE[op.state]}`}>{t(`outbox.state.${op.state}`)}</span>{' '}
              {t('outbox.createdAt', { time: formatDateTime(op.createdAt) })}
            </p>
            {op.state === 'refused' && op.refusal && (
              <>
                <Alert tone="error">
                  {op.refusal.blockedBy ? t('outbox.blocked') : t('outbox.refusedReason', { reason: op.refusal.detail })}
                  {op.refusal.errors && op.refusal.errors.length > 0 && (
                    <ul>
                      {op.refusal.errors.map((e) => (
                        <li key={e.field}>{e.message}</li>
                      ))}
                    </ul>
                  )}
                </Alert>
                {op.refusal.status === 412 ? <Conflict op={op} /> : <FixForm op={op} />}
              </>
            )}
          </li>
        ))}
      </ul>
    </Page>
  );
}
