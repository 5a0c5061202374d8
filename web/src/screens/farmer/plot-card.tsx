import { formatDayMonth, formatDate, formatNumber, t } from '../../i18n';
import { navigate } from '../../router/router';
import { safeFromOf, type Plot, type PlotSafety } from './data';

export function certificateText(plot: Plot): { text: string; tone: 'ok' | 'warn' | 'bad' } {
  const best = plot.certifications.find((c) => c.validUntil === plot.certificationExpiresOn) ?? plot.certifications[0];
  const scheme = best?.scheme ?? '';
  const date = plot.certificationExpiresOn ? formatDate(plot.certificationExpiresOn) : '';
  switch (plot.certificationStatus) {
    case 'valid':
      return { text: t('farmer.cert.valid', { scheme, date }), tone: 'ok' };
    case 'expiring':
      return { text: t('farmer.cert.expiring', { scheme, date }), tone: 'warn' };
    case 'expired':
      return { text: t('farmer.cert.expired', { scheme, date }), tone: 'bad' };
    case 'revoked':
      return { text: t('farmer.cert.revoked', { scheme }), tone: 'bad' };
    case 'unverified':
    case 'none':
      return { text: t('farmer.cert.none'), tone: 'warn' };
  }
}

/** One plot on the home screen: certificate state and whether it may be harvested now. */
export function PlotCard({ plot, safety }: { plot: Plot; safety: PlotSafety | null }) {
  const cert = certificateText(plot);
  const safeFrom = safeFromOf(plot.id, safety);
  const waiting = safeFrom !== null && safeFrom.getTime() > Date.now();
  return (
    <li class="card">
      <h3>
        {plot.crop} · {t('farmer.plot.code', { code: plot.code })}
      </h3>
      <p>{t('farmer.plot.area', { area: formatNumber(plot.areaHa) })}</p>
      <p>
        <span class={`tag tag-${cert.tone}`}>{cert.text}</span>
        <span class={`tag ${waiting ? 'tag-bad' : 'tag-ok'}`} data-testid="safety">
          {waiting ? t('farmer.plot.safeFrom', { date: formatDayMonth(safeFrom) }) : t('farmer.plot.safeNow')}
        </span>
      </p>
      <button type="button" class="btn btn-secondary" onClick={() => navigate(`/farmer/plots/${plot.id}`)}>
        {t('farmer.plot.open', { code: plot.code })}
      </button>
    </li>
  );
}
