import { render } from 'preact';
import { App } from './app';
import { lang } from './i18n';
import { startOutbox } from './outbox';
import { restorePin, restoreSession } from './session/session';
import './styles.css';

document.documentElement.lang = lang.value;

async function start(): Promise<void> {
  await Promise.all([restoreSession(), restorePin()]);
  startOutbox();
}

render(<App />, document.getElementById('app')!);
void start();

// MODE, not PROD: PROD follows NODE_ENV, which a test runner sets to `test` while it builds the app.
if ('serviceWorker' in navigator && import.meta.env.MODE === 'production') {
  // After the first screen is up: the shell's precache must not compete with it on a slow line.
  window.addEventListener('load', () => void navigator.serviceWorker.register('/app/sw.js', { scope: '/app/' }));
}
