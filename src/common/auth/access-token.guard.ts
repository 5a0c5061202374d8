import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthService } from '../../auth/auth.service';
import type { UserRole } from '../../auth/user.entity';
import { ForbiddenError } from '../errors/domain-errors';
import { message } from '../i18n/message';
import { ALLOWED_ROLES, AuthenticatedRequest, OPEN_BEFORE_PASSWORD_CHANGE, PUBLIC_ROUTE } from './decorators';

/**
 * Global guard: every route needs a valid credential unless marked @Public() (AuthService.authenticate
 * decides which); @Roles() narrows who may call. An account whose password was reset reaches only the
 * routes marked @OpenBeforePasswordChange() until it picks a new one.
 */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const { actor, mustChangePassword } = await this.auth.authenticate(request);
    request.actor = actor;

    if (mustChangePassword && !this.reflector.getAllAndOverride<boolean>(OPEN_BEFORE_PASSWORD_CHANGE, targets)) {
      throw new ForbiddenError(message('access.passwordChangeRequired'), {
        extra: { mustChangePassword: true },
      });
    }
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ALLOWED_ROLES, targets);
    if (roles && !roles.includes(actor.role)) {
      throw new ForbiddenError(message('access.roleNotAllowed', { role: actor.role }));
    }
    return true;
  }
}
