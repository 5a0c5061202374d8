import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { USER_ROLES, UserRole } from '../../auth/user.entity';
import { ForbiddenError, UnauthorizedError } from '../errors/domain-errors';
import type { Actor } from './actor';
import { ALLOWED_ROLES, AuthenticatedRequest, PUBLIC_ROUTE } from './decorators';

interface AccessTokenClaims {
  sub: string;
  role: UserRole;
  coop?: string | null;
  hh?: string | null;
}

/** Global guard: every route needs a valid bearer token unless marked @Public(); @Roles() narrows who may call. */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new UnauthorizedError('An access token is required: Authorization: Bearer <token>');

    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(match[1], { algorithms: ['HS256'] });
    } catch {
      throw new UnauthorizedError('The access token is invalid or has expired');
    }
    if (typeof claims.sub !== 'string' || !(USER_ROLES as readonly string[]).includes(claims.role)) {
      throw new UnauthorizedError('The access token is invalid');
    }
    const actor: Actor = { userId: claims.sub, role: claims.role, cooperativeId: claims.coop ?? null, householdId: claims.hh ?? null };
    request.actor = actor;

    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ALLOWED_ROLES, targets);
    if (roles && !roles.includes(actor.role)) {
      throw new ForbiddenError(`This operation is not open to the role ${actor.role}`);
    }
    return true;
  }
}

export type { AccessTokenClaims };
