import { Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { strictMock } from '../../test/support/strict-mock';
import type { Actor } from '../common/auth/actor';
import { PasswordHasher } from '../common/crypto/password-hasher';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../common/errors/domain-errors';
import { Cooperative } from '../registry/cooperative.entity';
import { CooperativesService } from '../registry/cooperatives.service';
import { Household } from '../registry/household.entity';
import { HouseholdsService } from '../registry/households.service';
import { AccountStates } from './account-states';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

const COOP = '11111111-1111-4111-8111-111111111111';
const OTHER_COOP = '22222222-2222-4222-8222-222222222222';
const HOUSEHOLD = '33333333-3333-4333-8333-333333333333';

const admin: Actor = { userId: 'admin', role: 'admin', cooperativeId: null, householdId: null };
const manager: Actor = { userId: 'manager', role: 'coop_manager', cooperativeId: COOP, householdId: null };

function setUp() {
  const users = strictMock<UsersRepository>('users');
  const cooperatives = strictMock<CooperativesService>('cooperatives');
  const households = strictMock<HouseholdsService>('households');
  const hasher = strictMock<PasswordHasher>('hasher');
  const accounts = strictMock<AccountStates>('accounts');
  const service = new UsersService(users, cooperatives, households, hasher, accounts);
  return { users, cooperatives, households, hasher, accounts, service };
}

const household = (cooperativeId: string) => ({ id: HOUSEHOLD, cooperativeId }) as Household;

beforeAll(() => Logger.overrideLogger(false));

describe('UsersService.create', () => {
  it('lets an admin create a co-op manager, hashes the password and never returns it', async () => {
    const { users, cooperatives, hasher, service } = setUp();
    cooperatives.findById.mockResolvedValue({ id: COOP } as Cooperative);
    hasher.hash.mockResolvedValue('scrypt$hash');
    users.insert.mockResolvedValue(undefined);

    const created = await service.create(admin, {
      phone: '+84 912 345 678',
      password: 'a-long-password',
      role: 'coop_manager',
      cooperativeId: COOP,
    });

    expect(created).toMatchObject({ phone: '0912345678', role: 'coop_manager', cooperativeId: COOP, householdId: null });
    expect(JSON.stringify(created)).not.toMatch(/scrypt|a-long-password/);
    expect(hasher.hash).toHaveBeenCalledWith('a-long-password');
    expect(users.insert).toHaveBeenCalledWith(expect.objectContaining({ passwordHash: 'scrypt$hash', phone: '0912345678' }));
  });

  it('lets a co-op manager create a farmer of its own co-op, taking the co-op from the household', async () => {
    const { users, households, hasher, service } = setUp();
    households.findById.mockResolvedValue(household(COOP));
    hasher.hash.mockResolvedValue('scrypt$hash');
    users.insert.mockResolvedValue(undefined);
    await expect(
      service.create(manager, { phone: '0912345678', password: 'a-long-password', role: 'farmer', householdId: HOUSEHOLD }),
    ).resolves.toMatchObject({
      role: 'farmer',
      cooperativeId: COOP,
      householdId: HOUSEHOLD,
    });
  });

  it('refuses a co-op manager creating anything but a farmer, before touching the database', async () => {
    const { service } = setUp();
    await expect(
      service.create(manager, { phone: '0912345678', password: 'a-long-password', role: 'coop_manager', cooperativeId: COOP }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(service.create(manager, { phone: '0912345678', password: 'a-long-password', role: 'admin' })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it('refuses a co-op manager creating a farmer of another co-op', async () => {
    const { households, service } = setUp();
    households.findById.mockResolvedValue(household(OTHER_COOP));
    await expect(
      service.create(manager, { phone: '0912345678', password: 'a-long-password', role: 'farmer', householdId: HOUSEHOLD }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it.each([
    [{ role: 'admin', cooperativeId: COOP }, 'role'],
    [{ role: 'coop_manager' }, 'cooperativeId'],
    [{ role: 'coop_manager', cooperativeId: COOP, householdId: HOUSEHOLD }, 'householdId'],
    [{ role: 'farmer' }, 'householdId'],
    [{ role: 'farmer', phone: '12345' }, 'phone'],
  ] as const)('refuses an inconsistent account %j (field %s)', async (extra, field) => {
    const { service } = setUp();
    const error = await service.create(admin, { phone: '0912345678', password: 'a-long-password', ...extra }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).errors?.[0].field).toBe(field);
  });

  it('refuses a farmer whose cooperativeId does not match the household', async () => {
    const { households, service } = setUp();
    households.findById.mockResolvedValue(household(COOP));
    await expect(
      service.create(admin, {
        phone: '0912345678',
        password: 'a-long-password',
        role: 'farmer',
        householdId: HOUSEHOLD,
        cooperativeId: OTHER_COOP,
      }),
    ).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('answers 404 for an unknown co-op or household', async () => {
    const { cooperatives, households, service } = setUp();
    cooperatives.findById.mockResolvedValue(null);
    households.findById.mockResolvedValue(null);
    await expect(
      service.create(admin, { phone: '0912345678', password: 'a-long-password', role: 'coop_manager', cooperativeId: COOP }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      service.create(admin, { phone: '0912345678', password: 'a-long-password', role: 'farmer', householdId: HOUSEHOLD }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('turns a duplicate phone into a conflict', async () => {
    const { users, hasher, service } = setUp();
    hasher.hash.mockResolvedValue('scrypt$hash');
    users.insert.mockRejectedValue(new QueryFailedError('INSERT', [], Object.assign(new Error('duplicate key'), { code: '23505' })));
    await expect(service.create(admin, { phone: '0912345678', password: 'a-long-password', role: 'admin' })).rejects.toBeInstanceOf(
      ConflictError,
    );
  });

  it('lets other database errors through', async () => {
    const { users, hasher, service } = setUp();
    hasher.hash.mockResolvedValue('scrypt$hash');
    users.insert.mockRejectedValue(new Error('connection lost'));
    await expect(service.create(admin, { phone: '0912345678', password: 'a-long-password', role: 'admin' })).rejects.toThrow(
      'connection lost',
    );
  });
});

describe('UsersService.ensureAdmin', () => {
  it('creates the admin account when the phone is free', async () => {
    const { users, hasher, service } = setUp();
    users.existsWithPhone.mockResolvedValue(false);
    hasher.hash.mockResolvedValue('scrypt$hash');
    users.insert.mockResolvedValue(undefined);
    await service.ensureAdmin('+84900000001', 'admin-password');
    expect(users.insert).toHaveBeenCalledWith(expect.objectContaining({ phone: '0900000001', role: 'admin', passwordHash: 'scrypt$hash' }));
  });

  it('leaves an existing account alone', async () => {
    const { users, service } = setUp();
    users.existsWithPhone.mockResolvedValue(true);
    await service.ensureAdmin('0900000001', 'admin-password');
  });

  it('tolerates another process creating it at the same moment', async () => {
    const { users, hasher, service } = setUp();
    users.existsWithPhone.mockResolvedValue(false);
    hasher.hash.mockResolvedValue('scrypt$hash');
    users.insert.mockRejectedValue(new QueryFailedError('INSERT', [], Object.assign(new Error('duplicate key'), { code: '23505' })));
    await expect(service.ensureAdmin('0900000001', 'admin-password')).resolves.toBeUndefined();
  });
});
