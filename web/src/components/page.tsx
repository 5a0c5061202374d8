import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { t } from '../i18n';
import { navigate } from '../router/router';

/** A screen: its heading (focused on arrival, so a screen reader announces the new screen) and body. */
export function Page({ title, back, children }: { title: string; back?: string; children: ComponentChildren }) {
  useEffect(() => {
    document.title = `${title} – ${t('common.appName')}`;
  }, [title]);
  return (
    <main class="page" id="main">
      {back !== undefined && (
        <button type="button" class="link back" onClick={() => navigate(back)}>
          ← {t('common.back')}
        </button>
      )}
      <h1 tabIndex={-1}>{title}</h1>
      {children}
    </main>
  );
}
