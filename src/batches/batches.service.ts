import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, Repository } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { assertOwnsHouseholdRecord, cooperativeScope } from '../common/auth/access-policy';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors/domain-errors';
import { isUniqueViolation } from '../common/errors/unique-violation';
import { parseTimestamp } from '../common/http/calendar-date';
import { Page, paginate } from '../common/http/pagination';
import { toProductResponse } from '../catalog/dto/product.dto';
import { ProductsService } from '../catalog/products.service';
import { toHouseholdResponse } from '../registry/dto/household.dto';
import { HouseholdsService } from '../registry/households.service';
import { PlotsService } from '../registry/plots.service';
import { ChangeNotices } from '../redis/change-notices';
import { toPlotResponse } from '../registry/dto/plot.dto';
import { BatchEvent } from './batch-event.entity';
import { toBatchEventResponse, toBatchResponse } from './batch.mapper';
import { Batch } from './batch.entity';
import {
  BatchDetailResponse,
  BatchEventResponse,
  BatchResponse,
  CreateBatchDto,
  CreateBatchEventDto,
  ListBatchesQuery,
} from './dto/batch.dto';
import { validateEventDetails } from './event-details';
import { generateLotCode } from './lot-code';
import { computeSafetyWarnings } from './safety-rules';

// Clocks on farmers' phones drift; a record a little in the future is accepted, a day ahead is a typo.
const FUTURE_TOLERANCE_MS = 24 * 3600_000;

@Injectable()
export class BatchesService {
  constructor(
    @InjectRepository(Batch) private readonly batches: Repository<Batch>,
    @InjectRepository(BatchEvent) private readonly events: Repository<BatchEvent>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly products: ProductsService,
    private readonly households: HouseholdsService,
    private readonly plots: PlotsService,
    private readonly notices: ChangeNotices,
  ) {}

  async create(actor: Actor, dto: CreateBatchDto): Promise<BatchResponse> {
    const household = await this.households.findAccessible(actor, dto.householdId);
    const product = await this.products.findOrFail(dto.productId);
    if (product.cooperativeId !== household.cooperativeId) {
      throw InvalidInputError.field('productId', 'belongs to another co-operative than the household');
    }
    let plotId: string | null = null;
    if (dto.plotId) {
      const plot = await this.plots.findAccessible(actor, dto.plotId);
      if (plot.householdId !== household.id) throw InvalidInputError.field('plotId', 'is not a growing area of this household');
      plotId = plot.id;
    }
    const harvestedAt = parseTimestamp(dto.harvestedAt);
    if (harvestedAt.getTime() > Date.now() + FUTURE_TOLERANCE_MS) throw InvalidInputError.field('harvestedAt', 'is in the future');

    for (let attempt = 0; ; attempt++) {
      const now = new Date();
      const batch = this.batches.create({
        id: randomUUID(),
        productId: product.id,
        householdId: household.id,
        plotId,
        cooperativeId: household.cooperativeId,
        lotCode: generateLotCode(harvestedAt),
        harvestedAt,
        quantity: dto.quantity,
        unit: dto.unit,
        safetyWarnings: [],
        status: 'active',
        recallReason: null,
        recalledAt: null,
        createdAt: now,
        updatedAt: now,
      });
      try {
        await this.batches.insert(batch);
        return toBatchResponse(batch);
      } catch (error) {
        // 30 random bits per day: a clash is rare, and a new draw resolves it.
        if (isUniqueViolation(error) && attempt < 5) continue;
        if (isUniqueViolation(error)) throw new ConflictError('Could not allocate a unique lot code; try again');
        throw error;
      }
    }
  }

  async get(actor: Actor, id: string): Promise<BatchDetailResponse> {
    const batch = await this.findAccessible(actor, id);
    const [product, household, events] = await Promise.all([
      this.products.findOrFail(batch.productId),
      this.households.findAccessible(actor, batch.householdId),
      this.events.find({ where: { batchId: batch.id }, order: { occurredAt: 'ASC', createdAt: 'ASC' } }),
    ]);
    let plot = null;
    if (batch.plotId) {
      const entity = await this.plots.findAccessible(actor, batch.plotId);
      plot = toPlotResponse(entity, (await this.plots.certificationsOf([entity.id])).get(entity.id) ?? []);
    }
    return {
      ...toBatchResponse(batch),
      product: toProductResponse(product),
      household: toHouseholdResponse(household),
      plot,
      events: events.map(toBatchEventResponse),
    };
  }

  async list(actor: Actor, query: ListBatchesQuery): Promise<Page<BatchResponse>> {
    const qb = this.batches.createQueryBuilder('b');
    if (actor.role === 'farmer') {
      qb.where('b.householdId = :own', { own: actor.householdId });
    } else {
      const cooperativeId = cooperativeScope(actor, query.cooperativeId);
      if (cooperativeId) qb.where('b.cooperativeId = :cooperativeId', { cooperativeId });
    }
    if (query.productId) qb.andWhere('b.productId = :productId', { productId: query.productId });
    if (query.householdId) qb.andWhere('b.householdId = :householdId', { householdId: query.householdId });
    const page = await paginate(qb, query);
    return { items: page.items.map(toBatchResponse), nextCursor: page.nextCursor };
  }

  /**
   * Records what happened to a batch. The event and the batch's recomputed safety warnings are written
   * in one transaction, with the batch row locked so concurrent records cannot lose a warning.
   */
  async addEvent(actor: Actor, batchId: string, dto: CreateBatchEventDto): Promise<BatchEventResponse> {
    await this.findAccessible(actor, batchId);
    const details = validateEventDetails(dto.bizStep, dto.details);
    const occurredAt = parseTimestamp(dto.occurredAt);
    if (occurredAt.getTime() > Date.now() + FUTURE_TOLERANCE_MS) throw InvalidInputError.field('occurredAt', 'is in the future');
    const now = new Date();
    const event = this.events.create({
      id: randomUUID(),
      batchId,
      bizStep: dto.bizStep,
      occurredAt,
      details,
      recordedBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await this.dataSource.transaction(async (manager) => {
      const batch = await this.lockBatch(manager, batchId);
      await manager.save(BatchEvent, event);
      const all = await manager.find(BatchEvent, { where: { batchId } });
      const warnings = computeSafetyWarnings(batch.harvestedAt, all);
      await manager.update(Batch, { id: batchId }, { safetyWarnings: warnings, updatedAt: now });
    });
    // The consumer page shows the history: every process drops its cached view of this batch.
    await this.notices.publish({ kind: 'batch', id: batchId });
    return toBatchEventResponse(event);
  }

  async findAccessible(actor: Actor, id: string): Promise<Batch> {
    const batch = await this.batches.findOne({ where: { id } });
    if (!batch) throw NotFoundError.of('Batch', id);
    assertOwnsHouseholdRecord(actor, batch);
    return batch;
  }

  private async lockBatch(manager: EntityManager, id: string): Promise<Batch> {
    const qb = manager.createQueryBuilder(Batch, 'b').where('b.id = :id', { id });
    // SQLite has one writer at a time already; PostgreSQL needs the row lock.
    if (manager.connection.options.type === 'postgres') qb.setLock('pessimistic_write');
    const batch = await qb.getOne();
    if (!batch) throw NotFoundError.of('Batch', id);
    return batch;
  }
}
