import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { assertManagesCooperative, canReadCooperative, cooperativeScope } from '../common/auth/access-policy';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../common/errors/domain-errors';
import { isUniqueViolation } from '../common/errors/unique-violation';
import { isValidGtin, toGtin14 } from '../common/gs1/gtin';
import { Page, paginate } from '../common/http/pagination';
import { CooperativesService } from '../registry/cooperatives.service';
import { CreateProductDto, ListProductsQuery, ProductResponse, toProductResponse } from './dto/product.dto';
import { Product } from './product.entity';

@Injectable()
export class ProductsService {
  constructor(
    @InjectRepository(Product) private readonly products: Repository<Product>,
    private readonly cooperatives: CooperativesService,
  ) {}

  async create(actor: Actor, dto: CreateProductDto): Promise<ProductResponse> {
    await this.cooperatives.findOrFail(dto.cooperativeId);
    assertManagesCooperative(actor, dto.cooperativeId);
    let gtin: string | null = null;
    // `null` is accepted as "no GTIN", like leaving the field out.
    if (typeof dto.gtin === 'string') {
      const digits = dto.gtin.trim();
      if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(digits)) throw InvalidInputError.field('gtin', 'must be 8, 12, 13 or 14 digits');
      if (!isValidGtin(digits)) throw InvalidInputError.field('gtin', 'has a wrong check digit');
      gtin = toGtin14(digits);
    }
    const now = new Date();
    const product = this.products.create({
      id: randomUUID(),
      cooperativeId: dto.cooperativeId,
      name: dto.name.trim(),
      variety: dto.variety?.trim() || null,
      gtin,
      unit: dto.unit,
      packageNetWeightKg: dto.packageNetWeightKg ?? null,
      geographicalIndication: dto.geographicalIndication?.trim() || null,
      ocopStars: dto.ocopStars ?? null,
      description: dto.description?.trim() || null,
      shelfLifeDays: dto.shelfLifeDays ?? null,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await this.products.insert(product);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`A product with GTIN ${gtin} is already registered`);
      throw error;
    }
    return toProductResponse(product);
  }

  async get(actor: Actor, id: string): Promise<ProductResponse> {
    const product = await this.findOrFail(id);
    if (!canReadCooperative(actor, product.cooperativeId)) throw new ForbiddenError('This product belongs to another co-operative');
    return toProductResponse(product);
  }

  async list(actor: Actor, query: ListProductsQuery): Promise<Page<ProductResponse>> {
    const cooperativeId = cooperativeScope(actor, query.cooperativeId);
    const qb = this.products.createQueryBuilder('p');
    if (cooperativeId) qb.where('p.cooperativeId = :cooperativeId', { cooperativeId });
    const page = await paginate(qb, query);
    return { items: page.items.map(toProductResponse), nextCursor: page.nextCursor };
  }

  async findOrFail(id: string): Promise<Product> {
    const product = await this.products.findOne({ where: { id } });
    if (!product) throw NotFoundError.of('Product', id);
    return product;
  }
}
