import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { PasswordHasher } from '../common/crypto/password-hasher';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../common/errors/domain-errors';
import { isUniqueViolation } from '../common/errors/unique-violation';
import { normalizePhone } from '../common/phone';
import { Cooperative } from '../registry/cooperative.entity';
import { Household } from '../registry/household.entity';
import { CreateUserDto, toUserResponse, UserResponse } from './dto/user.dto';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Cooperative) private readonly cooperatives: Repository<Cooperative>,
    @InjectRepository(Household) private readonly households: Repository<Household>,
    private readonly hasher: PasswordHasher,
  ) {}

  /** Admins create any account; a co-op manager creates farmer accounts for households of its own co-op. */
  async create(actor: Actor, dto: CreateUserDto): Promise<UserResponse> {
    const phone = normalizePhone(dto.phone);
    if (!phone) throw InvalidInputError.field('phone', 'must be a Vietnamese phone number such as 0912345678');
    if (actor.role === 'coop_manager' && dto.role !== 'farmer') {
      throw new ForbiddenError('A co-op manager can only create farmer accounts');
    }
    const { cooperativeId, householdId } = await this.resolveMembership(actor, dto);
    const user = this.users.create({
      id: randomUUID(),
      phone,
      passwordHash: await this.hasher.hash(dto.password),
      role: dto.role,
      cooperativeId,
      householdId,
      failedLoginCount: 0,
      lockedUntil: null,
      lastLoginAt: null,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    try {
      await this.users.insert(user);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`An account with phone ${phone} already exists`);
      throw error;
    }
    return toUserResponse(user);
  }

  /** Creates the province-office account on first start; an existing account with that phone is left alone. */
  async ensureAdmin(phoneInput: string, password: string): Promise<void> {
    const phone = normalizePhone(phoneInput);
    if (!phone) throw new Error('ADMIN_PHONE is not a phone number');
    if (await this.users.exists({ where: { phone } })) return;
    try {
      await this.users.insert({
        id: randomUUID(),
        phone,
        passwordHash: await this.hasher.hash(password),
        role: 'admin',
        cooperativeId: null,
        householdId: null,
        failedLoginCount: 0,
        createdAt: new Date(),
        updatedAt: new Date(),
      });
      this.logger.log(`Created the admin account ${phone}`);
    } catch (error) {
      // Another process started at the same moment and created it first.
      if (!isUniqueViolation(error)) throw error;
    }
  }

  private async resolveMembership(actor: Actor, dto: CreateUserDto): Promise<{ cooperativeId: string | null; householdId: string | null }> {
    switch (dto.role) {
      case 'admin':
        if (dto.cooperativeId || dto.householdId) {
          throw InvalidInputError.field('role', 'an admin account belongs to no co-operative or household');
        }
        return { cooperativeId: null, householdId: null };
      case 'coop_manager': {
        if (!dto.cooperativeId) throw InvalidInputError.field('cooperativeId', 'is required for a coop_manager');
        if (dto.householdId) throw InvalidInputError.field('householdId', 'a coop_manager belongs to a co-operative, not a household');
        if (!(await this.cooperatives.exists({ where: { id: dto.cooperativeId } })))
          throw NotFoundError.of('Cooperative', dto.cooperativeId);
        return { cooperativeId: dto.cooperativeId, householdId: null };
      }
      case 'farmer': {
        if (!dto.householdId) throw InvalidInputError.field('householdId', 'is required for a farmer');
        const household = await this.households.findOne({ where: { id: dto.householdId } });
        if (!household) throw NotFoundError.of('Household', dto.householdId);
        if (dto.cooperativeId && dto.cooperativeId !== household.cooperativeId) {
          throw InvalidInputError.field('cooperativeId', 'does not match the household’s co-operative');
        }
        if (actor.role === 'coop_manager' && actor.cooperativeId !== household.cooperativeId) {
          throw new ForbiddenError('This household belongs to another co-operative');
        }
        return { cooperativeId: household.cooperativeId, householdId: household.id };
      }
    }
  }
}
