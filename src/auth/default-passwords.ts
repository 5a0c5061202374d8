import { Injectable, Logger } from '@nestjs/common';
import { PasswordHasher } from '../common/crypto/password-hasher';
import { normalizePhone } from '../common/phone';
import { ConfigurationError, DEVELOPMENT_DEFAULTS } from '../config/environment';
import { AuthConfig, ServerConfig } from '../config/sections';
import { AccountStates } from './account-states';
import { UsersRepository } from './users.repository';

/**
 * Accounts and passwords anyone who has read this repository knows: the development admin and the
 * accounts `npm run seed` creates (scripts/seed.ts SEED_ACCOUNTS; a test keeps the two lists equal).
 */
export const KNOWN_DEFAULT_ACCOUNTS: readonly { phone: string; password: string }[] = [
  { phone: DEVELOPMENT_DEFAULTS.ADMIN_PHONE, password: DEVELOPMENT_DEFAULTS.ADMIN_PASSWORD },
  { phone: '0988460100', password: 'quanly-thanhha-2026' },
  { phone: '0912460101', password: 'nongdan-thanhha-2026' },
];

/**
 * On a production start, no admin and no seeded account may still open with a password from the
 * repository. The account of ADMIN_PHONE is given ADMIN_PASSWORD (the operator has just chosen it);
 * any other such account stops the start, naming it. Each check is a full scrypt, so it runs once, at
 * start, and only in production.
 */
@Injectable()
export class DefaultPasswordCheck {
  private readonly logger = new Logger(DefaultPasswordCheck.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly accounts: AccountStates,
    private readonly server: ServerConfig,
    private readonly auth: AuthConfig,
  ) {}

  async run(): Promise<void> {
    if (this.server.NODE_ENV !== 'production') return;
    const passwords = [...new Set(KNOWN_DEFAULT_ACCOUNTS.map((a) => a.password))];
    const candidates = await this.users.adminsAndPhones(KNOWN_DEFAULT_ACCOUNTS.map((a) => a.phone));
    const adminPhone = normalizePhone(this.auth.ADMIN_PHONE);
    for (const user of candidates) {
      if (!(await this.opensWithAny(user.passwordHash, passwords))) continue;
      if (user.phone === adminPhone) {
        await this.users.changeWithNewTokenVersion(user.id, { passwordHash: await this.hasher.hash(this.auth.ADMIN_PASSWORD) });
        await this.accounts.changed(user.id);
        this.logger.warn(`The admin account ${user.phone} had a development password; it now has ADMIN_PASSWORD`);
        continue;
      }
      throw new ConfigurationError(
        `Refusing to start with NODE_ENV=production: the ${user.role} account ${user.phone} still has a development or seed password; ` +
          'reset it (POST /api/v1/users/{id}/reset-password) or disable it from a non-production start, or delete the account',
      );
    }
  }

  private async opensWithAny(hash: string, passwords: string[]): Promise<boolean> {
    for (const password of passwords) if (await this.hasher.verify(password, hash)) return true;
    return false;
  }
}
