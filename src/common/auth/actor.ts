import type { UserRole } from '../../auth/user.entity';

/** Who is calling: read from the verified access token and passed to every service method that checks access. */
export interface Actor {
  userId: string;
  role: UserRole;
  cooperativeId: string | null;
  householdId: string | null;
}
