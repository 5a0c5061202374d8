import { addStrings } from '../../i18n';
import en from '../../i18n/en/province';
import vi from '../../i18n/vi/province';
import type { Route } from '../../router/router';

addStrings(vi, en);

export const home = '/province';

export const routes: readonly Route[] = [
  { path: '/province', load: () => import('./dashboard') },
  { path: '/province/batches/:id', load: () => import('./batch-record') },
  { path: '/province/plots/:id', load: () => import('./plot-record') },
];
