import { isIPv6 } from 'node:net';
import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { TooManyRequestsError } from '../common/errors/domain-errors';
import { message } from '../common/i18n/message';
import { AuthConfig } from '../config/sections';
import { REDIS } from '../redis/redis.token';

const WINDOW_MS = 60_000;

// INCR and the window's expiry in one step, so concurrent attempts each get their own count.
const RESERVE = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('PTTL', KEYS[1])}`;

/**
 * The part of a client address one person controls: an IPv4 address, or an IPv6 /64 (one household or
 * phone gets a whole /64, so counting single IPv6 addresses would be no limit at all).
 */
export function throttleKeyOf(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (!isIPv6(address)) return address;
  const [head, tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * Failed logins per client address and minute (LOGIN_RATE_LIMIT_PER_MINUTE), shared by every process
 * through Redis: the per-phone lockout stops guessing one account, this stops trying one password on
 * many. Only failures count, so a co-op office or a carrier NAT full of people logging in is not
 * blocked. With Redis away it lets logins through: the per-phone lockout, in the database, still holds.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger(LoginThrottle.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly auth: AuthConfig,
  ) {}

  /** Takes one attempt from the address's allowance before the password is checked; 429 when none is left. */
  async reserve(address: string): Promise<void> {
    const limit = this.auth.LOGIN_RATE_LIMIT_PER_MINUTE;
    if (limit === 0) return;
    let answer: [number, number];
    try {
      answer = (await this.redis.eval(RESERVE, 1, this.keyOf(address), WINDOW_MS)) as [number, number];
    } catch (error) {
      this.logger.warn(`Login throttle unavailable (${(error as Error).message}); only the per-phone lockout applies`);
      return;
    }
    const [count, ttlMs] = answer;
    if (count > limit) {
      throw new TooManyRequestsError(message('auth.tooManyLogins'), (ttlMs > 0 ? ttlMs : WINDOW_MS) / 1000);
    }
  }

  /** A successful login gives its attempt back. */
  async release(address: string): Promise<void> {
    if (this.auth.LOGIN_RATE_LIMIT_PER_MINUTE === 0) return;
    await this.redis.decr(this.keyOf(address)).catch(() => undefined);
  }

  private keyOf(address: string): string {
    return `login-throttle:${throttleKeyOf(address)}`;
  }
}
