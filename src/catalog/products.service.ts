import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../common/auth/actor';
import { assertManagesCooperative, canReadCooperative, cooperativeScope } from '../common/auth/access-policy';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../common/errors/domain-errors';
import { isUniqueViolation } from '../common/errors/unique-violation';
import { isValidGtin, toGtin14 } from '../common/gs1/gtin';
import { Page } from '../common/http/pagination';
import { message } from '../common/i18n/message';
import { assertIfMatch } from '../common/records/record-version';
import { CooperativesService } from '../registry/cooperatives.service';
import { CreateProductDto, ListProductsQuery, ProductResponse, toProductResponse, UpdateProductDto } from './dto/product.dto';
import { Product } from './product.entity';
import { ProductsRepository } from './products.repository';

/** Fields a printed label carries (GTIN in the code, name, GI, net weight): fixed once labels exist. */
const LABELLED_FIELDS = ['gtin', 'name', 'geographicalIndication', 'packageNetWeightKg'] as const;

interface GtinDecision {
  gtin: string | null;
  /** Set when an admin accepted a GTIN outside the co-op's prefix. */
  override: { reason: string; by: string; at: Date } | null;
}

@Injectable()
export class ProductsService {
  constructor(
    private readonly products: ProductsRepository,
    private readonly cooperatives: CooperativesService,
  ) {}

  async create(actor: Actor, dto: CreateProductDto): Promise<ProductResponse> {
    // A co-op manager's own co-operative is the default; the province office must say which.
    const cooperativeId = dto.cooperativeId ?? actor.cooperativeId;
    if (!cooperativeId) throw InvalidInputError.field('cooperativeId', message('validation.required'));
    const cooperative = await this.cooperatives.findOrFail(cooperativeId);
    assertManagesCooperative(actor, cooperativeId);
    const { gtin, override } = this.checkGtin(actor, dto.gtin, cooperative.gs1CompanyPrefix, dto.gtinPrefixOverrideReason);
    const now = new Date();
    const product = Object.assign(new Product(), {
      id: randomUUID(),
      cooperativeId,
      name: dto.name.trim(),
      variety: dto.variety?.trim() || null,
      gtin,
      unit: dto.unit,
      packageNetWeightKg: dto.packageNetWeightKg ?? null,
      geographicalIndication: dto.geographicalIndication?.trim() || null,
      ocopStars: dto.ocopStars ?? null,
      description: dto.description?.trim() || null,
      shelfLifeDays: dto.shelfLifeDays ?? null,
      version: 1,
      archivedAt: null,
      gtinPrefixOverrideReason: override?.reason ?? null,
      gtinPrefixOverrideBy: override?.by ?? null,
      gtinPrefixOverrideAt: override?.at ?? null,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await this.products.insert(product);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(message('catalog.gtinTaken', { gtin: gtin ?? '' }));
      throw error;
    }
    return toProductResponse(product);
  }

  async get(actor: Actor, id: string): Promise<ProductResponse> {
    const product = await this.findOrFail(id);
    if (!canReadCooperative(actor, product.cooperativeId)) throw new ForbiddenError(message('catalog.otherCooperative'));
    return toProductResponse(product);
  }

  async list(actor: Actor, query: ListProductsQuery): Promise<Page<ProductResponse>> {
    const cooperativeId = cooperativeScope(actor, query.cooperativeId);
    const page = await this.products.list(cooperativeId, query);
    return { items: page.items.map(toProductResponse), nextCursor: page.nextCursor };
  }

  /**
   * Corrects a product. `If-Match` (optional) guards against another edit (412). Once labels are
   * printed, the fields they carry are refused (409 naming the field); the GTIN rules of a create apply.
   */
  async update(actor: Actor, id: string, dto: UpdateProductDto, ifMatch: string | undefined): Promise<ProductResponse> {
    const existing = await this.findOrFail(id);
    assertManagesCooperative(actor, existing.cooperativeId);
    if (existing.archivedAt) throw new ConflictError(message('catalog.archived', { id }));
    for (const field of ['name', 'unit'] as const) {
      if ((dto as Record<string, unknown>)[field] === null) throw InvalidInputError.field(field, message('validation.isNotEmpty'));
    }
    const changes: Partial<Product> = {};
    const text = (value: string | null | undefined) => (value === undefined ? undefined : value?.trim() || null);
    if (dto.name !== undefined) changes.name = dto.name.trim();
    if (dto.variety !== undefined) changes.variety = text(dto.variety);
    if (dto.unit !== undefined) changes.unit = dto.unit;
    if (dto.packageNetWeightKg !== undefined) changes.packageNetWeightKg = dto.packageNetWeightKg;
    if (dto.geographicalIndication !== undefined) changes.geographicalIndication = text(dto.geographicalIndication);
    if (dto.ocopStars !== undefined) changes.ocopStars = dto.ocopStars;
    if (dto.description !== undefined) changes.description = text(dto.description);
    if (dto.shelfLifeDays !== undefined) changes.shelfLifeDays = dto.shelfLifeDays;
    if (dto.gtin !== undefined) {
      const cooperative = await this.cooperatives.findOrFail(existing.cooperativeId);
      const { gtin, override } = this.checkGtin(actor, dto.gtin, cooperative.gs1CompanyPrefix, dto.gtinPrefixOverrideReason);
      changes.gtin = gtin;
      if (gtin !== existing.gtin) {
        changes.gtinPrefixOverrideReason = override?.reason ?? null;
        changes.gtinPrefixOverrideBy = override?.by ?? null;
        changes.gtinPrefixOverrideAt = override?.at ?? null;
      }
    }
    const updated = await this.products
      .transaction(async (manager) => {
        const product = await this.products.lockById(manager, id);
        if (!product) throw NotFoundError.of('Product', id);
        assertIfMatch(ifMatch, product.version, toProductResponse(product));
        // decimals come back from the database as numbers or strings depending on the driver
        const same = (a: unknown, b: unknown) =>
          a === null || a === undefined || b === null || b === undefined
            ? (a ?? null) === (b ?? null)
            : typeof a === 'number' || typeof b === 'number'
              ? Number(a) === Number(b)
              : a === b;
        const touched = (Object.keys(changes) as (keyof Product)[]).filter((f) => !same(changes[f], product[f]));
        if (!touched.length) return product;
        const locked = LABELLED_FIELDS.find((f) => touched.includes(f));
        if (locked && (await this.products.hasLabels(manager, id))) {
          throw new ConflictError(message('catalog.fieldLockedDetail', { field: locked }), {
            errors: [{ field: locked, message: message('catalog.fieldLocked', { field: locked }) }],
            extra: { field: locked },
          });
        }
        const values: Partial<Product> = { version: product.version + 1, updatedAt: new Date() };
        for (const field of touched) Object.assign(values, { [field]: changes[field] });
        await this.products.update(manager, id, values);
        return Object.assign(product, values);
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) throw new ConflictError(message('catalog.gtinTaken', { gtin: changes.gtin ?? '' }));
        throw error;
      });
    return toProductResponse(updated);
  }

  /** Soft delete: a product without labels leaves the lists and takes no new batches; a labelled one stays (409). */
  async archive(actor: Actor, id: string): Promise<void> {
    const product = await this.findOrFail(id);
    assertManagesCooperative(actor, product.cooperativeId);
    if (product.archivedAt) return;
    await this.products.transaction(async (manager) => {
      if (await this.products.hasLabels(manager, id)) throw new ConflictError(message('catalog.archiveHasLabels'));
      await this.products.update(manager, id, { archivedAt: new Date(), version: product.version + 1 });
    });
  }

  /** Products by id, for modules that print them (labels): no access check, unknown ids are absent. */
  async findByIds(ids: string[]): Promise<Product[]> {
    return this.products.findByIds(ids);
  }

  findById(id: string): Promise<Product | null> {
    return this.products.findById(id);
  }

  async findOrFail(id: string): Promise<Product> {
    const product = await this.findById(id);
    if (!product) throw NotFoundError.of('Product', id);
    return product;
  }

  /**
   * A GTIN as stored (GTIN-14) after its checks: 8/12/13/14 digits, the check digit, and (point 8 of
   * issue 12) the co-operative's GS1 company prefix when it has one: a GTIN-12/13/14 carries the prefix
   * right after its indicator digit. Only an admin may accept another GTIN, with a reason that is kept.
   */
  private checkGtin(
    actor: Actor,
    value: string | null | undefined,
    prefix: string | null,
    overrideReason: string | undefined,
  ): GtinDecision {
    if (overrideReason !== undefined && actor.role !== 'admin') throw new ForbiddenError(message('catalog.gtinOverrideAdminOnly'));
    // `null` is accepted as "no GTIN", like leaving the field out.
    if (typeof value !== 'string') return { gtin: null, override: null };
    const digits = value.trim();
    if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(digits)) throw InvalidInputError.field('gtin', message('catalog.gtinFormat'));
    if (!isValidGtin(digits)) throw InvalidInputError.field('gtin', message('catalog.gtinCheckDigit'));
    const gtin = toGtin14(digits);
    if (!prefix || gtin.slice(1).startsWith(prefix)) return { gtin, override: null };
    if (!overrideReason?.trim()) throw InvalidInputError.field('gtin', message('catalog.gtinOutsidePrefix', { prefix }));
    return { gtin, override: { reason: overrideReason.trim(), by: actor.userId, at: new Date() } };
  }
}
