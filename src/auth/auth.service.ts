import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { AccessTokenClaims } from '../common/auth/access-token.guard';
import { PasswordHasher } from '../common/crypto/password-hasher';
import { TooManyRequestsError, UnauthorizedError } from '../common/errors/domain-errors';
import { normalizePhone } from '../common/phone';
import { Environment } from '../config/environment';
import { LoginDto, LoginResponse } from './dto/login.dto';
import { User } from './user.entity';

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly env: Environment,
  ) {}

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
    const claims: AccessTokenClaims = { sub: user.id, role: user.role, coop: user.cooperativeId, hh: user.householdId };
    return {
      accessToken: await this.jwt.signAsync(claims),
      expiresIn: this.env.JWT_TTL_SECONDS,
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
