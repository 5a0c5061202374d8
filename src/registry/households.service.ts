import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Actor } from '../common/auth/actor';
import { assertManagesCooperative, assertOwnsHouseholdRecord, cooperativeScope } from '../common/auth/access-policy';
import { PersonalDataCipher } from '../common/crypto/personal-data-cipher';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../common/errors/domain-errors';
import { isUniqueViolation } from '../common/errors/unique-violation';
import { Page } from '../common/http/pagination';
import { message } from '../common/i18n/message';
import { normalizePhone } from '../common/phone';
import { createFingerprint, createOnce } from '../common/records/repeatable-create';
import { foldedLikePattern, foldForSearch } from '../common/text/search-fold';
import { CooperativesService } from './cooperatives.service';
import { CreateHouseholdDto, HouseholdResponse, ListHouseholdsQuery, toHouseholdResponse, UpdateHouseholdDto } from './dto/household.dto';
import { Household } from './household.entity';
import { HouseholdsRepository } from './households.repository';
import { RegistryUsage } from './registry-usage';
import { applyVersionedEdit, archiving, EditChanges } from './versioned-edit';

/** How many rows one pass folds for search (see foldPendingSearchColumns). */
const FOLD_CHUNK = 500;

@Injectable()
export class HouseholdsService {
  constructor(
    private readonly households: HouseholdsRepository,
    private readonly cooperatives: CooperativesService,
    private readonly cipher: PersonalDataCipher,
    private readonly usage: RegistryUsage,
  ) {}

  /** Registers a household; a create repeated with the same client `id` answers the same household. */
  async create(actor: Actor, dto: CreateHouseholdDto): Promise<HouseholdResponse> {
    const cooperativeId = dto.cooperativeId ?? (actor.role === 'coop_manager' ? actor.cooperativeId : null);
    if (!cooperativeId) throw InvalidInputError.field('cooperativeId', message('registry.cooperativeIdRequired'));
    await this.cooperatives.findOrFail(cooperativeId);
    assertManagesCooperative(actor, cooperativeId);
    const phone = normalizePhone(dto.phone);
    if (!phone) throw InvalidInputError.field('phone', message('registry.phoneFormat'));
    try {
      const { record } = await createOnce({
        id: dto.id,
        fingerprint: createFingerprint(dto),
        find: async (id) => {
          const existing = await this.households.findById(id);
          if (!existing) return null;
          assertManagesCooperative(actor, existing.cooperativeId);
          return { record: toHouseholdResponse(existing), fingerprint: existing.createFingerprint };
        },
        create: async () => {
          await this.cooperatives.findActive(cooperativeId);
          const now = new Date();
          const household = Object.assign(new Household(), {
            id: dto.id ?? randomUUID(),
            cooperativeId,
            headName: dto.headName.trim(),
            phone,
            nationalIdEncrypted: dto.nationalId ? this.cipher.encrypt(dto.nationalId) : null,
            nationalIdLast4: dto.nationalId ? dto.nationalId.slice(-4) : null,
            province: dto.province.trim(),
            commune: dto.commune.trim(),
            district: dto.district?.trim() || null,
            digitalSkillsTrained: dto.digitalSkillsTrained ?? false,
            version: 1,
            archivedAt: null,
            createFingerprint: dto.id ? createFingerprint(dto) : null,
            createdAt: now,
            updatedAt: now,
          });
          Object.assign(household, householdSearchColumns(household));
          await this.households.insert(household);
          return toHouseholdResponse(household);
        },
      });
      return record;
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(message('registry.phoneTaken', { phone }));
      throw error;
    }
  }

  async get(actor: Actor, id: string): Promise<HouseholdResponse> {
    return toHouseholdResponse(await this.findAccessible(actor, id));
  }

  async list(actor: Actor, query: ListHouseholdsQuery): Promise<Page<HouseholdResponse>> {
    if (actor.role === 'farmer') throw new ForbiddenError(message('registry.farmerOwnHouseholdOnly'));
    const cooperativeId = cooperativeScope(actor, query.cooperativeId);
    if (query.q || query.province || query.commune) await this.foldPendingSearchColumns();
    const page = await this.households.list(
      {
        cooperativeId,
        includeArchived: query.includeArchived,
        province: query.province ? foldForSearch(query.province) : undefined,
        commune: query.commune ? foldForSearch(query.commune) : undefined,
        nameOrPhoneLike: query.q ? foldedLikePattern(query.q) : undefined,
      },
      query,
    );
    return { items: page.items.map(toHouseholdResponse), nextCursor: page.nextCursor };
  }

  /** Corrects a household (admin or its co-op's manager). Nothing of a household is printed on labels. */
  update(actor: Actor, id: string, dto: UpdateHouseholdDto, ifMatch?: string): Promise<HouseholdResponse> {
    let phone: string | undefined;
    if (dto.phone !== undefined) {
      phone = normalizePhone(dto.phone) ?? undefined;
      if (!phone) throw InvalidInputError.field('phone', message('registry.phoneFormat'));
    }
    return this.edit(actor, id, ifMatch, (current) => {
      const next = {
        headName: dto.headName?.trim() ?? current.headName,
        phone: phone ?? current.phone,
        province: dto.province?.trim() ?? current.province,
        commune: dto.commune?.trim() ?? current.commune,
        district: dto.district === undefined ? current.district : dto.district?.trim() || null,
        digitalSkillsTrained: dto.digitalSkillsTrained ?? Boolean(current.digitalSkillsTrained),
      };
      const changes: QueryDeepPartialEntity<Household> = {};
      for (const key of Object.keys(next) as (keyof typeof next)[]) {
        if (next[key] !== (key === 'digitalSkillsTrained' ? Boolean(current[key]) : current[key]))
          Object.assign(changes, { [key]: next[key] });
      }
      if (dto.nationalId !== undefined) {
        // Kept only encrypted, so a number that is sent is written again rather than compared.
        Object.assign(changes, {
          nationalIdEncrypted: dto.nationalId ? this.cipher.encrypt(dto.nationalId) : null,
          nationalIdLast4: dto.nationalId ? dto.nationalId.slice(-4) : null,
        });
      }
      if (!Object.keys(changes).length) return Promise.resolve(null);
      return Promise.resolve({ ...changes, ...householdSearchColumns(next) });
    }).catch((error: unknown) => {
      if (isUniqueViolation(error)) throw new ConflictError(message('registry.phoneTaken', { phone: phone ?? '' }));
      throw error;
    });
  }

  /** An edit by an admin or its co-op's manager, written onto the version it was decided on (see applyVersionedEdit). */
  private edit(actor: Actor, id: string, ifMatch: string | undefined, changes: EditChanges<Household>): Promise<HouseholdResponse> {
    return applyVersionedEdit({
      repository: this.households,
      ifMatch,
      load: () => this.findManaged(actor, id),
      present: toHouseholdResponse,
      changes,
    });
  }

  /** Archives a household none of whose batches has printed labels. */
  archive(actor: Actor, id: string, ifMatch?: string): Promise<HouseholdResponse> {
    const change = archiving(() => this.usage.householdHasLabels(id), 'registry.householdHasLabels');
    return this.edit(actor, id, ifMatch, change);
  }

  /** A household by id with no access check: for callers that check membership on their own terms (accounts). */
  findById(id: string): Promise<Household | null> {
    return this.households.findById(id);
  }

  /** Loads a household the actor may see: admin, its co-op's manager, or its own farmer. */
  async findAccessible(actor: Actor, id: string): Promise<Household> {
    const household = await this.households.findById(id);
    if (!household) throw NotFoundError.of('Household', id);
    assertOwnsHouseholdRecord(actor, { cooperativeId: household.cooperativeId, householdId: household.id });
    return household;
  }

  private async findManaged(actor: Actor, id: string): Promise<Household> {
    const household = await this.households.findById(id);
    if (!household) throw NotFoundError.of('Household', id);
    assertManagesCooperative(actor, household.cooperativeId);
    return household;
  }

  /**
   * Folds the search columns of rows written without them (the bulk CSV import inserts raw rows), so
   * an imported household is found by a search made right after the import. A no-op once all are folded.
   */
  private async foldPendingSearchColumns(): Promise<void> {
    for (;;) {
      const pending = await this.households.unfolded(FOLD_CHUNK);
      for (const h of pending) await this.households.writeSearchColumns(h.id, householdSearchColumns(h));
      if (pending.length < FOLD_CHUNK) return;
    }
  }
}

/** The folded copies of a household's searchable text (also for writers outside this service). */
export function householdSearchColumns(h: { headName: string; province: string; commune: string }): {
  headNameSearch: string;
  provinceSearch: string;
  communeSearch: string;
} {
  return { headNameSearch: foldForSearch(h.headName), provinceSearch: foldForSearch(h.province), communeSearch: foldForSearch(h.commune) };
}
