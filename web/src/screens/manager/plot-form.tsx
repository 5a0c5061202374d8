import { useState } from 'preact/hooks';
import { request } from '../../api/client';
import { Button } from '../../components/button';
import { TextField } from '../../components/field';
import { Page } from '../../components/page';
import { handleSubmit, useSubmit } from '../../components/use-submit';
import { t } from '../../i18n';
import { navigate, type RouteParams } from '../../router/router';
import { CertFields, certBody, EMPTY_CERT, type CertValues } from './cert-fields';
import type { Plot } from './types';
import { Checkbox, fieldError, FormSubmit, newId } from './ui';

/** Adds a plot to a household, with its certificate if it has one. */
export default function PlotForm({ params }: { params: RouteParams }) {
  const [values, setValues] = useState({ code: '', areaHa: '', latitude: '', longitude: '', crop: '' });
  const [withCert, setWithCert] = useState(true);
  const [cert, setCert] = useState<CertValues>(EMPTY_CERT);
  const [id] = useState(newId);
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const number = (text: string) => Number(text.replace(',', '.'));

  function locate() {
    navigator.geolocation?.getCurrentPosition((position) =>
      setValues((v) => ({ ...v, latitude: position.coords.latitude.toFixed(6), longitude: position.coords.longitude.toFixed(6) })),
    );
  }

  const { busy, error, run: save } = useSubmit(async () => {
    const body = {
      id,
      code: values.code.trim(),
      areaHa: number(values.areaHa),
      latitude: number(values.latitude),
      longitude: number(values.longitude),
      crop: values.crop.trim(),
      certifications: withCert ? [certBody(cert)] : [],
    };
    const { data } = await request<Plot>(`/api/v1/households/${params.id}/plots`, { method: 'POST', body });
    navigate(`/manager/plots/${data.id}`, { replace: true });
  });

  const fields = ['code', 'areaHa', 'latitude', 'longitude', 'crop', ...['scheme', 'number', 'issuer', 'issuedAt', 'validUntil'].map((f) => `certifications.0.${f}`)];
  return (
    <Page title={t('manager.plot.addTitle')} back={`/manager/households/${params.id}`}>
      <form noValidate onSubmit={handleSubmit(save)}>
        <TextField label={t('manager.plot.code')} hint={t('manager.plot.codeHint')} required value={values.code} onValue={set('code')} error={fieldError(error, 'code')} />
        <TextField label={t('manager.plot.crop')} required value={values.crop} onValue={set('crop')} error={fieldError(error, 'crop')} />
        <TextField label={t('manager.plot.areaHa')} inputMode="decimal" required value={values.areaHa} onValue={set('areaHa')} error={fieldError(error, 'areaHa')} />
        <TextField label={t('manager.plot.latitude')} inputMode="decimal" required value={values.latitude} onValue={set('latitude')} error={fieldError(error, 'latitude')} />
        <TextField label={t('manager.plot.longitude')} inputMode="decimal" required value={values.longitude} onValue={set('longitude')} error={fieldError(error, 'longitude')} />
        <Button variant="secondary" onClick={locate}>
          {t('manager.plot.useGps')}
        </Button>
        <fieldset class="group">
          <legend>{t('manager.plot.certificate')}</legend>
          <Checkbox label={t('manager.plot.hasCertificate')} checked={withCert} onChange={setWithCert} />
          {withCert && <CertFields values={cert} onChange={setCert} error={error} prefix="certifications.0." />}
        </fieldset>
        <FormSubmit error={error} fields={fields} busy={busy}>
          {t('common.save')}
        </FormSubmit>
      </form>
    </Page>
  );
}
