import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { FastifyRequest } from 'fastify';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { isSameOriginRequest, sessionTokenOf } from '../common/auth/session-cookie';
import { PasswordHasher } from '../common/crypto/password-hasher';
import { PeriodicTask } from '../common/periodic-task';
import { ForbiddenError, InvalidInputError, UnauthorizedError } from '../common/errors/domain-errors';
import { message } from '../common/i18n/message';
import { normalizePhone } from '../common/phone';
import { AuthConfig, ServerConfig } from '../config/sections';
import { AccountStates } from './account-states';
import { ChangePasswordDto, LoginDto, LoginResponse, RefreshDto } from './dto/login.dto';
import { LoginThrottle } from './login-throttle';
import { assertStrongPassword } from './password-policy';
import { SessionsRepository } from './sessions.repository';
import { User, USER_ROLES, UserRole } from './user.entity';
import { UsersRepository } from './users.repository';

/** The claims of an access token. `ver` is the account's token version when it was issued. */
export interface AccessTokenClaims {
  sub: string;
  role: UserRole;
  coop?: string | null;
  hh?: string | null;
  ver: number;
  exp?: number;
}

/** Who is calling, and whether the account must change its password before anything else. */
export interface Authenticated {
  actor: Actor;
  mustChangePassword: boolean;
  /** The credential came from the session cookie (a browser), not an Authorization header. */
  viaCookie: boolean;
}

const hashOf = (token: string): string => createHash('sha256').update(token).digest('hex');

const CLEANUP_EVERY_MS = 3_600_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

@Injectable()
export class AuthService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly cleanup = new PeriodicTask(CLEANUP_EVERY_MS, () => this.removeExpiredRefreshTokens());

  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly auth: AuthConfig,
    private readonly server: ServerConfig,
    private readonly accounts: AccountStates,
    private readonly throttle: LoginThrottle,
  ) {}

  onApplicationBootstrap(): void {
    this.cleanup.start();
  }

  onApplicationShutdown(): void {
    this.cleanup.stop();
  }

  /** Refresh tokens expired for a day are of no use, not even to detect reuse: removed hourly. */
  async removeExpiredRefreshTokens(now = new Date()): Promise<number> {
    return this.sessions.removeExpiredBefore(new Date(now.getTime() - 86_400_000));
  }

  /**
   * The one check of a request's credential, for every route and the queue board: the bearer token, or
   * in a browser the session cookie of /admin. A cookie alone does not authorise a state-changing
   * request from another origin (CSRF). The token must carry an expiry and the account's current token
   * version, and the account must exist and not be disabled.
   */
  async authenticate(request: FastifyRequest): Promise<Authenticated> {
    const header = request.headers.authorization;
    let token: string | undefined;
    let viaCookie = false;
    if (typeof header === 'string') {
      token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
      if (!token) throw new UnauthorizedError(message('auth.tokenRequired'));
    } else {
      token = sessionTokenOf(request);
      viaCookie = token !== undefined;
    }
    if (!token) throw new UnauthorizedError(message('auth.tokenRequired'));
    if (viaCookie && !SAFE_METHODS.has(request.method) && !isSameOriginRequest(request, this.server.PUBLIC_BASE_URL)) {
      throw new ForbiddenError(message('auth.crossSite'));
    }

    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, { algorithms: ['HS256'] });
    } catch {
      throw new UnauthorizedError(message('auth.tokenExpired'));
    }
    if (
      typeof claims.sub !== 'string' ||
      !UUID.test(claims.sub) ||
      !(USER_ROLES as readonly string[]).includes(claims.role) ||
      !Number.isInteger(claims.ver)
    ) {
      throw new UnauthorizedError(message('auth.tokenInvalid'));
    }
    // A token without an expiry would be valid forever: only ever a forgery with a leaked key, or a bug.
    if (typeof claims.exp !== 'number') throw new UnauthorizedError(message('auth.tokenNoExpiry'));
    const state = await this.accounts.get(claims.sub);
    if (!state) throw new UnauthorizedError(message('auth.accountGone'));
    if (state.disabled) throw new UnauthorizedError(message('auth.accountDisabled'));
    if (state.tokenVersion !== claims.ver) throw new UnauthorizedError(message('auth.tokenEnded'));
    return {
      actor: { userId: claims.sub, role: claims.role, cooperativeId: claims.coop ?? null, householdId: claims.hh ?? null },
      mustChangePassword: state.mustChangePassword,
      viaCookie,
    };
  }

  /**
   * Checks the password. Each attempt first takes one of the phone's LOGIN_MAX_FAILURES tries in a single
   * UPDATE, so parallel guesses cannot all slip past the count before any of them fails; the try taken
   * last locks the phone for LOGIN_LOCK_SECONDS unless its password is right. A locked phone answers
   * exactly like a wrong password, so nobody learns from the answer which numbers have accounts.
   */
  async login(dto: LoginDto, client: string, now = new Date()): Promise<LoginResponse> {
    await this.throttle.reserve(client);
    const wrong = new UnauthorizedError(message('auth.wrongCredentials'));
    const phone = normalizePhone(dto.phone);
    const user = phone ? await this.users.findByPhone(phone) : null;
    if (!user || !(await this.reserveAttempt(user.id, now))) {
      await this.hasher.burn(dto.password);
      throw wrong;
    }
    if (!(await this.hasher.verify(dto.password, user.passwordHash))) throw wrong;
    await this.users.update(user.id, { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now });
    await this.throttle.release(client);
    if (user.disabled) throw new ForbiddenError(message('auth.loginDisabled'));
    return this.session(undefined, user, randomUUID(), now);
  }

  /**
   * Exchanges a refresh token for a new access token and a new refresh token (rotation). An unknown,
   * expired or revoked token is 401; a token already used is 401 and ends its whole session, since
   * one of the two holders is not the user.
   */
  async refresh(dto: RefreshDto, now = new Date()): Promise<LoginResponse> {
    const refused = new UnauthorizedError(message('auth.refreshInvalid'));
    const token = await this.sessions.findByHash(hashOf(dto.refreshToken));
    if (!token || token.revokedAt || token.expiresAt <= now) throw refused;
    const answer = await this.sessions.transaction(async (manager) => {
      // Only one of two concurrent uses of the same token gets through.
      if (!(await this.sessions.take(manager, token.id, now))) return null;
      const user = await this.users.findById(token.userId, manager);
      if (!user || user.disabled) throw refused;
      return this.session(manager, user, token.familyId, now);
    });
    if (answer) return answer;
    await this.endSession(token.userId, token.familyId, now);
    throw new UnauthorizedError(message('auth.refreshReused'));
  }

  /**
   * Ends the session the refresh token belongs to (every token of its family) and the account's access
   * tokens: other devices renew theirs with their own refresh token. Unknown tokens end nothing.
   */
  async logout(dto: RefreshDto, now = new Date()): Promise<void> {
    const token = await this.sessions.findByHash(hashOf(dto.refreshToken));
    if (token) await this.endSession(token.userId, token.familyId, now);
  }

  /**
   * Changes the caller's own password, which needs the current one (tried against the same lockout as a
   * login). Every session of the account ends; the answer is a new one, so the caller stays logged in.
   */
  async changePassword(actor: Actor, dto: ChangePasswordDto, now = new Date()): Promise<LoginResponse> {
    const user = await this.users.findById(actor.userId);
    if (!user) throw new UnauthorizedError(message('auth.accountGone'));
    const wrong = InvalidInputError.field('currentPassword', message('auth.currentPasswordWrong'));
    if (!(await this.reserveAttempt(user.id, now))) {
      await this.hasher.burn(dto.currentPassword);
      throw wrong;
    }
    if (!(await this.hasher.verify(dto.currentPassword, user.passwordHash))) throw wrong;
    await this.users.update(user.id, { failedLoginCount: 0, lockedUntil: null });
    if (dto.newPassword === dto.currentPassword) throw InvalidInputError.field('newPassword', message('auth.newPasswordSame'));
    assertStrongPassword(dto.newPassword, user.phone, 'newPassword');
    const passwordHash = await this.hasher.hash(dto.newPassword);
    const answer = await this.sessions.transaction(async (manager) => {
      await this.users.changeWithNewTokenVersion(user.id, { passwordHash, mustChangePassword: false }, manager);
      await this.sessions.revokeAllOf(manager, user.id, now);
      const fresh = await this.users.findById(user.id, manager);
      if (!fresh) throw new UnauthorizedError(message('auth.accountGone'));
      return this.session(manager, fresh, randomUUID(), now);
    });
    await this.accounts.changed(user.id);
    return answer;
  }

  private async endSession(userId: string, familyId: string, now: Date): Promise<void> {
    await this.sessions.revokeFamily(familyId, now);
    await this.users.changeWithNewTokenVersion(userId, {});
    await this.accounts.changed(userId);
  }

  /**
   * Takes one try of the account's allowance, or answers false when the account is locked. The count and
   * the lock change in one statement: the try that reaches LOGIN_MAX_FAILURES sets the lock at once (a
   * right password lifts it again), so a process dying mid-check never leaves a count without a lock.
   */
  private async reserveAttempt(userId: string, now: Date): Promise<boolean> {
    return this.users.reserveAttempt(
      userId,
      now,
      this.auth.LOGIN_MAX_FAILURES,
      new Date(now.getTime() + this.auth.LOGIN_LOCK_SECONDS * 1000),
    );
  }

  /** A new access token and a new refresh token of the session `familyId`. */
  private async session(manager: EntityManager | undefined, user: User, familyId: string, now: Date): Promise<LoginResponse> {
    const refreshToken = randomBytes(32).toString('base64url');
    const refreshSeconds = this.auth.REFRESH_TOKEN_TTL_DAYS * 86_400;
    await this.sessions.issue(manager, {
      userId: user.id,
      familyId,
      tokenHash: hashOf(refreshToken),
      expiresAt: new Date(now.getTime() + refreshSeconds * 1000),
    });
    const claims: AccessTokenClaims = {
      sub: user.id,
      role: user.role,
      coop: user.cooperativeId,
      hh: user.householdId,
      ver: user.tokenVersion,
    };
    return {
      accessToken: await this.jwt.signAsync(claims),
      expiresIn: this.auth.JWT_TTL_SECONDS,
      refreshToken,
      refreshExpiresIn: refreshSeconds,
      mustChangePassword: user.mustChangePassword,
      user: { id: user.id, role: user.role, cooperativeId: user.cooperativeId, householdId: user.householdId },
    };
  }
}
