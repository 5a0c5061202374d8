import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { assertManagesCooperative, assertOwnsHouseholdRecord, cooperativeScope } from '../common/auth/access-policy';
import { PersonalDataCipher } from '../common/crypto/personal-data-cipher';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../common/errors/domain-errors';
import { isUniqueViolation } from '../common/errors/unique-violation';
import { Page, paginate } from '../common/http/pagination';
import { normalizePhone } from '../common/phone';
import { CooperativesService } from './cooperatives.service';
import { CreateHouseholdDto, HouseholdResponse, ListHouseholdsQuery, toHouseholdResponse } from './dto/household.dto';
import { Household } from './household.entity';

@Injectable()
export class HouseholdsService {
  constructor(
    @InjectRepository(Household) private readonly households: Repository<Household>,
    private readonly cooperatives: CooperativesService,
    private readonly cipher: PersonalDataCipher,
  ) {}

  async create(actor: Actor, dto: CreateHouseholdDto): Promise<HouseholdResponse> {
    await this.cooperatives.findOrFail(dto.cooperativeId);
    assertManagesCooperative(actor, dto.cooperativeId);
    const phone = normalizePhone(dto.phone);
    if (!phone) throw InvalidInputError.field('phone', 'must be a Vietnamese phone number such as 0912345678');
    const now = new Date();
    const household = this.households.create({
      id: randomUUID(),
      cooperativeId: dto.cooperativeId,
      headName: dto.headName.trim(),
      phone,
      nationalIdEncrypted: dto.nationalId ? this.cipher.encrypt(dto.nationalId) : null,
      nationalIdLast4: dto.nationalId ? dto.nationalId.slice(-4) : null,
      province: dto.province.trim(),
      commune: dto.commune.trim(),
      district: dto.district?.trim() || null,
      digitalSkillsTrained: dto.digitalSkillsTrained ?? false,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await this.households.insert(household);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`A household with phone ${phone} is already registered`);
      throw error;
    }
    return toHouseholdResponse(household);
  }

  async get(actor: Actor, id: string): Promise<HouseholdResponse> {
    return toHouseholdResponse(await this.findAccessible(actor, id));
  }

  async list(actor: Actor, query: ListHouseholdsQuery): Promise<Page<HouseholdResponse>> {
    if (actor.role === 'farmer') throw new ForbiddenError('Farmers see their own household only');
    const cooperativeId = cooperativeScope(actor, query.cooperativeId);
    const qb = this.households.createQueryBuilder('h');
    if (cooperativeId) qb.andWhere('h.cooperativeId = :cooperativeId', { cooperativeId });
    if (query.province) qb.andWhere('h.province = :province', { province: query.province });
    if (query.commune) qb.andWhere('h.commune = :commune', { commune: query.commune });
    if (query.q) {
      const pattern = `%${query.q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      qb.andWhere("(LOWER(h.headName) LIKE :pattern ESCAPE '\\' OR h.phone LIKE :pattern ESCAPE '\\')", { pattern });
    }
    const page = await paginate(qb, query);
    return { items: page.items.map(toHouseholdResponse), nextCursor: page.nextCursor };
  }

  /** Loads a household the actor may see: admin, its co-op's manager, or its own farmer. */
  async findAccessible(actor: Actor, id: string): Promise<Household> {
    const household = await this.households.findOne({ where: { id } });
    if (!household) throw NotFoundError.of('Household', id);
    assertOwnsHouseholdRecord(actor, { cooperativeId: household.cooperativeId, householdId: household.id });
    return household;
  }
}
