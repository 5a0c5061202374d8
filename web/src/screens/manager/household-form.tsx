import { useState } from 'preact/hooks';
import { ApiError, request } from '../../api/client';
import { Alert } from '../../components/alert';
import { TextField } from '../../components/field';
import { Page } from '../../components/page';
import { handleSubmit, useSubmit } from '../../components/use-submit';
import { t } from '../../i18n';
import { navigate, type RouteParams } from '../../router/router';
import type { Household } from './types';
import { Checkbox, Conflict, type ConflictRow, fieldError, FormSubmit, Loading, newId, useLoad } from './ui';

interface Values {
  headName: string;
  phone: string;
  nationalId: string;
  province: string;
  commune: string;
  district: string;
  digitalSkillsTrained: boolean;
}

const EMPTY: Values = { headName: '', phone: '', nationalId: '', province: '', commune: '', district: '', digitalSkillsTrained: false };
const FIELDS = ['headName', 'phone', 'nationalId', 'province', 'commune', 'district', 'digitalSkillsTrained'];

function valuesOf(h: Household): Values {
  return {
    headName: h.headName,
    phone: h.phone,
    nationalId: '',
    province: h.province,
    commune: h.commune,
    district: h.district ?? '',
    digitalSkillsTrained: h.digitalSkillsTrained,
  };
}

function Form({ existing, etag: firstEtag }: { existing?: Household; etag: string | null }) {
  const [values, setValues] = useState<Values>(existing ? valuesOf(existing) : EMPTY);
  const [etag, setEtag] = useState(firstEtag);
  const [id] = useState(newId);
  const [conflict, setConflict] = useState<{ current: Household; etag: string } | null>(null);
  const set = (key: keyof Values) => (value: string | boolean) => setValues((v) => ({ ...v, [key]: value }));

  const { busy, error, run: save } = useSubmit(async (ifMatch: string | null) => {
    try {
      if (existing) {
        const body: Record<string, unknown> = {
          headName: values.headName.trim(),
          phone: values.phone.trim(),
          province: values.province.trim(),
          commune: values.commune.trim(),
          district: values.district.trim() || null,
          digitalSkillsTrained: values.digitalSkillsTrained,
        };
        if (values.nationalId.trim()) body.nationalId = values.nationalId.trim();
        await request<Household>(`/api/v1/households/${existing.id}`, { method: 'PATCH', body, headers: ifMatch ? { 'If-Match': ifMatch } : {} });
        navigate(`/manager/households/${existing.id}`, { replace: true });
      } else {
        const body: Record<string, unknown> = {
          id,
          headName: values.headName.trim(),
          phone: values.phone.trim(),
          province: values.province.trim(),
          commune: values.commune.trim(),
          digitalSkillsTrained: values.digitalSkillsTrained,
        };
        if (values.nationalId.trim()) body.nationalId = values.nationalId.trim();
        if (values.district.trim()) body.district = values.district.trim();
        const { data } = await request<Household>('/api/v1/households', { method: 'POST', body });
        navigate(`/manager/households/${data.id}`, { replace: true });
      }
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 412 && caught.problem.current) {
        const current = caught.problem.current as Household;
        setConflict({ current, etag: `"${current.version}"` });
      } else throw caught;
    }
  });

  if (conflict) {
    const theirs = valuesOf(conflict.current);
    const yes = t('manager.yes');
    const no = t('manager.no');
    const rows: ConflictRow[] = [
      { label: t('manager.household.headName'), mine: values.headName, theirs: theirs.headName },
      { label: t('manager.household.phone'), mine: values.phone, theirs: theirs.phone },
      { label: t('manager.household.province'), mine: values.province, theirs: theirs.province },
      { label: t('manager.household.commune'), mine: values.commune, theirs: theirs.commune },
      { label: t('manager.household.district'), mine: values.district, theirs: theirs.district },
      { label: t('manager.household.trained'), mine: values.digitalSkillsTrained ? yes : no, theirs: theirs.digitalSkillsTrained ? yes : no },
    ];
    return (
      <Conflict
        rows={rows}
        busy={busy}
        onKeepMine={() => {
          setEtag(conflict.etag);
          setConflict(null);
          void save(conflict.etag);
        }}
        onUseTheirs={() => {
          setValues(theirs);
          setEtag(conflict.etag);
          setConflict(null);
        }}
      />
    );
  }

  return (
    <form noValidate onSubmit={handleSubmit(() => save(etag))}>
      <TextField label={t('manager.household.headName')} required value={values.headName} onValue={set('headName')} error={fieldError(error, 'headName')} autoComplete="off" />
      <TextField label={t('manager.household.phone')} type="tel" inputMode="tel" required value={values.phone} onValue={set('phone')} error={fieldError(error, 'phone')} />
      <TextField
        label={t('manager.household.nationalId')}
        hint={existing?.nationalId ? t('manager.household.nationalIdKept', { masked: existing.nationalId }) : t('manager.household.nationalIdHint')}
        inputMode="numeric"
        value={values.nationalId}
        onValue={set('nationalId')}
        error={fieldError(error, 'nationalId')}
        autoComplete="off"
      />
      <TextField label={t('manager.household.province')} required value={values.province} onValue={set('province')} error={fieldError(error, 'province')} />
      <TextField label={t('manager.household.commune')} required value={values.commune} onValue={set('commune')} error={fieldError(error, 'commune')} />
      <TextField label={t('manager.household.district')} hint={t('manager.household.districtHint')} value={values.district} onValue={set('district')} error={fieldError(error, 'district')} />
      <Checkbox label={t('manager.household.trained')} checked={values.digitalSkillsTrained} onChange={set('digitalSkillsTrained')} />
      <FormSubmit error={error} fields={FIELDS} busy={busy}>
        {t('common.save')}
      </FormSubmit>
    </form>
  );
}

/** Adds a household, or corrects one (`If-Match`: a stale edit shows both versions). */
export default function HouseholdForm({ params }: { params: RouteParams }) {
  const editing = params.id;
  const loaded = useLoad(async () => (editing ? await request<Household>(`/api/v1/households/${editing}`) : null), [editing]);
  return (
    <Page title={editing ? t('manager.household.editTitle') : t('manager.household.addTitle')} back={editing ? `/manager/households/${editing}` : '/manager/households'}>
      <Loading state={loaded}>
        {() => (loaded.data ? <Form existing={loaded.data.data} etag={loaded.data.etag} /> : editing ? <Alert tone="error">{t('common.notFound')}</Alert> : <Form etag={null} />)}
      </Loading>
    </Page>
  );
}
