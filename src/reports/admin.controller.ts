import { Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { JwtService } from '@nestjs/jwt';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { AccessTokenClaims } from '../common/auth/access-token.guard';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Public, Roles } from '../common/auth/decorators';
import { Environment } from '../config/environment';
import { dashboardPage, loginPage } from './dashboard-page';
import { ReportsService } from './reports.service';

const COOKIE = 'nst_admin';

/**
 * /admin: a server-rendered page for the province office and co-op managers. The login form posts to the API;
 * the token then goes to POST /admin/session, which keeps it in an HttpOnly, SameSite=Strict cookie for /admin.
 */
@ApiExcludeController()
@Controller('admin')
export class AdminController {
  constructor(
    private readonly reports: ReportsService,
    private readonly jwt: JwtService,
    private readonly env: Environment,
  ) {}

  @Post('session')
  @HttpCode(204)
  @Roles('admin', 'coop_manager')
  session(@CurrentActor() _actor: Actor, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): void {
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')![1];
    const secure = this.env.PUBLIC_BASE_URL.startsWith('https:') && this.env.NODE_ENV === 'production' ? '; Secure' : '';
    void reply.header(
      'Set-Cookie',
      `${COOKIE}=${token}; Path=/admin; HttpOnly; SameSite=Strict; Max-Age=${this.env.JWT_TTL_SECONDS}${secure}`,
    );
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
    const actor = await this.actorFromCookie(request.headers.cookie);
    if (!actor) return loginPage(nonce);
    if (actor.role === 'farmer') return loginPage(nonce, 'This page is for the province office and co-op managers');
    const data = await this.reports.dashboard(actor, {});
    return dashboardPage(data, actor.role === 'admin' ? 'Province office: every co-operative' : `Co-operative ${actor.cooperativeId}`);
  }

  private async actorFromCookie(header: string | undefined): Promise<Actor | null> {
    const token = (header ?? '')
      .split(';')
      .map((p) => p.trim())
      .find((p) => p.startsWith(`${COOKIE}=`))
      ?.slice(COOKIE.length + 1);
    if (!token) return null;
    try {
      const claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, { algorithms: ['HS256'] });
      if (claims.role !== 'admin' && claims.role !== 'coop_manager' && claims.role !== 'farmer') return null;
      return { userId: claims.sub, role: claims.role, cooperativeId: claims.coop ?? null, householdId: claims.hh ?? null };
    } catch {
      return null;
    }
  }
}
