import { addStrings } from '../../i18n';
import en from '../../i18n/en/manager';
import vi from '../../i18n/vi/manager';
import type { Route } from '../../router/router';

addStrings(vi, en);

export const home = '/manager';

/** Each screen is its own chunk; fixed paths come before the `:id` ones they would otherwise match. */
export const routes: readonly Route[] = [
  { path: '/manager', load: () => import('./home') },
  { path: '/manager/households', load: () => import('./households') },
  { path: '/manager/households/new', load: () => import('./household-form') },
  { path: '/manager/households/import', load: () => import('./import') },
  { path: '/manager/households/:id', load: () => import('./household') },
  { path: '/manager/households/:id/edit', load: () => import('./household-form') },
  { path: '/manager/households/:id/plots/new', load: () => import('./plot-form') },
  { path: '/manager/plots', load: () => import('./plots') },
  { path: '/manager/plots/:id', load: () => import('./plot') },
  { path: '/manager/products', load: () => import('./products') },
  { path: '/manager/batches', load: () => import('./batches') },
  { path: '/manager/batches/new', load: () => import('./batch-form') },
  { path: '/manager/batches/:id', load: () => import('./batch') },
  { path: '/manager/label-runs/:id', load: () => import('./label-run') },
  { path: '/manager/listings', load: () => import('./listings') },
  { path: '/manager/listings/new', load: () => import('./listing-form') },
  { path: '/manager/listings/new/:batchId', load: () => import('./listing-form') },
  { path: '/manager/listings/:id', load: () => import('./listing') },
];
