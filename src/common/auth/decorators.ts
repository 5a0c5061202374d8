import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { UserRole } from '../../auth/user.entity';
import type { Actor } from './actor';

export const PUBLIC_ROUTE = 'nongsan:public';
export const ALLOWED_ROLES = 'nongsan:roles';
export const OPEN_BEFORE_PASSWORD_CHANGE = 'nongsan:open-before-password-change';

/** The route needs no token (login, the consumer scan, health). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/** Only these roles may call the route; finer checks (own co-op, own household) are the service's. */
export const Roles = (...roles: UserRole[]): MethodDecorator & ClassDecorator => SetMetadata(ALLOWED_ROLES, roles);

/** An account whose password was reset may call this route (changing the password) before anything else. */
export const OpenBeforePasswordChange = (): MethodDecorator & ClassDecorator => SetMetadata(OPEN_BEFORE_PASSWORD_CHANGE, true);

export type AuthenticatedRequest = FastifyRequest & { actor?: Actor };

export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a public route');
  return actor;
});
