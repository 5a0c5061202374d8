import { addStrings } from '../../i18n';
import en from '../../i18n/en/farmer';
import vi from '../../i18n/vi/farmer';
import type { Route } from '../../router/router';

addStrings(vi, en);

export const home = '/farmer';

export const routes: readonly Route[] = [
  { path: '/farmer', load: () => import('./home') },
  { path: '/farmer/entry/:activity', load: () => import('./entry') },
  { path: '/farmer/plots/:id', load: () => import('./plot') },
];
