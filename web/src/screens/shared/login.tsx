import { useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { describeError } from '../../components/errors';
import { TextField } from '../../components/field';
import { Page } from '../../components/page';
import { t } from '../../i18n';
import { login, MustChangePasswordError } from '../../session/session';

export function Login() {
  const [phone, setPhone] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  // Not useSubmit: this screen is on the first load (bench:app), which the hook would make heavier than this.
  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(phone.trim(), password);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (field: string) => (error instanceof ApiError ? error.fieldError(field) : undefined);
  return (
    <Page title={t('login.title')}>
      <form onSubmit={(event) => void submit(event)} noValidate>
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
