import type { Role } from '../session/session';
import type { Route } from './router';

/** Each role's screens live in their own folder and chunk; a farmer's phone never loads the others. */
export const ROLE_ROUTES: Record<Role, () => Promise<{ routes: readonly Route[]; home: string }>> = {
  farmer: () => import('../screens/farmer/routes'),
  coop_manager: () => import('../screens/manager/routes'),
  admin: () => import('../screens/province/routes'),
};
