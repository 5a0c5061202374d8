import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, LessThan, Repository } from 'typeorm';
import type { AccessTokenClaims } from '../common/auth/access-token.guard';
import { PasswordHasher } from '../common/crypto/password-hasher';
import { PeriodicTask } from '../common/periodic-task';
import { TooManyRequestsError, UnauthorizedError } from '../common/errors/domain-errors';
import { normalizePhone } from '../common/phone';
import { Environment } from '../config/environment';
import { LoginDto, LoginResponse, RefreshDto } from './dto/login.dto';
import { RefreshToken } from './refresh-token.entity';
import { User } from './user.entity';

const hashOf = (token: string): string => createHash('sha256').update(token).digest('hex');

const CLEANUP_EVERY_MS = 3_600_000;

@Injectable()
export class AuthService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly cleanup = new PeriodicTask(CLEANUP_EVERY_MS, () => this.removeExpiredRefreshTokens());

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly env: Environment,
  ) {}

  onApplicationBootstrap(): void {
    this.cleanup.start();
  }

  onApplicationShutdown(): void {
    this.cleanup.stop();
  }

  /** Refresh tokens expired for a day are of no use, not even to detect reuse: removed hourly. */
  async removeExpiredRefreshTokens(now = new Date()): Promise<number> {
    const result = await this.dataSource.getRepository(RefreshToken).delete({ expiresAt: LessThan(new Date(now.getTime() - 86_400_000)) });
    return result.affected ?? 0;
  }

  /**
   * Checks the password; after LOGIN_MAX_FAILURES wrong passwords in a row the account is locked for
   * LOGIN_LOCK_SECONDS (429 with Retry-After), so a phone number's password cannot be guessed online.
   */
  async login(dto: LoginDto, now = new Date()): Promise<LoginResponse> {
    const phone = normalizePhone(dto.phone);
    const user = phone ? await this.users.findOne({ where: { phone } }) : null;
    if (!user) {
      await this.hasher.burn(dto.password);
      throw new UnauthorizedError('Wrong phone number or password');
    }
    if (user.lockedUntil && user.lockedUntil > now) {
      throw new TooManyRequestsError(
        'Too many wrong passwords for this phone number; try again later',
        (user.lockedUntil.getTime() - now.getTime()) / 1000,
      );
    }
    if (!(await this.hasher.verify(dto.password, user.passwordHash))) {
      await this.recordFailure(user, now);
      throw new UnauthorizedError('Wrong phone number or password');
    }
    if (user.failedLoginCount > 0 || user.lockedUntil) {
      await this.users.update(user.id, { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now });
    } else {
      await this.users.update(user.id, { lastLoginAt: now });
    }
    return this.session(this.dataSource.manager, user, randomUUID(), now);
  }

  /**
   * Exchanges a refresh token for a new access token and a new refresh token (rotation). An unknown,
   * expired or revoked token is 401; a token already used is 401 and ends its whole session, since
   * one of the two holders is not the user.
   */
  async refresh(dto: RefreshDto, now = new Date()): Promise<LoginResponse> {
    const refused = new UnauthorizedError('The refresh token is not valid; log in again');
    const token = await this.dataSource.getRepository(RefreshToken).findOne({ where: { tokenHash: hashOf(dto.refreshToken) } });
    if (!token || token.revokedAt || token.expiresAt <= now) throw refused;
    const answer = await this.dataSource.transaction(async (manager) => {
      // Only one of two concurrent uses of the same token gets through.
      const taken = await manager.update(RefreshToken, { id: token.id, usedAt: IsNull(), revokedAt: IsNull() }, { usedAt: now });
      if (!taken.affected) return null;
      const user = await manager.findOne(User, { where: { id: token.userId } });
      if (!user) throw refused;
      return this.session(manager, user, token.familyId, now);
    });
    if (answer) return answer;
    await this.revokeFamily(token.familyId, now);
    throw new UnauthorizedError('The refresh token was already used; the session has been ended, log in again');
  }

  /** Ends the session the refresh token belongs to (every token of its family). Unknown tokens end nothing. */
  async logout(dto: RefreshDto, now = new Date()): Promise<void> {
    const token = await this.dataSource.getRepository(RefreshToken).findOne({ where: { tokenHash: hashOf(dto.refreshToken) } });
    if (token) await this.revokeFamily(token.familyId, now);
  }

  private async revokeFamily(familyId: string, now: Date): Promise<void> {
    await this.dataSource.getRepository(RefreshToken).update({ familyId, revokedAt: IsNull() }, { revokedAt: now });
  }

  /** A new access token and a new refresh token of the session `familyId`. */
  private async session(manager: EntityManager, user: User, familyId: string, now: Date): Promise<LoginResponse> {
    const refreshToken = randomBytes(32).toString('base64url');
    const refreshSeconds = this.env.REFRESH_TOKEN_TTL_DAYS * 86_400;
    await manager.insert(RefreshToken, {
      id: randomUUID(),
      userId: user.id,
      familyId,
      tokenHash: hashOf(refreshToken),
      expiresAt: new Date(now.getTime() + refreshSeconds * 1000),
      usedAt: null,
      revokedAt: null,
    });
    const claims: AccessTokenClaims = { sub: user.id, role: user.role, coop: user.cooperativeId, hh: user.householdId };
    return {
      accessToken: await this.jwt.signAsync(claims),
      expiresIn: this.env.JWT_TTL_SECONDS,
      refreshToken,
      refreshExpiresIn: refreshSeconds,
      user: { id: user.id, role: user.role, cooperativeId: user.cooperativeId, householdId: user.householdId },
    };
  }

  private async recordFailure(user: User, now: Date): Promise<void> {
    // Incremented in SQL so concurrent wrong guesses cannot overwrite each other's count.
    await this.users
      .createQueryBuilder()
      .update(User)
      .set({ failedLoginCount: () => 'failed_login_count + 1' })
      .where('id = :id', { id: user.id })
      .execute();
    const fresh = await this.users.findOneByOrFail({ id: user.id });
    if (fresh.failedLoginCount >= this.env.LOGIN_MAX_FAILURES) {
      await this.users.update(user.id, {
        failedLoginCount: 0,
        lockedUntil: new Date(now.getTime() + this.env.LOGIN_LOCK_SECONDS * 1000),
      });
    }
  }
}
