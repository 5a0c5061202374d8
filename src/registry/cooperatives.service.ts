import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { canReadCooperative } from '../common/auth/access-policy';
import { ForbiddenError, NotFoundError } from '../common/errors/domain-errors';
import { Page, PageQuery, paginate } from '../common/http/pagination';
import { Cooperative } from './cooperative.entity';
import { CooperativeResponse, CreateCooperativeDto, toCooperativeResponse } from './dto/cooperative.dto';

@Injectable()
export class CooperativesService {
  constructor(@InjectRepository(Cooperative) private readonly cooperatives: Repository<Cooperative>) {}

  async create(dto: CreateCooperativeDto): Promise<CooperativeResponse> {
    const now = new Date();
    const cooperative = this.cooperatives.create({
      id: randomUUID(),
      name: dto.name.trim(),
      province: dto.province.trim(),
      commune: dto.commune.trim(),
      district: dto.district?.trim() || null,
      taxCode: dto.taxCode ?? null,
      gs1CompanyPrefix: dto.gs1CompanyPrefix ?? null,
      createdAt: now,
      updatedAt: now,
    });
    await this.cooperatives.insert(cooperative);
    return toCooperativeResponse(cooperative);
  }

  async get(actor: Actor, id: string): Promise<CooperativeResponse> {
    const cooperative = await this.findOrFail(id);
    if (!canReadCooperative(actor, id)) throw new ForbiddenError('You are not a member of this co-operative');
    return toCooperativeResponse(cooperative);
  }

  async list(actor: Actor, page: PageQuery): Promise<Page<CooperativeResponse>> {
    const query = this.cooperatives.createQueryBuilder('c');
    if (actor.role !== 'admin') query.where('c.id = :id', { id: actor.cooperativeId });
    const result = await paginate(query, page);
    return { items: result.items.map(toCooperativeResponse), nextCursor: result.nextCursor };
  }

  async findOrFail(id: string): Promise<Cooperative> {
    const cooperative = await this.cooperatives.findOne({ where: { id } });
    if (!cooperative) throw NotFoundError.of('Cooperative', id);
    return cooperative;
  }
}
