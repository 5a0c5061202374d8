import { Injectable, Logger } from '@nestjs/common';
import { randomInt, randomUUID } from 'node:crypto';
import { cooperativeScope } from '../common/auth/access-policy';
import type { Actor } from '../common/auth/actor';
import { PasswordHasher } from '../common/crypto/password-hasher';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../common/errors/domain-errors';
import { message } from '../common/i18n/message';
import { isUniqueViolation } from '../common/errors/unique-violation';
import { Page } from '../common/http/pagination';
import { normalizePhone } from '../common/phone';
import { CooperativesService } from '../registry/cooperatives.service';
import { HouseholdsService } from '../registry/households.service';
import { AccountStates } from './account-states';
import {
  CreateUserDto,
  ListUsersQuery,
  ResetPasswordDto,
  ResetPasswordResponse,
  toUserResponse,
  UpdateUserDto,
  UserResponse,
} from './dto/user.dto';
import { assertStrongPassword } from './password-policy';
import { User, UserRole } from './user.entity';
import { UsersRepository } from './users.repository';

/** Letters and digits nobody misreads over the phone (no 0/O, 1/l/I). */
const TEMPORARY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly cooperatives: CooperativesService,
    private readonly households: HouseholdsService,
    private readonly hasher: PasswordHasher,
    private readonly accounts: AccountStates,
  ) {}

  /** Admins create any account; a co-op manager creates farmer accounts for households of its own co-op. */
  async create(actor: Actor, dto: CreateUserDto): Promise<UserResponse> {
    const phone = normalizePhone(dto.phone);
    if (!phone) throw InvalidInputError.field('phone', message('registry.phoneFormat'));
    if (actor.role === 'coop_manager' && dto.role !== 'farmer') {
      throw new ForbiddenError(message('auth.managerCreatesFarmersOnly'));
    }
    assertStrongPassword(dto.password, phone);
    const { cooperativeId, householdId } = await this.resolveMembership(actor, dto);
    const user = Object.assign(new User(), {
      id: randomUUID(),
      phone,
      passwordHash: await this.hasher.hash(dto.password),
      role: dto.role,
      cooperativeId,
      householdId,
      failedLoginCount: 0,
      lockedUntil: null,
      lastLoginAt: null,
      tokenVersion: 0,
      disabled: false,
      mustChangePassword: false,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    try {
      await this.users.insert(user);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(message('auth.phoneTaken', { phone }));
      throw error;
    }
    return toUserResponse(user);
  }

  /** Admins list every account (optionally one co-op or role); a co-op manager the farmers of its co-op. */
  async list(actor: Actor, query: ListUsersQuery): Promise<Page<UserResponse>> {
    if (actor.role === 'coop_manager' && query.role && query.role !== 'farmer') {
      throw new ForbiddenError(message('auth.managerListsFarmersOnly'));
    }
    const cooperativeId = cooperativeScope(actor, query.cooperativeId);
    const role: UserRole | undefined = actor.role === 'admin' ? query.role : 'farmer';
    const page = await this.users.list({ cooperativeId, role }, query);
    return { items: page.items.map(toUserResponse), nextCursor: page.nextCursor };
  }

  /**
   * Disables or enables an account (admins any, co-op managers their farmers), or changes its role or
   * membership (admins only). Every change ends the account's access tokens at once; disabling also
   * ends its sessions.
   */
  async update(actor: Actor, id: string, dto: UpdateUserDto): Promise<UserResponse> {
    const user = await this.managedUser(actor, id);
    const changesMembership = dto.role !== undefined || dto.cooperativeId !== undefined || dto.householdId !== undefined;
    if (changesMembership && actor.role !== 'admin') throw new ForbiddenError(message('auth.membershipAdminOnly'));
    if (user.id === actor.userId && (changesMembership || dto.disabled === true)) {
      throw new ConflictError(message('auth.ownAccountUnchangeable'));
    }
    const changes: Partial<User> = {};
    if (changesMembership) {
      const role = dto.role ?? user.role;
      const membership = await this.resolveMembership(actor, { role, cooperativeId: dto.cooperativeId, householdId: dto.householdId });
      Object.assign(changes, { role, ...membership });
    }
    if (dto.disabled !== undefined) changes.disabled = dto.disabled;
    const changed = (Object.keys(changes) as (keyof User)[]).some((key) => changes[key] !== user[key]);
    if (!changed) return toUserResponse(user);
    await this.endTokens(user.id, changes, dto.disabled === true);
    const updated = await this.users.findById(user.id);
    if (!updated) throw NotFoundError.of('User', user.id);
    return toUserResponse(updated);
  }

  /**
   * Sets a temporary password (the one given, or a generated one answered once) that must be changed at
   * the next login; ends every session of the account and lifts a lock.
   */
  async resetPassword(actor: Actor, id: string, dto: ResetPasswordDto): Promise<ResetPasswordResponse> {
    const user = await this.managedUser(actor, id);
    if (user.id === actor.userId) throw new ConflictError(message('auth.ownPasswordRoute'));
    if (dto.temporaryPassword !== undefined) assertStrongPassword(dto.temporaryPassword, user.phone, 'temporaryPassword');
    const temporary = dto.temporaryPassword ?? temporaryPassword();
    await this.endTokens(
      user.id,
      { passwordHash: await this.hasher.hash(temporary), mustChangePassword: true, failedLoginCount: 0, lockedUntil: null },
      true,
    );
    return { mustChangePassword: true, ...(dto.temporaryPassword === undefined ? { temporaryPassword: temporary } : {}) };
  }

  /** The account `id` if the actor may manage it: admins every account, co-op managers the farmers of their co-op. */
  private async managedUser(actor: Actor, id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw NotFoundError.of('User', id);
    if (actor.role === 'admin') return user;
    if (actor.role === 'coop_manager' && user.role === 'farmer' && user.cooperativeId === actor.cooperativeId) return user;
    throw new ForbiddenError(message('auth.managerManagesOwnFarmers'));
  }

  private async endTokens(userId: string, changes: Partial<User>, endSessions: boolean): Promise<void> {
    await this.users.changeAndEndTokens(userId, changes, endSessions);
    // Answered only once every process has dropped what it remembered of the account.
    await this.accounts.changed(userId);
  }

  /** Creates the province-office account on first start; an existing account with that phone is left alone. */
  async ensureAdmin(phoneInput: string, password: string): Promise<void> {
    const phone = normalizePhone(phoneInput);
    if (!phone) throw new Error('ADMIN_PHONE is not a phone number');
    if (await this.users.existsWithPhone(phone)) return;
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

  private async resolveMembership(
    actor: Actor,
    dto: Pick<CreateUserDto, 'role' | 'cooperativeId' | 'householdId'>,
  ): Promise<{ cooperativeId: string | null; householdId: string | null }> {
    switch (dto.role) {
      case 'admin':
        if (dto.cooperativeId || dto.householdId) {
          throw InvalidInputError.field('role', message('auth.adminHasNoMembership'));
        }
        return { cooperativeId: null, householdId: null };
      case 'coop_manager': {
        if (!dto.cooperativeId) throw InvalidInputError.field('cooperativeId', message('auth.cooperativeRequiredForManager'));
        if (dto.householdId) throw InvalidInputError.field('householdId', message('auth.managerHasNoHousehold'));
        if (!(await this.cooperatives.findById(dto.cooperativeId))) throw NotFoundError.of('Cooperative', dto.cooperativeId);
        return { cooperativeId: dto.cooperativeId, householdId: null };
      }
      case 'farmer': {
        if (!dto.householdId) throw InvalidInputError.field('householdId', message('auth.householdRequiredForFarmer'));
        const household = await this.households.findById(dto.householdId);
        if (!household) throw NotFoundError.of('Household', dto.householdId);
        if (dto.cooperativeId && dto.cooperativeId !== household.cooperativeId) {
          throw InvalidInputError.field('cooperativeId', message('auth.cooperativeNotHouseholds'));
        }
        if (actor.role === 'coop_manager' && actor.cooperativeId !== household.cooperativeId) {
          throw new ForbiddenError(message('auth.householdOtherCooperative'));
        }
        return { cooperativeId: household.cooperativeId, householdId: household.id };
      }
    }
  }
}

function temporaryPassword(): string {
  const groups = Array.from({ length: 3 }, () =>
    Array.from({ length: 4 }, () => TEMPORARY_ALPHABET[randomInt(TEMPORARY_ALPHABET.length)]).join(''),
  );
  return groups.join('-');
}
