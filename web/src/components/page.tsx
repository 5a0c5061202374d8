import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { Alert } from './alert';
import { flash } from './flash';
import { navigate } from '../router/router';

/** A screen: its heading (focused on arrival, so a screen reader announces the new screen) and body. */
export function Page({ title, back, children }: { title: string; back?: string; children: ComponentChildren }) {
  const [message] = useState(() => flash.peek());
  useEffect(() => {
    document.title = `${title} – ${t('common.appName')}`;
  }, [title]);
  useEffect(() => {
    flash.value = null;
  }, []);
  return (
    <main class="page" id="main">
      {back !== undefined && (
        <button type="button" class="link back" onClick={() => navigate(back)}>
          ← {t('common.back')}
        </button>
      )}
      <h1 tabIndex={-1}>{title}</h1>
      {message && <Alert tone="success">{message}</Alert>}
      {children}
    </main>
  );
}
