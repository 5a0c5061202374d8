import { signal } from '@preact/signals';
import type { ComponentType } from 'preact';

/** Where the app is served; every in-app path is under it. */
export const BASE = '/app';

export type RouteParams = Record<string, string>;
export type Screen = ComponentType<{ params: RouteParams }>;

/** One screen of a role: its path (`/farmer/plots/:id`) and how to load it (a dynamic import, its own chunk). */
export interface Route {
  path: string;
  load: () => Promise<{ default: Screen }>;
}

function appPath(): string {
  const path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : location.pathname;
  return path === '' ? '/' : path.replace(/\/+$/, '') || '/';
}

/** The path inside the app (without /app), kept in step with the address bar. */
export const currentPath = signal(appPath());

window.addEventListener('popstate', () => (currentPath.value = appPath()));

export function navigate(path: string, { replace = false } = {}): void {
  const url = `${BASE}${path === '/' ? '/' : path}`;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  currentPath.value = appPath();
  window.scrollTo(0, 0);
}

/** The route whose pattern matches `path`, with its `:params`. */
export function match(routes: readonly Route[], path: string): { route: Route; params: RouteParams } | null {
  const parts = path.split('/').filter(Boolean);
  for (const route of routes) {
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: RouteParams = {};
    const ok = pattern.every((segment, i) => {
      if (segment.startsWith(':')) {
        params[segment.slice(1)] = decodeURIComponent(parts[i]);
        return true;
      }
      return segment === parts[i];
    });
    if (ok) return { route, params };
  }
  return null;
}
