import { useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { describeError } from '../../components/errors';
import { TextField } from '../../components/field';
import { Page } from '../../components/page';
import { handleSubmit, useSubmit } from '../../components/use-submit';
import { t } from '../../i18n';
import { login, MustChangePasswordError } from '../../session/session';

export function Login() {
  const [phone, setPhone] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run: submit } = useSubmit(() => login(phone.trim(), password));

  const fieldError = (field: string) => (error instanceof ApiError ? error.fieldError(field) : undefined);
  return (
    <Page title={t('login.title')}>
      <form onSubmit={handleSubmit(submit)} noValidate>
        <TextField
          label={t('login.phone')}
          hint={t('login.phoneHint')}
          type="tel"
          inputMode="tel"
          autoComplete="username"
          name="phone"
          required
          value={phone}
          onValue={setPhone}
          error={fieldError('phone')}
        />
        <TextField
          label={t('login.password')}
          type="password"
          autoComplete="current-password"
          name="password"
          required
          value={password}
          onValue={setPassword}
          error={fieldError('password')}
        />
        {error !== null && !(error instanceof ApiError && error.problem.errors?.length) && (
          <Alert tone="error">{error instanceof MustChangePasswordError ? t('login.mustChangePassword') : describeError(error)}</Alert>
        )}
        <Button type="submit" busy={busy}>
          {busy ? t('login.working') : t('login.submit')}
        </Button>
      </form>
    </Page>
  );
}
