import { useState } from 'preact/hooks';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { describeError } from '../../components/errors';
import { Page } from '../../components/page';
import { PhotoInput } from '../../components/photo-input';
import { shrinkPhoto } from '../../photos/shrink';
import { useLoad } from '../../components/use-load';
import { formatDateTime, formatDayMonth, formatNumber, t } from '../../i18n';
import { operations, record } from '../../outbox';
import type { PhotoPayload, PlotActivityPayload, PlotEditPayload } from '../../outbox/operations';
import type { RouteParams } from '../../router/router';
import { currentUser } from '../../session/session';
import { loadActivities, loadPlots, loadSafety, safeFromOf } from './data';
import { certificateText } from './plot-card';

/** One plot: certificate, harvest safety, GPS position from the phone, and its diary. */
export default function PlotScreen({ params }: { params: RouteParams }) {
  const user = currentUser.value!;
  const [data] = useLoad(async () => {
    const plots = await loadPlots(user);
    const plot = plots.data.items.find((p) => p.id === params.id) ?? null;
    const [safety, activities] = await Promise.all([
      loadSafety(user, params.id).then((r) => r.data).catch(() => null),
      loadActivities(user, params.id).then((r) => r.data.items).catch(() => []),
    ]);
    return { plot, safety, activities };
  }, [params.id]);
  const [gps, setGps] = useState<{ tone: 'info' | 'error' | 'success'; text: string } | null>(null);

  if (data.state !== 'done')
    return (
      <Page title={t('farmer.home.plots')} back="/farmer">
        {data.state === 'failed' ? <Alert tone="error">{describeError(data.error)}</Alert> : t('common.loading')}
      </Page>
    );
  const { plot, safety, activities } = data.value;
  if (!plot)
    return (
      <Page title={t('farmer.home.plots')} back="/farmer">
        <p>{t('common.notFound')}</p>
      </Page>
    );
  const pendingEdit = [...operations.value].reverse().find((op) => op.kind === 'plotEdit' && op.state !== 'sent' && (op.payload as PlotEditPayload).plotId === plot.id);
  const position = pendingEdit ? (pendingEdit.payload as PlotEditPayload).changes : plot;
  const safeFrom = safeFromOf(plot.id, safety);
  const cert = certificateText(plot);
  const pending = operations.value
    .filter((op) => op.kind === 'plotActivity' && op.state !== 'sent' && (op.payload as PlotActivityPayload).plotId === plot.id)
    .map((op) => ({ id: op.id, ...(op.payload as PlotActivityPayload), pending: true }));
  const diary = [...activities.map((a) => ({ ...a, pending: false })), ...pending.filter((p) => !activities.some((a) => a.id === p.id))].sort(
    (a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt),
  );

  function takePosition() {
    if (!('geolocation' in navigator)) return setGps({ tone: 'error', text: t('farmer.plot.gpsFailed', { reason: '—' }) });
    setGps({ tone: 'info', text: t('farmer.plot.gpsWorking') });
    navigator.geolocation.getCurrentPosition(
      (where) => {
        const latitude = Math.round(where.coords.latitude * 1e6) / 1e6;
        const longitude = Math.round(where.coords.longitude * 1e6) / 1e6;
        const payload: PlotEditPayload = { plotId: plot!.id, version: plot!.version, changes: { latitude, longitude } };
        void record('plotEdit', payload, { subject: plot!.code }).then(() =>
          setGps({ tone: 'success', text: t('farmer.plot.gpsSaved', { lat: formatNumber(latitude, 6), lng: formatNumber(longitude, 6) }) }),
        );
      },
      (error) => setGps({ tone: 'error', text: t('farmer.plot.gpsFailed', { reason: error.message }) }),
      { enableHighAccuracy: true, timeout: 30_000, maximumAge: 60_000 },
    );
  }

  async function takePhoto(file: File) {
    try {
      const image = await shrinkPhoto(file);
      const payload: PhotoPayload = { subject: 'plot', subjectId: plot!.id, kind: 'certificate', image };
      await record('photo', payload, { subject: plot!.code });
      setGps({ tone: 'success', text: t('farmer.photo.saved', { size: Math.round(image.size / 1024) }) });
    } catch {
      setGps({ tone: 'error', text: t('farmer.photo.failed') });
    }
  }

  return (
    <Page title={`${plot.crop} · ${t('farmer.plot.code', { code: plot.code })}`} back="/farmer">
      <p>
        <span class={`tag tag-${cert.tone}`}>{cert.text}</span>
        <span class={`tag ${safeFrom && safeFrom.getTime() > Date.now() ? 'tag-bad' : 'tag-ok'}`}>
          {safeFrom && safeFrom.getTime() > Date.now() ? t('farmer.plot.safeFrom', { date: formatDayMonth(safeFrom) }) : t('farmer.plot.safeNow')}
        </span>
      </p>
      <p>{t('farmer.plot.gps', { lat: formatNumber(position.latitude ?? NaN, 6), lng: formatNumber(position.longitude ?? NaN, 6) })}</p>
      <Button variant="secondary" onClick={takePosition}>
        {t('farmer.plot.gpsTake')}
      </Button>
      <PhotoInput label={t('farmer.photo.certificate')} onPhoto={(file) => void takePhoto(file)} />
      {gps && <Alert tone={gps.tone}>{gps.text}</Alert>}
      <h2>{t('farmer.plot.diary')}</h2>
      {diary.length === 0 && <p>{t('farmer.plot.noDiary')}</p>}
      <ul class="cards">
        {diary.map((entry) => (
          <li key={entry.id} class="card">
            <h3>{t(`farmer.activity.${entry.activity}`)}</h3>
            <p>
              {formatDateTime(entry.occurredAt)}
              {entry.pending && <span class="tag tag-warn">{t('outbox.state.waiting')}</span>}
            </p>
            {entry.activity === 'spraying' && entry.details?.pesticide !== undefined && (
              <p>
                {t('farmer.plot.sprayed', {
                  pesticide: typeof entry.details.pesticide === 'string' ? entry.details.pesticide : '',
                  date: formatDayMonth(entry.occurredAt),
                  days: typeof entry.details.phiDays === 'number' ? entry.details.phiDays : '?',
                })}
              </p>
            )}
          </li>
        ))}
      </ul>
    </Page>
  );
}
