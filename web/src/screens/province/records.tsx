import { request } from '../../api/client';
import { Alert } from '../../components/alert';
import { Page } from '../../components/page';
import { formatDate, formatDateTime, formatNumber, t } from '../../i18n';
import type { RouteParams } from '../../router/router';
import { Link, Loading, Tag, useLoad } from '../manager/ui';
import type { BatchDetail, Plot } from '../manager/types';

/** A batch as the province office reads it from a flag: where it comes from, its food-safety state, its diary. */
export function BatchRecord({ params }: { params: RouteParams }) {
  const batch = useLoad(async () => (await request<BatchDetail>(`/api/v1/batches/${params.id}`)).data, [params.id]);
  return (
    <Page title={batch.data ? t('province.flags.lot', { lot: batch.data.lotCode }) : t('province.record.batch')} back="/province">
      <Loading state={batch}>
        {() => {
          const b = batch.data!;
          return (
            <>
              {b.status === 'recalled' && <Tag tone="bad">{t('province.record.recalled')}</Tag>}
              {b.onHold && <Tag tone="bad">{t('province.record.onHold')}</Tag>}
              {b.certificateExpired && <Tag tone="bad">{t('province.record.certExpired')}</Tag>}
              <dl class="facts">
                <dt>{t('province.record.product')}</dt>
                <dd>{b.product.name}</dd>
                <dt>{t('province.record.household')}</dt>
                <dd>
                  {b.household.headName} · {b.household.commune}, {b.household.province}
                </dd>
                <dt>{t('province.record.plot')}</dt>
                <dd>{b.plot ? <Link to={`/province/plots/${b.plot.id}`}>{`${b.plot.code} · ${b.plot.crop}`}</Link> : '—'}</dd>
                <dt>{t('province.record.harvestedAt')}</dt>
                <dd>{formatDate(b.harvestedAt)}</dd>
                <dt>{t('province.record.quantity')}</dt>
                <dd>
                  {formatNumber(b.quantity)} {b.unit}
                </dd>
              </dl>
              {b.safetyWarnings.map((w) => (
                <Alert key={w.safeFrom + w.pesticide} tone="warning">
                  {t('province.record.warning', { pesticide: w.pesticide, sprayed: formatDate(w.sprayedAt), days: w.preHarvestIntervalDays, safe: formatDate(w.safeFrom) })}
                </Alert>
              ))}
              {b.safetyOverride && (
                <Alert tone="warning">{t('province.record.override', { at: formatDateTime(b.safetyOverride.at), reason: b.safetyOverride.reason })}</Alert>
              )}
              <h2>{t('province.record.diary')}</h2>
              {b.events.length ? (
                <ol class="diary">
                  {b.events.map((e) => (
                    <li key={e.id} class={e.supersededBy ? 'superseded' : undefined}>
                      <strong>{t(`province.step.${e.bizStep}`)}</strong> · {formatDateTime(e.occurredAt)}
                      {typeof e.details?.pesticide === 'string' && <div>{e.details.pesticide}</div>}
                    </li>
                  ))}
                </ol>
              ) : (
                <p>{t('province.record.noDiary')}</p>
              )}
            </>
          );
        }}
      </Loading>
    </Page>
  );
}

/** A growing area and its certificates. */
export function PlotRecord({ params }: { params: RouteParams }) {
  const plot = useLoad(async () => (await request<Plot>(`/api/v1/plots/${params.id}`)).data, [params.id]);
  return (
    <Page title={plot.data ? `${plot.data.code} · ${plot.data.crop}` : t('province.record.plot')} back="/province">
      <Loading state={plot}>
        {() => {
          const p = plot.data!;
          return (
            <>
              <dl class="facts">
                <dt>{t('province.record.area')}</dt>
                <dd>{formatNumber(p.areaHa, 3)} ha</dd>
              </dl>
              <h2>{t('province.record.certificates')}</h2>
              {p.certifications.length ? (
                <ul class="cards">
                  {p.certifications.map((c) => (
                    <li key={c.id} class="card">
                      <h3>
                        {c.scheme} · {c.number}
                      </h3>
                      <Tag tone={c.status === 'valid' ? 'ok' : c.status === 'expiring' || c.status === 'unverified' ? 'warn' : 'bad'}>{t(`province.cert.${c.status}`)}</Tag>
                      <p>{t('province.record.validUntil', { date: formatDate(c.validUntil) })}</p>
                    </li>
                  ))}
                </ul>
              ) : (
                <p>{t('province.record.noCertificates')}</p>
              )}
            </>
          );
        }}
      </Loading>
    </Page>
  );
}
