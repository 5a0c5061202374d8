import { signal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Alert } from './components/alert';
import { Button } from './components/button';
import { lang, setLang, t } from './i18n';
import { ROLE_ROUTES } from './router/roles';
import { currentPath, match, navigate, type Route, type Screen } from './router/router';
import { Login } from './screens/shared/login';
import { PinLock } from './screens/shared/pin-lock';
import { currentUser, lock, locked, logout, pinSet, sessionReady, type Role } from './session/session';
import { ShellExtras } from './shell-extras';

/** Screens every logged-in role has. */
const SHARED_ROUTES: readonly Route[] = [
  { path: '/settings', load: () => import('./screens/shared/settings') },
  { path: '/outbox', load: () => import('./screens/shared/outbox') },
];

export const online = signal(navigator.onLine);
window.addEventListener('online', () => (online.value = true));
window.addEventListener('offline', () => (online.value = false));

const notice = signal<string | null>(null);

function Header({ loggedIn }: { loggedIn: boolean }) {
  const other = lang.value === 'vi' ? 'en' : 'vi';
  return (
    <header class="top">
      <a class="brand" href="/app/" onClick={(event) => (event.preventDefault(), navigate('/'))}>
        {t('common.appName')}
      </a>
      <div class="top-actions">
        {loggedIn && <ShellExtras />}
        <button type="button" class="btn-small" lang={other} onClick={() => setLang(other)}>
          {other === 'en' ? 'English' : 'Tiếng Việt'}
        </button>
      </div>
    </header>
  );
}

function Shell({ loggedIn, children }: { loggedIn: boolean; children: ComponentChildren }) {
  return (
    <>
      <a class="skip" href="#main">
        {t('common.skip')}
      </a>
      <Header loggedIn={loggedIn} />
      {!online.value && <p class="offline-bar" role="status">{t('common.offline')}</p>}
      {notice.value && (
        <div class="notice">
          <Alert tone="warning">{notice.value}</Alert>
          <Button variant="secondary" onClick={() => (notice.value = null)}>
            {t('common.close')}
          </Button>
        </div>
      )}
      {children}
      {loggedIn && (
        <nav class="bottom" aria-label={t('common.menu')}>
          <Button variant="link" onClick={() => navigate('/settings')}>
            {t('settings.title')}
          </Button>
          {pinSet.value && (
            <Button variant="link" onClick={lock}>
              {t('common.lock')}
            </Button>
          )}
          <Button
            variant="link"
            onClick={() =>
              void logout().then((refusal) => {
                notice.value = refusal;
                if (!refusal) navigate('/', { replace: true });
              })
            }
          >
            {t('common.logout')}
          </Button>
        </nav>
      )}
    </>
  );
}

const loadedScreens = new Map<Route, Screen>();

/** The current screen of the person's role, its code loaded on first use. */
function RoleScreens({ role }: { role: Role }) {
  const [table, setTable] = useState<{ routes: readonly Route[]; home: string } | null>(null);
  const [failed, setFailed] = useState(false);
  const [, setTick] = useState(0);
  const path = currentPath.value;

  useEffect(() => {
    let live = true;
    ROLE_ROUTES[role]().then(
      (module) => live && setTable({ routes: module.routes, home: module.home }),
      () => live && setFailed(true),
    );
    return () => void (live = false);
  }, [role]);

  useEffect(() => {
    if (table && path === '/') navigate(table.home, { replace: true });
  }, [table, path]);

  const found = table ? match([...SHARED_ROUTES, ...table.routes], path) : null;
  const screen = found ? loadedScreens.get(found.route) : undefined;

  useEffect(() => {
    if (!found || screen) return;
    found.route.load().then(
      (module) => {
        loadedScreens.set(found.route, module.default);
        setTick((n) => n + 1);
      },
      () => setFailed(true),
    );
  }, [found?.route, screen]);

  if (failed) return <ScreenFailed />;
  if (!table || (found && !screen)) return <p class="loading">{t('common.loading')}</p>;
  if (!found || !screen) return <NotFound />;
  const Current = screen;
  return <Current key={path} params={found.params} />;
}

function ScreenFailed() {
  return (
    <main class="page" id="main">
      <Alert tone="error">{t('common.screenFailed')}</Alert>
      <Button onClick={() => location.reload()}>{t('common.retry')}</Button>
    </main>
  );
}

function NotFound() {
  return (
    <main class="page" id="main">
      <p>{t('common.notFound')}</p>
      <Button onClick={() => navigate('/')}>{t('common.goHome')}</Button>
    </main>
  );
}

export function App() {
  if (!sessionReady.value) return <p class="loading">{t('common.loading')}</p>;
  const user = currentUser.value;
  if (!user)
    return (
      <Shell loggedIn={false}>
        <Login />
      </Shell>
    );
  if (locked.value) return <PinLock />;
  return (
    <Shell loggedIn>
      <RoleScreens role={user.role} />
    </Shell>
  );
}
