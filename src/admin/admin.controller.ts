import { Controller, Get, HttpCode, Post, Redirect, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Public, Roles } from '../common/auth/decorators';
import { sessionCookies, sessionTokenOf } from '../common/auth/session-cookie';
import { AuthConfig, ServerConfig } from '../config/sections';

/**
 * /admin: the farm app (`/app/`) is where people read the dashboard, so GET /admin leads there. POST
 * /admin/session turns an admin's bearer token into the session cookie of the queue board at /admin/queues
 * (HttpOnly, SameSite=Strict) beside a CSRF cookie for the double-submit check; the app's province screen
 * calls it before opening the board.
 */
@ApiExcludeController()
@Controller('admin')
export class AdminController {
  constructor(
    private readonly server: ServerConfig,
    private readonly authConfig: AuthConfig,
  ) {}

  @Post('session')
  @HttpCode(204)
  @Roles('admin', 'coop_manager')
  session(@CurrentActor() _actor: Actor, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): void {
    // The guard has accepted the bearer token (or the session cookie, from this origin): that token becomes the session.
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? sessionTokenOf(request)!;
    const secure = this.server.PUBLIC_BASE_URL.startsWith('https:') && this.server.NODE_ENV === 'production';
    void reply.header('Set-Cookie', sessionCookies(token, randomBytes(24).toString('base64url'), this.authConfig.JWT_TTL_SECONDS, secure));
  }

  /** The dashboard that was here is the farm app's province screen now (a manager's own screens likewise). */
  @Get()
  @Public()
  @Redirect('/app/', 302)
  page(): void {}
}
