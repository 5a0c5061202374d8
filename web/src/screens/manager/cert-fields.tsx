import { SelectField, TextField } from '../../components/field';
import { t } from '../../i18n';
import { fieldError } from './ui';

export interface CertValues {
  scheme: string;
  number: string;
  issuer: string;
  issuedAt: string;
  validUntil: string;
}

export const EMPTY_CERT: CertValues = { scheme: 'VietGAP', number: '', issuer: '', issuedAt: '', validUntil: '' };

/** The body of a certificate: empty optional fields left out. */
export function certBody(values: CertValues, withScheme = true): Record<string, string> {
  const body: Record<string, string> = { number: values.number.trim(), validUntil: values.validUntil };
  if (withScheme) body.scheme = values.scheme;
  if (values.issuer.trim()) body.issuer = values.issuer.trim();
  if (values.issuedAt) body.issuedAt = values.issuedAt;
  return body;
}

/** The fields of a certificate; `prefix` is where the server names them (`certifications.0.number`). */
export function CertFields({ values, onChange, error, prefix = '', scheme = true }: { values: CertValues; onChange: (v: CertValues) => void; error: unknown; prefix?: string; scheme?: boolean }) {
  const set = (key: keyof CertValues) => (value: string) => onChange({ ...values, [key]: value });
  const err = (field: string) => fieldError(error, `${prefix}${field}`);
  return (
    <>
      {scheme && (
        <SelectField label={t('manager.cert.scheme')} value={values.scheme} onValue={set('scheme')} error={err('scheme')}>
          <option value="VietGAP">VietGAP</option>
          <option value="GlobalGAP">GlobalG.A.P.</option>
          <option value="Organic">{t('manager.cert.organic')}</option>
        </SelectField>
      )}
      <TextField label={t('manager.cert.number')} required value={values.number} onValue={set('number')} error={err('number')} />
      <TextField label={t('manager.cert.issuer')} value={values.issuer} onValue={set('issuer')} error={err('issuer')} />
      <TextField label={t('manager.cert.issuedAt')} type="date" value={values.issuedAt} onValue={set('issuedAt')} error={err('issuedAt')} />
      <TextField label={t('manager.cert.validUntil')} hint={t('manager.cert.validUntilHint')} type="date" required value={values.validUntil} onValue={set('validUntil')} error={err('validUntil')} />
    </>
  );
}
