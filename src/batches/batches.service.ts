import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Actor } from '../common/auth/actor';
import { assertManagesCooperative, assertOwnsHouseholdRecord, cooperativeScope } from '../common/auth/access-policy';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../common/errors/domain-errors';
import { isUniqueViolation } from '../common/errors/unique-violation';
import { parseTimestamp } from '../common/http/calendar-date';
import { Page, paginate } from '../common/http/pagination';
import { message } from '../common/i18n/message';
import { assertIfMatch } from '../common/records/record-version';
import { createFingerprint, createOnce } from '../common/records/repeatable-create';
import { toProductResponse } from '../catalog/dto/product.dto';
import { ProductsService } from '../catalog/products.service';
import { toHouseholdResponse } from '../registry/dto/household.dto';
import { HouseholdsService } from '../registry/households.service';
import type { PlotCertification } from '../registry/plot-certification.entity';
import { PlotsService } from '../registry/plots.service';
import { ChangeNotices } from '../redis/change-notices';
import { toPlotResponse } from '../registry/dto/plot.dto';
import { BatchEvent } from './batch-event.entity';
import { toBatchEventResponse, toBatchResponse } from './batch.mapper';
import { Batch } from './batch.entity';
import { assertBatchReleasable, batchHasLabels, certificateExpiredAt, lockSafetyScope, plotSprayingsOf, refreshSafety } from './batch-safety';
import {
  BatchDetailResponse,
  BatchEventResponse,
  BatchResponse,
  CreateBatchDto,
  CreateBatchEventDto,
  ListBatchesQuery,
  SafetyOverrideDto,
  UpdateBatchDto,
} from './dto/batch.dto';
import { PlotSafetyResponse, SafetyFlagsQuery } from './dto/safety.dto';
import { phiDaysOf, validateEventDetails } from './event-details';
import { generateLotCode } from './lot-code';
import { safetyStateOf, vietnamDate } from './safety-rules';

// Clocks on farmers' phones drift; a record a little in the future is accepted, a day ahead is a typo.
const FUTURE_TOLERANCE_MS = 24 * 3600_000;
const DAY_MS = 86_400_000;

/** Fields a printed label carries (GS1 AI 10 lot, harvest date, origin, product): fixed once labels exist. */
const LABELLED_FIELDS = ['lotCode', 'harvestedAt', 'plotId', 'productId'] as const;

/** An event as an insert takes it (TypeORM's insert type cannot see through a free-form JSON column). */
function insertable(event: BatchEvent): QueryDeepPartialEntity<BatchEvent> {
  return event as unknown as QueryDeepPartialEntity<BatchEvent>;
}

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

  /** Registers a batch, at most once per client id (a phone may send the same create again). */
  async create(actor: Actor, dto: CreateBatchDto): Promise<BatchResponse> {
    const household = await this.households.findAccessible(actor, dto.householdId);
    const product = await this.products.findOrFail(dto.productId);
    if (product.cooperativeId !== household.cooperativeId) {
      throw InvalidInputError.field('productId', message('batches.productOtherCooperative'));
    }
    let plotId: string | null = null;
    if (dto.plotId) {
      const plot = await this.plots.findAccessible(actor, dto.plotId);
      if (plot.householdId !== household.id) throw InvalidInputError.field('plotId', message('batches.plotOtherHousehold'));
      plotId = plot.id;
    }
    const harvestedAt = parseTimestamp(dto.harvestedAt);
    if (harvestedAt.getTime() > Date.now() + FUTURE_TOLERANCE_MS) throw InvalidInputError.field('harvestedAt', message('batches.inFuture'));
    const fingerprint = createFingerprint({ ...dto, id: undefined });
    const { record } = await createOnce<Batch>({
      id: dto.id,
      fingerprint,
      find: async (id) => {
        const batch = await this.batches.findOne({ where: { id } });
        return batch ? { record: batch, fingerprint: batch.createFingerprint ?? '' } : null;
      },
      create: async () => {
        if (product.archivedAt) throw new ConflictError(message('catalog.archived', { id: product.id }));
        return this.insertBatch({
          id: dto.id ?? randomUUID(),
          clientId: !!dto.id,
          productId: product.id,
          householdId: household.id,
          cooperativeId: household.cooperativeId,
          plotId,
          harvestedAt,
          quantity: dto.quantity,
          unit: dto.unit,
          fingerprint,
        });
      },
    });
    return this.answer(record);
  }

  private async insertBatch(spec: {
    id: string;
    clientId: boolean;
    productId: string;
    householdId: string;
    cooperativeId: string;
    plotId: string | null;
    harvestedAt: Date;
    quantity: number;
    unit: string;
    fingerprint: string;
  }): Promise<Batch> {
    for (let attempt = 0; ; attempt++) {
      const now = new Date();
      const batch = this.batches.create({
        id: spec.id,
        productId: spec.productId,
        householdId: spec.householdId,
        plotId: spec.plotId,
        cooperativeId: spec.cooperativeId,
        lotCode: generateLotCode(spec.harvestedAt),
        harvestedAt: spec.harvestedAt,
        quantity: spec.quantity,
        unit: spec.unit,
        safetyWarnings: [],
        safeFrom: null,
        status: 'active',
        recallReason: null,
        recalledAt: null,
        version: 1,
        createFingerprint: spec.fingerprint,
        archivedAt: null,
        safetyOverrideReason: null,
        safetyOverrideBy: null,
        safetyOverrideAt: null,
        safetyOverrideSafeFrom: null,
        createdAt: now,
        updatedAt: now,
      });
      try {
        await this.dataSource.transaction(async (manager) => {
          // Sprayings already recorded on the plot hold the new batch from the start.
          const scope = spec.plotId ? await lockSafetyScope(manager, { ids: [], plotIds: [spec.plotId] }) : [];
          await refreshSafety(manager, scope, batch);
          await manager.insert(Batch, batch);
        });
        return batch;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // A twin of a repeated create won the race: createOnce answers with it.
        if (spec.clientId && (await this.batches.exists({ where: { id: spec.id } }))) throw error;
        // 30 random bits per day: a lot code clash is rare, and a new draw resolves it.
        if (attempt < 5) continue;
        throw new ConflictError(message('batches.lotCodeExhausted'));
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
    let certificateExpired = false;
    if (batch.plotId) {
      const entity = await this.plots.findAccessible(actor, batch.plotId);
      const certifications = (await this.plots.certificationsOf([entity.id])).get(entity.id) ?? [];
      plot = toPlotResponse(entity, certifications);
      certificateExpired = certificateExpiredAt(certifications, batch.harvestedAt);
    }
    return {
      ...toBatchResponse(batch, { certificateExpired }),
      product: toProductResponse(product),
      household: toHouseholdResponse(household),
      plot,
      events: events.map(toBatchEventResponse),
    };
  }

  async list(actor: Actor, query: ListBatchesQuery): Promise<Page<BatchResponse>> {
    const qb = this.batches.createQueryBuilder('b').where('b.archivedAt IS NULL');
    if (actor.role === 'farmer') {
      qb.andWhere('b.householdId = :own', { own: actor.householdId });
    } else {
      const cooperativeId = cooperativeScope(actor, query.cooperativeId);
      if (cooperativeId) qb.andWhere('b.cooperativeId = :cooperativeId', { cooperativeId });
    }
    if (query.productId) qb.andWhere('b.productId = :productId', { productId: query.productId });
    if (query.householdId) qb.andWhere('b.householdId = :householdId', { householdId: query.householdId });
    const page = await paginate(qb, query);
    return { items: await this.answers(page.items), nextCursor: page.nextCursor };
  }

  /**
   * Corrects a batch. `If-Match` (optional) guards against another phone's edit (412). Once labels
   * are printed, the fields they carry are refused (409 naming the field); the safety of the batch
   * and of its plots (old and new) is recomputed in the same transaction.
   */
  async update(actor: Actor, id: string, dto: UpdateBatchDto, ifMatch: string | undefined): Promise<BatchResponse> {
    const existing = await this.findAccessible(actor, id);
    if (existing.archivedAt) throw new ConflictError(message('batches.archived', { lotCode: existing.lotCode }));
    const changes: Partial<Batch> = {};
    if (dto.lotCode !== undefined) changes.lotCode = dto.lotCode;
    if (dto.productId !== undefined) {
      const product = await this.products.findOrFail(dto.productId);
      if (product.cooperativeId !== existing.cooperativeId)
        throw InvalidInputError.field('productId', message('batches.productOtherCooperative'));
      if (product.archivedAt && product.id !== existing.productId) throw new ConflictError(message('catalog.archived', { id: product.id }));
      changes.productId = product.id;
    }
    if (dto.plotId === null) changes.plotId = null;
    else if (dto.plotId !== undefined) {
      const plot = await this.plots.findAccessible(actor, dto.plotId);
      if (plot.householdId !== existing.householdId) throw InvalidInputError.field('plotId', message('batches.plotOtherHousehold'));
      changes.plotId = plot.id;
    }
    if (dto.harvestedAt !== undefined) {
      const harvestedAt = parseTimestamp(dto.harvestedAt);
      if (harvestedAt.getTime() > Date.now() + FUTURE_TOLERANCE_MS)
        throw InvalidInputError.field('harvestedAt', message('batches.inFuture'));
      changes.harvestedAt = harvestedAt;
    }
    if (dto.quantity !== undefined) changes.quantity = dto.quantity;
    if (dto.unit !== undefined) changes.unit = dto.unit;

    let changed: string[] = [];
    const updated = await this.dataSource
      .transaction(async (manager) => {
        const newPlot = changes.plotId === undefined ? null : changes.plotId;
        const scope = await lockSafetyScope(manager, { ids: [id], plotIds: [existing.plotId, newPlot] });
        const batch = scope.find((b) => b.id === id);
        if (!batch) throw NotFoundError.of('Batch', id);
        assertIfMatch(ifMatch, batch.version, toBatchResponse(batch));
        const comparable = (value: unknown) =>
          value instanceof Date ? value.getTime() : typeof value === 'number' ? value : (value ?? null);
        const differs = (field: keyof Batch) =>
          changes[field] !== undefined &&
          // decimals come back from PostgreSQL as numbers or strings depending on the driver
          (field === 'quantity'
            ? Number(changes[field]) !== Number(batch[field])
            : comparable(changes[field]) !== comparable(batch[field]));
        const touched = (Object.keys(changes) as (keyof Batch)[]).filter(differs);
        if (!touched.length) return batch;
        const locked = LABELLED_FIELDS.find((f) => touched.includes(f));
        if (locked && (await batchHasLabels(manager, id))) {
          throw new ConflictError(message('batches.fieldLockedDetail', { field: locked, lotCode: batch.lotCode }), {
            errors: [{ field: locked, message: message('batches.fieldLocked', { field: locked }) }],
            extra: { field: locked },
          });
        }
        for (const field of touched) Object.assign(batch, { [field]: changes[field] });
        batch.version += 1;
        batch.updatedAt = new Date();
        const values: Partial<Batch> = { version: batch.version, updatedAt: batch.updatedAt };
        for (const field of touched) Object.assign(values, { [field]: batch[field] });
        await manager.update(Batch, { id }, values);
        changed = [id, ...(await refreshSafety(manager, scope))];
        return batch;
      })
      .catch((error: unknown) => {
        if (changes.lotCode && isUniqueViolation(error))
          throw new ConflictError(message('batches.lotCodeTaken', { lotCode: changes.lotCode }));
        throw error;
      });
    await this.publish(changed);
    return this.answer(updated);
  }

  /** Soft delete: a batch without labels leaves the lists; its row and diary stay. Labelled batches stay (409). */
  async archive(actor: Actor, id: string): Promise<void> {
    await this.findAccessible(actor, id);
    await this.dataSource.transaction(async (manager) => {
      const [batch] = await lockSafetyScope(manager, { ids: [id], plotIds: [] });
      if (!batch) throw NotFoundError.of('Batch', id);
      if (batch.archivedAt) return;
      if (await batchHasLabels(manager, id)) throw new ConflictError(message('batches.archiveHasLabels', { lotCode: batch.lotCode }));
      await manager.update(Batch, { id }, { archivedAt: new Date(), version: batch.version + 1 });
    });
    await this.publish([id]);
  }

  /**
   * Records what happened to a batch, at most once per client id. A correction names the event it
   * supersedes: the old one stays, marked, and stops counting. The event and the recomputed safety of
   * every batch of the plot are written in one transaction, under row locks.
   */
  async addEvent(actor: Actor, batchId: string, dto: CreateBatchEventDto): Promise<BatchEventResponse> {
    await this.findAccessible(actor, batchId);
    if (dto.supersedes && !dto.correctionReason)
      throw InvalidInputError.field('correctionReason', message('batches.correctionReasonRequired'));
    if (!dto.supersedes && dto.correctionReason)
      throw InvalidInputError.field('correctionReason', message('batches.correctionReasonAlone'));
    const details = validateEventDetails(dto.bizStep, dto.details);
    const occurredAt = parseTimestamp(dto.occurredAt);
    if (occurredAt.getTime() > Date.now() + FUTURE_TOLERANCE_MS) throw InvalidInputError.field('occurredAt', message('batches.inFuture'));
    const fingerprint = createFingerprint({ ...dto, id: undefined, batchId });
    const { record } = await createOnce<BatchEvent>({
      id: dto.id,
      fingerprint,
      find: async (id) => {
        const event = await this.events.findOne({ where: { id } });
        return event ? { record: event, fingerprint: event.createFingerprint ?? '' } : null;
      },
      create: () =>
        this.insertEvent(actor, {
          id: dto.id ?? randomUUID(),
          batchId,
          bizStep: dto.bizStep,
          occurredAt,
          details,
          supersedes: dto.supersedes ?? null,
          correctionReason: dto.correctionReason?.trim() ?? null,
          fingerprint,
        }),
    });
    return toBatchEventResponse(record);
  }

  private async insertEvent(
    actor: Actor,
    spec: Pick<BatchEvent, 'id' | 'batchId' | 'bizStep' | 'occurredAt' | 'details' | 'supersedes' | 'correctionReason'> & {
      fingerprint: string;
    },
  ): Promise<BatchEvent> {
    const now = new Date();
    const event = this.events.create({
      id: spec.id,
      batchId: spec.batchId,
      bizStep: spec.bizStep,
      occurredAt: spec.occurredAt,
      details: spec.details,
      recordedBy: actor.userId,
      createFingerprint: spec.fingerprint,
      supersedes: spec.supersedes,
      supersededBy: null,
      correctionReason: spec.correctionReason,
      createdAt: now,
      updatedAt: now,
    });
    let changed: string[] = [];
    await this.dataSource.transaction(async (manager) => {
      const owner = await manager.findOne(Batch, { where: { id: spec.batchId } });
      if (!owner) throw NotFoundError.of('Batch', spec.batchId);
      const scope = await lockSafetyScope(manager, { ids: [owner.id], plotIds: [owner.plotId] });
      if (spec.supersedes) {
        const old = await manager.findOne(BatchEvent, { where: { id: spec.supersedes } });
        if (!old || old.batchId !== spec.batchId) throw InvalidInputError.field('supersedes', message('batches.supersedesOtherBatch'));
        if (old.supersededBy) throw new ConflictError(message('batches.eventSuperseded', { id: old.id, by: old.supersededBy }));
      }
      await manager.insert(BatchEvent, insertable(event));
      if (spec.supersedes) await manager.update(BatchEvent, { id: spec.supersedes }, { supersededBy: event.id, updatedAt: now });
      changed = [spec.batchId, ...(await refreshSafety(manager, scope))];
    });
    // The consumer page shows the history: every process drops its cached view of these batches.
    await this.publish(changed);
    return event;
  }

  /**
   * A co-op manager (or the province office) releases a batch on hold, with a reason: who, when and why
   * are kept on the batch, and an `inspecting` event puts it in the diary and the EPCIS records.
   * Sending it again once released answers the batch as it is (a phone may repeat it).
   */
  async overrideSafety(actor: Actor, id: string, dto: SafetyOverrideDto): Promise<BatchResponse> {
    const existing = await this.findAccessible(actor, id);
    if (actor.role === 'farmer') throw new ForbiddenError(message('batches.overrideRole'));
    assertManagesCooperative(actor, existing.cooperativeId);
    const reason = dto.reason.trim();
    if (!reason) throw InvalidInputError.field('reason', message('validation.isNotEmpty'));
    const batch = await this.dataSource.transaction(async (manager) => {
      const [locked] = await lockSafetyScope(manager, { ids: [id], plotIds: [] });
      if (!locked) throw NotFoundError.of('Batch', id);
      const state = safetyStateOf(locked);
      if (!state.onHold) {
        if (state.overridden) return locked;
        throw new ConflictError(message('batches.notOnHold', { lotCode: locked.lotCode }));
      }
      const now = new Date();
      const safeFrom = state.safeFrom!;
      Object.assign(locked, {
        safetyOverrideReason: reason,
        safetyOverrideBy: actor.userId,
        safetyOverrideAt: now,
        safetyOverrideSafeFrom: safeFrom,
        version: locked.version + 1,
        updatedAt: now,
      });
      await manager.update(
        Batch,
        { id },
        {
          safetyOverrideReason: reason,
          safetyOverrideBy: actor.userId,
          safetyOverrideAt: now,
          safetyOverrideSafeFrom: safeFrom,
          version: locked.version,
          updatedAt: now,
        },
      );
      const safeFromDate = vietnamDate(safeFrom);
      await manager.insert(
        BatchEvent,
        insertable({
          id: randomUUID(),
          batchId: id,
          bizStep: 'inspecting',
          occurredAt: now,
          // The diary is read by inspectors in Vietnamese; `result` is what the EPCIS records export.
          details: {
            result: `Cho phép lô đang bị giữ (an toàn từ ${safeFromDate}): ${reason}`,
            safetyOverride: true,
            safeFrom: safeFromDate,
          },
          recordedBy: actor.userId,
          createFingerprint: null,
          supersedes: null,
          supersededBy: null,
          correctionReason: null,
          createdAt: now,
          updatedAt: now,
        }),
      );
      return locked;
    });
    await this.publish([id]);
    return this.answer(batch);
  }

  /** Refuses labels and listings for a batch on a food-safety hold or archived (409 with the date it becomes safe). */
  async assertReleasable(batchId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await assertBatchReleasable(manager, batchId);
  }

  /** When a plot is safe to harvest again: the end of the longest-running pre-harvest interval of its sprayings. */
  async plotSafety(actor: Actor, plotId: string, now = new Date()): Promise<PlotSafetyResponse> {
    const plot = await this.plots.findAccessible(actor, plotId);
    const batchSprayings = await this.events
      .createQueryBuilder('e')
      .innerJoin(Batch, 'b', 'b.id = e.batchId')
      .where('b.plotId = :plotId', { plotId: plot.id })
      .andWhere('e.bizStep = :step', { step: 'spraying' })
      .andWhere('e.supersededBy IS NULL')
      .getMany();
    // Sprayings written in the plot's own diary (before any harvest batch exists) count the same.
    const plotSprayings = await plotSprayingsOf(this.dataSource.manager, [plot.id]);
    const sprayings = [
      ...batchSprayings.map((e) => ({ id: e.id, batchId: e.batchId, occurredAt: e.occurredAt, details: e.details })),
      ...plotSprayings.map((e) => ({ id: e.id, batchId: null, occurredAt: e.occurredAt, details: e.details })),
    ].sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime());
    const intervals = sprayings
      .map((e) => {
        const phiDays = phiDaysOf(e.details) ?? 0;
        return { event: e, phiDays, safeFrom: new Date(e.occurredAt.getTime() + phiDays * DAY_MS) };
      })
      .filter((s) => s.phiDays > 0);
    const latest = intervals.reduce<Date | null>((max, s) => (!max || s.safeFrom > max ? s.safeFrom : max), null);
    return {
      plotId: plot.id,
      safeToHarvestFrom: latest?.toISOString() ?? null,
      safeToHarvestFromDate: latest ? vietnamDate(latest) : null,
      safeNow: !latest || latest.getTime() <= now.getTime(),
      activeIntervals: intervals
        .filter((s) => s.safeFrom.getTime() > now.getTime())
        .map((s) => ({
          eventId: s.event.id,
          batchId: s.event.batchId,
          sprayedAt: s.event.occurredAt.toISOString(),
          pesticide: typeof s.event.details?.pesticide === 'string' ? s.event.details.pesticide : null,
          activeIngredient: typeof s.event.details?.activeIngredient === 'string' ? s.event.details.activeIngredient : null,
          phiDays: s.phiDays,
          safeFrom: s.safeFrom.toISOString(),
        })),
    };
  }

  /** For the province office and co-op managers: batches harvested inside a pre-harvest interval, and every release of a hold. */
  async safetyFlags(actor: Actor, query: SafetyFlagsQuery): Promise<Page<BatchResponse>> {
    if (actor.role === 'farmer') throw new ForbiddenError(message('batches.otherCooperativeReport'));
    const qb = this.batches.createQueryBuilder('b').where('(b.safeFrom IS NOT NULL OR b.safetyOverrideAt IS NOT NULL)');
    const cooperativeId = cooperativeScope(actor, query.cooperativeId);
    if (cooperativeId) qb.andWhere('b.cooperativeId = :cooperativeId', { cooperativeId });
    const page = await paginate(qb, query);
    return { items: await this.answers(page.items), nextCursor: page.nextCursor };
  }

  async findAccessible(actor: Actor, id: string): Promise<Batch> {
    const batch = await this.batches.findOne({ where: { id } });
    if (!batch) throw NotFoundError.of('Batch', id);
    assertOwnsHouseholdRecord(actor, batch);
    return batch;
  }

  private async answer(batch: Batch): Promise<BatchResponse> {
    return (await this.answers([batch]))[0];
  }

  /** Batch answers with the certificate flag, read for all their plots at once. */
  private async answers(batches: Batch[]): Promise<BatchResponse[]> {
    const plotIds = [...new Set(batches.map((b) => b.plotId).filter((p): p is string => !!p))];
    const certifications = plotIds.length ? await this.plots.certificationsOf(plotIds) : new Map<string, PlotCertification[]>();
    return batches.map((b) =>
      toBatchResponse(b, {
        certificateExpired: b.plotId ? certificateExpiredAt(certifications.get(b.plotId) ?? [], b.harvestedAt) : false,
      }),
    );
  }

  /** Drops every process's cached view of batches whose food-safety state another module changed. */
  async notifyChanged(batchIds: string[]): Promise<void> {
    await this.publish(batchIds);
  }

  private async publish(batchIds: string[]): Promise<void> {
    for (const id of new Set(batchIds)) await this.notices.publish({ kind: 'batch', id });
  }
}
