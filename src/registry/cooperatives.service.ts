import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../common/auth/actor';
import { assertManagesCooperative, canReadCooperative } from '../common/auth/access-policy';
import { ConflictError, ForbiddenError, NotFoundError } from '../common/errors/domain-errors';
import { Page } from '../common/http/pagination';
import { message } from '../common/i18n/message';
import { foldedLikePattern, foldForSearch } from '../common/text/search-fold';
import { Cooperative } from './cooperative.entity';
import { CooperativesRepository } from './cooperatives.repository';
import {
  CooperativeResponse,
  CreateCooperativeDto,
  ListCooperativesQuery,
  toCooperativeResponse,
  UpdateCooperativeDto,
} from './dto/cooperative.dto';
import { RegistryUsage } from './registry-usage';
import { applyVersionedEdit, archiving, EditChanges } from './versioned-edit';

@Injectable()
export class CooperativesService {
  constructor(
    private readonly cooperatives: CooperativesRepository,
    private readonly usage: RegistryUsage,
  ) {}

  async create(dto: CreateCooperativeDto): Promise<CooperativeResponse> {
    const now = new Date();
    const cooperative = Object.assign(new Cooperative(), {
      id: randomUUID(),
      name: dto.name.trim(),
      province: dto.province.trim(),
      commune: dto.commune.trim(),
      district: dto.district?.trim() || null,
      taxCode: dto.taxCode ?? null,
      gs1CompanyPrefix: dto.gs1CompanyPrefix ?? null,
      contactPhone: dto.contactPhone?.trim() || null,
      contactEmail: dto.contactEmail?.trim() || null,
      version: 1,
      archivedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    Object.assign(cooperative, searchColumns(cooperative));
    await this.cooperatives.insert(cooperative);
    return toCooperativeResponse(cooperative);
  }

  async get(actor: Actor, id: string): Promise<CooperativeResponse> {
    return toCooperativeResponse(await this.findReadable(actor, id));
  }

  async list(actor: Actor, query: ListCooperativesQuery): Promise<Page<CooperativeResponse>> {
    const result = await this.cooperatives.list(
      {
        ...(actor.role !== 'admin' ? { onlyId: actor.cooperativeId } : {}),
        includeArchived: query.includeArchived,
        nameLike: query.q ? foldedLikePattern(query.q) : undefined,
        province: query.province ? foldForSearch(query.province) : undefined,
        commune: query.commune ? foldForSearch(query.commune) : undefined,
      },
      query,
    );
    return { items: result.items.map(toCooperativeResponse), nextCursor: result.nextCursor };
  }

  /**
   * The province office or the co-op's own manager corrects it. The name is printed on every label and
   * the GS1 prefix is inside every GTIN of its products: once used there they stay (409 naming the field).
   */
  update(actor: Actor, id: string, dto: UpdateCooperativeDto, ifMatch?: string): Promise<CooperativeResponse> {
    return this.edit(actor, id, ifMatch, async (current) => {
      const next = {
        name: dto.name?.trim() ?? current.name,
        province: dto.province?.trim() ?? current.province,
        commune: dto.commune?.trim() ?? current.commune,
        district: dto.district === undefined ? current.district : dto.district?.trim() || null,
        taxCode: dto.taxCode === undefined ? current.taxCode : dto.taxCode,
        gs1CompanyPrefix: dto.gs1CompanyPrefix === undefined ? current.gs1CompanyPrefix : dto.gs1CompanyPrefix,
        contactPhone: dto.contactPhone === undefined ? current.contactPhone : dto.contactPhone?.trim() || null,
        contactEmail: dto.contactEmail === undefined ? current.contactEmail : dto.contactEmail?.trim() || null,
      };
      const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== current[k]);
      if (!changed.length) return null;
      if (changed.includes('name') && (await this.usage.cooperativeHasLabels(id))) {
        throw printedField('name');
      }
      if (
        changed.includes('gs1CompanyPrefix') &&
        current.gs1CompanyPrefix &&
        (await this.usage.prefixInUse(id, current.gs1CompanyPrefix))
      ) {
        throw printedField('gs1CompanyPrefix');
      }
      return { ...next, ...searchColumns(next) };
    });
  }

  /** The co-operative, for the province office or its own manager only. */
  private async findManaged(actor: Actor, id: string): Promise<Cooperative> {
    const cooperative = await this.findOrFail(id);
    assertManagesCooperative(actor, id);
    return cooperative;
  }

  /** An edit by the province office or its own manager, written onto the version it was decided on (see applyVersionedEdit). */
  private edit(actor: Actor, id: string, ifMatch: string | undefined, changes: EditChanges<Cooperative>): Promise<CooperativeResponse> {
    return applyVersionedEdit({
      repository: this.cooperatives,
      ifMatch,
      load: () => this.findManaged(actor, id),
      present: toCooperativeResponse,
      changes,
    });
  }

  /** Archives a co-operative that has printed no labels; it leaves lists but its records stay readable. */
  archive(actor: Actor, id: string, ifMatch?: string): Promise<CooperativeResponse> {
    const change = archiving(() => this.usage.cooperativeHasLabels(id), 'registry.cooperativeHasLabels');
    return this.edit(actor, id, ifMatch, change);
  }

  findById(id: string): Promise<Cooperative | null> {
    return this.cooperatives.findById(id);
  }

  async findOrFail(id: string): Promise<Cooperative> {
    const cooperative = await this.findById(id);
    if (!cooperative) throw NotFoundError.of('Cooperative', id);
    return cooperative;
  }

  /** A co-operative new records may still be registered into. */
  async findActive(id: string): Promise<Cooperative> {
    const cooperative = await this.findOrFail(id);
    if (cooperative.archivedAt) throw new ConflictError(message('registry.cooperativeArchived', { id }));
    return cooperative;
  }

  private async findReadable(actor: Actor, id: string): Promise<Cooperative> {
    const cooperative = await this.findOrFail(id);
    if (!canReadCooperative(actor, id)) throw new ForbiddenError(message('registry.notMember'));
    return cooperative;
  }
}

function searchColumns(c: { name: string; province: string; commune: string }) {
  return { nameSearch: foldForSearch(c.name), provinceSearch: foldForSearch(c.province), communeSearch: foldForSearch(c.commune) };
}

/** 409 naming a field that labels or exported records already show. */
export function printedField(field: string): ConflictError {
  return new ConflictError(message('registry.fieldPrinted', { field }), { extra: { field } });
}
