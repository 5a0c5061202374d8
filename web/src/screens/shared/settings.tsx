import { useState } from 'preact/hooks';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { TextField } from '../../components/field';
import { Page } from '../../components/page';
import { setLang, t, lang } from '../../i18n';
import { isValidPin, pinSet, removePin, setPin } from '../../session/session';

/** Language, the shared-phone PIN. */
export default function Settings() {
  const [pin, setPinValue] = useState('');
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);

  async function savePin(event: Event) {
    event.preventDefault();
    if (!isValidPin(pin)) return setMessage({ tone: 'error', text: t('pin.invalid') });
    await setPin(pin);
    setPinValue('');
    setMessage({ tone: 'success', text: t('pin.saved') });
  }

  return (
    <Page title={t('settings.title')} back="/">
      <fieldset class="choices">
        <legend>{t('common.language')}</legend>
        {(['vi', 'en'] as const).map((code) => (
          <label key={code} class="choice">
            <input type="radio" name="lang" checked={lang.value === code} onChange={() => setLang(code)} />
            {t(`common.language.${code}`)}
          </label>
        ))}
      </fieldset>
      <form onSubmit={(event) => void savePin(event)}>
        <TextField label={t('pin.new')} type="password" inputMode="numeric" autoComplete="new-password" value={pin} onValue={setPinValue} />
        {message && <Alert tone={message.tone}>{message.text}</Alert>}
        <Button type="submit">{t('pin.set')}</Button>
      </form>
      {pinSet.value && (
        <Button variant="secondary" onClick={() => void removePin()}>
          {t('pin.remove')}
        </Button>
      )}
    </Page>
  );
}
