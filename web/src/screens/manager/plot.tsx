import { useState } from 'preact/hooks';
import { ApiError, request } from '../../api/client';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { Page } from '../../components/page';
import { handleSubmit, useSubmit } from '../../components/use-submit';
import { formatDate, formatNumber, t } from '../../i18n';
import type { RouteParams } from '../../router/router';
import { CertFields, certBody, EMPTY_CERT, type CertValues } from './cert-fields';
import { CertificateTag, STATUS_TONE } from './plots';
import type { Certification, Plot } from './types';
import { FormError, Link, Loading, newId, Tag, useLoad } from './ui';

const CERT_FIELDS = ['scheme', 'number', 'issuer', 'issuedAt', 'validUntil'];

/** Adds a certificate, or renews one (new number and dates, sent onto the version shown: a stale one is told). */
function CertForm({ plotId, renewing, onDone, onCancel }: { plotId: string; renewing?: Certification; onDone: () => void; onCancel: () => void }) {
  const [values, setValues] = useState<CertValues>(
    renewing ? { scheme: renewing.scheme, number: '', issuer: renewing.issuer ?? '', issuedAt: '', validUntil: '' } : EMPTY_CERT,
  );
  const [id] = useState(newId);
  const { busy, error, run: save } = useSubmit(async () => {
    if (renewing)
      await request(`/api/v1/plots/${plotId}/certifications/${renewing.id}`, {
        method: 'PATCH',
        body: certBody(values, false),
        headers: { 'If-Match': `"${renewing.version}"` },
      });
    else await request(`/api/v1/plots/${plotId}/certifications`, { method: 'POST', body: { id, ...certBody(values) } });
    onDone();
  });
  const stale = error instanceof ApiError && error.status === 412;

  return (
    <form noValidate class="panel" onSubmit={handleSubmit(save)}>
      <h3>{renewing ? t('manager.cert.renewTitle', { number: renewing.number }) : t('manager.cert.addTitle')}</h3>
      <CertFields values={values} onChange={setValues} error={error} scheme={!renewing} />
      {stale ? <Alert tone="warning">{t('manager.cert.stale')}</Alert> : <FormError error={error} fields={CERT_FIELDS} />}
      <Button type="submit" busy={busy}>
        {renewing ? t('manager.cert.renewSave') : t('manager.cert.add')}
      </Button>
      <Button variant="secondary" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
    </form>
  );
}

function CertCard({ plotId, cert, onChanged, onRenew }: { plotId: string; cert: Certification; onChanged: () => void; onRenew: () => void }) {
  const { busy, error, run: verify } = useSubmit(async () => {
    await request(`/api/v1/plots/${plotId}/certifications/${cert.id}/verify`, { method: 'POST', headers: { 'If-Match': `"${cert.version}"` } });
    onChanged();
  });
  return (
    <li class="card">
      <h3>
        {cert.scheme} · {cert.number}
      </h3>
      <Tag tone={STATUS_TONE[cert.status]}>{t(`manager.cert.status.${cert.status}`)}</Tag>
      {cert.verified && <Tag tone="ok">{t('manager.cert.verified')}</Tag>}
      <dl class="facts">
        {cert.issuer && (
          <>
            <dt>{t('manager.cert.issuer')}</dt>
            <dd>{cert.issuer}</dd>
          </>
        )}
        {cert.issuedAt && (
          <>
            <dt>{t('manager.cert.issuedAt')}</dt>
            <dd>{formatDate(cert.issuedAt)}</dd>
          </>
        )}
        <dt>{t('manager.cert.validUntil')}</dt>
        <dd>{formatDate(cert.validUntil)}</dd>
        {cert.revokedReason && (
          <>
            <dt>{t('manager.cert.revokedReason')}</dt>
            <dd>{cert.revokedReason}</dd>
          </>
        )}
      </dl>
      <FormError error={error} />
      {!cert.revokedAt && (
        <>
          {!cert.verified && (
            <Button busy={busy} onClick={() => void verify()}>
              {t('manager.cert.verify')}
            </Button>
          )}
          <Button variant="secondary" onClick={onRenew}>
            {t('manager.cert.renew')}
          </Button>
        </>
      )}
    </li>
  );
}

/** A plot: its facts and its certificates (add, renew, verify). */
export default function PlotScreen({ params }: { params: RouteParams }) {
  const plot = useLoad(async () => (await request<Plot>(`/api/v1/plots/${params.id}`)).data, [params.id]);
  const [editing, setEditing] = useState<'new' | Certification | null>(null);
  const [saved, setSaved] = useState(false);
  const done = () => {
    setEditing(null);
    setSaved(true);
    plot.reload();
  };
  return (
    <Page title={plot.data ? `${plot.data.code} · ${plot.data.crop}` : t('manager.plot.title')} back={plot.data ? `/manager/households/${plot.data.householdId}` : '/manager/plots'}>
      <Loading state={{ ...plot, loading: plot.loading && !plot.data }}>
        {() => {
          const p = plot.data!;
          return (
            <>
              <CertificateTag plot={p} />
              <dl class="facts">
                <dt>{t('manager.plot.areaHa')}</dt>
                <dd>{formatNumber(p.areaHa, 3)} ha</dd>
                <dt>{t('manager.plot.position')}</dt>
                <dd>
                  {formatNumber(p.latitude, 6)}, {formatNumber(p.longitude, 6)}
                </dd>
              </dl>
              <Link to={`/manager/households/${p.householdId}`}>{t('manager.plot.household')}</Link>
              <h2>{t('manager.cert.title')}</h2>
              {saved && <Alert tone="success">{t('manager.cert.saved')}</Alert>}
              {editing ? (
                <CertForm plotId={p.id} renewing={editing === 'new' ? undefined : editing} onDone={done} onCancel={() => setEditing(null)} />
              ) : (
                <Button onClick={() => (setSaved(false), setEditing('new'))}>{t('manager.cert.add')}</Button>
              )}
              {p.certifications.length ? (
                <ul class="cards">
                  {p.certifications.map((c) => (
                    <CertCard key={c.id} plotId={p.id} cert={c} onChanged={done} onRenew={() => (setSaved(false), setEditing(c))} />
                  ))}
                </ul>
              ) : (
                <p>{t('manager.cert.none')}</p>
              )}
            </>
          );
        }}
      </Loading>
    </Page>
  );
}
