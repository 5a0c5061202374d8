import { useState } from 'preact/hooks';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { TextField } from '../../components/field';
import { Page } from '../../components/page';
import { t } from '../../i18n';
import { logout, unlock } from '../../session/session';

/** The shared phone's lock: nothing of the farmer's shows until the PIN is entered. */
export function PinLock() {
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    if (!(await unlock(pin))) {
      setPin('');
      setMessage(t('pin.wrong'));
    }
  }

  return (
    <Page title={t('pin.title')}>
      <form onSubmit={(event) => void submit(event)}>
        <TextField
          label={t('pin.enter')}
          type="password"
          inputMode="numeric"
          autoComplete="off"
          pattern="[0-9]*"
          value={pin}
          onValue={setPin}
        />
        {message && <Alert tone="error">{message}</Alert>}
        <Button type="submit">{t('pin.unlock')}</Button>
      </form>
      <Button
        variant="link"
        onClick={() =>
          void logout().then((refusal) => {
            if (refusal) setMessage(refusal);
          })
        }
      >
        {t('pin.forgot')}
      </Button>
    </Page>
  );
}
