import { Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { AuthService } from '../auth/auth.service';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Public, Roles } from '../common/auth/decorators';
import { sessionCookies, sessionTokenOf } from '../common/auth/session-cookie';
import { AuthConfig, ServerConfig } from '../config/sections';
import { ReportsService } from '../reports/reports.service';
import { dashboardPage, loginPage } from './dashboard-page';

/**
 * /admin: a server-rendered page for the province office and co-op managers. The login form posts to the API;
 * the token then goes to POST /admin/session, which keeps it in the one session cookie of /admin and
 * /admin/queues (HttpOnly, SameSite=Strict) beside a CSRF cookie for the double-submit check.
 */
@ApiExcludeController()
@Controller('admin')
export class AdminController {
  constructor(
    private readonly reports: ReportsService,
    private readonly auth: AuthService,
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

  @Get()
  @Public()
  async page(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const nonce = randomBytes(16).toString('base64');
    void reply.header('Content-Type', 'text/html; charset=utf-8');
    void reply.header('Cache-Control', 'no-store');
    void reply.header(
      'Content-Security-Policy',
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
    );
    const actor = await this.auth.authenticate(request).then(
      ({ actor: who, viaCookie }) => (viaCookie ? who : null),
      () => null,
    );
    if (!actor) return loginPage(nonce);
    if (actor.role === 'farmer') return loginPage(nonce, 'This page is for the province office and co-op managers');
    const data = await this.reports.dashboard(actor, {});
    return dashboardPage(data, actor.role === 'admin' ? 'Province office: every co-operative' : `Co-operative ${actor.cooperativeId}`);
  }
}
