import { addStrings } from '../../i18n';
import en from '../../i18n/en/manager';
import vi from '../../i18n/vi/manager';
import type { Route } from '../../router/router';

addStrings(vi, en);

export const home = '/manager';

export const routes: readonly Route[] = [{ path: '/manager', load: () => import('./home') }];
