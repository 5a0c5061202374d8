import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { assertManagesCooperative, assertOwnsHouseholdRecord, cooperativeScope } from '../common/auth/access-policy';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../common/errors/domain-errors';
import { isUniqueViolation } from '../common/errors/unique-violation';
import { Page } from '../common/http/pagination';
import { message } from '../common/i18n/message';
import { assertIfMatch } from '../common/records/record-version';
import { createFingerprint, createOnce, withFingerprint } from '../common/records/repeatable-create';
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
import { certificateExpiredAt } from './batch-safety';
import { BatchesRepository, BatchLot, LockedBatch } from './batches.repository';
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
import { parseRecordedTime } from './recorded-time';
import { computeSafetyWarnings, latestSafeFrom, safetyStateOf, vietnamDate } from './safety-rules';

const DAY_MS = 86_400_000;

/** Fields a printed label carries (GS1 AI 10 lot, harvest date, origin, product): fixed once labels exist. */
const LABELLED_FIELDS = ['lotCode', 'harvestedAt', 'plotId', 'productId'] as const;

@Injectable()
export class BatchesService {
  constructor(
    private readonly batches: BatchesRepository,
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
    const harvestedAt = parseRecordedTime('harvestedAt', dto.harvestedAt);
    const fingerprint = createFingerprint({ ...dto, id: undefined });
    const { record } = await createOnce<Batch>({
      id: dto.id,
      fingerprint,
      find: async (id) => withFingerprint(await this.batches.findById(id)),
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
      const batch = Object.assign(new Batch(), {
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
        await this.batches.transaction(async (manager) => {
          // Sprayings already recorded on the plot hold the new batch from the start.
          const scope = spec.plotId ? await this.lockSafetyScope(manager, { ids: [], plotIds: [spec.plotId] }) : [];
          await this.refreshSafety(manager, scope, batch);
          await this.batches.insert(manager, batch);
        });
        return batch;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // A twin of a repeated create won the race: createOnce answers with it.
        if (spec.clientId && (await this.batches.exists(spec.id))) throw error;
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
      this.batches.eventsOf(batch.id),
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
    const scope =
      actor.role === 'farmer' ? { householdId: actor.householdId } : { cooperativeId: cooperativeScope(actor, query.cooperativeId) };
    const page = await this.batches.list({ ...scope, productId: query.productId, ofHousehold: query.householdId }, query);
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
    if (dto.harvestedAt !== undefined) changes.harvestedAt = parseRecordedTime('harvestedAt', dto.harvestedAt);
    if (dto.quantity !== undefined) changes.quantity = dto.quantity;
    if (dto.unit !== undefined) changes.unit = dto.unit;

    let changed: string[] = [];
    const updated = await this.batches
      .transaction(async (manager) => {
        const newPlot = changes.plotId === undefined ? null : changes.plotId;
        const scope = await this.lockSafetyScope(manager, { ids: [id], plotIds: [existing.plotId, newPlot] });
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
        if (locked && (await this.batches.hasLabels(manager, id))) {
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
        await this.batches.update(manager, id, values);
        changed = [id, ...(await this.refreshSafety(manager, scope))];
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
    await this.batches.transaction(async (manager) => {
      const [batch] = await this.lockSafetyScope(manager, { ids: [id], plotIds: [] });
      if (!batch) throw NotFoundError.of('Batch', id);
      if (batch.archivedAt) return;
      if (await this.batches.hasLabels(manager, id))
        throw new ConflictError(message('batches.archiveHasLabels', { lotCode: batch.lotCode }));
      await this.batches.update(manager, id, { archivedAt: new Date(), version: batch.version + 1 });
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
    const occurredAt = parseRecordedTime('occurredAt', dto.occurredAt);
    const fingerprint = createFingerprint({ ...dto, id: undefined, batchId });
    const { record } = await createOnce<BatchEvent>({
      id: dto.id,
      fingerprint,
      find: async (id) => withFingerprint(await this.batches.findEvent(id)),
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
    const event = Object.assign(new BatchEvent(), {
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
    await this.batches.transaction(async (manager) => {
      const owner = await this.batches.findById(spec.batchId, manager);
      if (!owner) throw NotFoundError.of('Batch', spec.batchId);
      const scope = await this.lockSafetyScope(manager, { ids: [owner.id], plotIds: [owner.plotId] });
      if (spec.supersedes) {
        const old = await this.batches.findEvent(spec.supersedes, manager);
        if (!old || old.batchId !== spec.batchId) throw InvalidInputError.field('supersedes', message('batches.supersedesOtherBatch'));
        if (old.supersededBy) throw new ConflictError(message('batches.eventSuperseded', { id: old.id, by: old.supersededBy }));
      }
      await this.batches.insertEvent(manager, event);
      if (spec.supersedes) await this.batches.markSuperseded(manager, spec.supersedes, event.id, now);
      changed = [spec.batchId, ...(await this.refreshSafety(manager, scope))];
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
    const batch = await this.batches.transaction(async (manager) => {
      const [locked] = await this.lockSafetyScope(manager, { ids: [id], plotIds: [] });
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
      await this.batches.update(manager, id, {
        safetyOverrideReason: reason,
        safetyOverrideBy: actor.userId,
        safetyOverrideAt: now,
        safetyOverrideSafeFrom: safeFrom,
        version: locked.version,
        updatedAt: now,
      });
      const safeFromDate = vietnamDate(safeFrom);
      await this.batches.insertEvent(
        manager,
        Object.assign(new BatchEvent(), {
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

  /**
   * Refuses labels and listings for a batch that is archived or on a food-safety hold (409 with the date
   * it becomes safe). An unknown batch passes: the caller tells it in its own words.
   */
  async assertReleasable(batchId: string, manager?: EntityManager, now = new Date()): Promise<void> {
    const batch = await this.batches.findById(batchId, manager);
    if (!batch) return;
    if (batch.archivedAt) throw new ConflictError(message('batches.archived', { lotCode: batch.lotCode }), { extra: { batchId } });
    const state = safetyStateOf(batch, now);
    if (state.onHold && state.safeFrom) {
      const safeFromDate = vietnamDate(state.safeFrom);
      throw new ConflictError(message('batches.onHold', { lotCode: batch.lotCode, safeFrom: safeFromDate }), {
        extra: { batchId, lotCode: batch.lotCode, onHold: true, safeFrom: state.safeFrom.toISOString(), safeFromDate },
      });
    }
  }

  /**
   * Locks a batch row inside the caller's transaction and reads it again under the lock, so a recall and
   * whatever is being created from the batch (labels, listings) are ordered: either the creation commits
   * first and the recall sees (and undoes) it, or the recall commits first and the creation sees `recalled`
   * (issue 11, point 5). `share` is for creations (they may run side by side), `update` for the recall.
   */
  lockForRelease(manager: EntityManager, batchId: string, mode: 'share' | 'update'): Promise<LockedBatch | null> {
    return this.batches.lockRow(manager, batchId, mode);
  }

  /** Takes the batch's write lock inside the caller's transaction (writers of one batch queue) and answers its status then. */
  lockForWrite(manager: EntityManager, batchId: string, now = new Date()): Promise<Batch['status'] | null> {
    return this.batches.touch(manager, batchId, now);
  }

  /**
   * Marks a batch recalled inside the caller's transaction, the batch row locked for update: answers it as
   * recalled (with the first recall's reason and time when it already was), or null for an unknown batch.
   */
  async markRecalled(manager: EntityManager, batchId: string, reason: string, now: Date): Promise<Batch | null> {
    if (!(await this.batches.lockRow(manager, batchId, 'update'))) return null;
    const locked = await this.batches.findById(batchId, manager);
    if (!locked) return null;
    if (locked.status !== 'recalled') {
      await this.batches.update(manager, batchId, { status: 'recalled', recallReason: reason, recalledAt: now, updatedAt: now });
      locked.status = 'recalled';
      locked.recallReason = reason;
      locked.recalledAt = now;
    }
    return locked;
  }

  /** Lots and products of batches, for whoever prints their URLs (no access check: callers hold the batches' ids from their own records). */
  lotsOf(batchIds: string[]): Promise<BatchLot[]> {
    return this.batches.lotsOf(batchIds);
  }

  /** The lot's critical tracking events (the diary without the growing steps), oldest first. */
  /** Every diary entry of a batch, corrected ones included, oldest first (the records that travel: EPCIS). */
  eventsOf(batchId: string): Promise<BatchEvent[]> {
    return this.batches.eventsOf(batchId);
  }

  trackingEventsOf(batchId: string): Promise<BatchEvent[]> {
    return this.batches.trackingEventsOf(batchId);
  }

  /** When a plot is safe to harvest again: the end of the longest-running pre-harvest interval of its sprayings. */
  async plotSafety(actor: Actor, plotId: string, now = new Date()): Promise<PlotSafetyResponse> {
    const plot = await this.plots.findAccessible(actor, plotId);
    const batchSprayings = await this.batches.sprayingsOnPlot(plot.id);
    // Sprayings written in the plot's own diary (before any harvest batch exists) count the same.
    const plotSprayings = await this.batches.plotSprayingsOf([plot.id]);
    const sprayings = [
      ...batchSprayings.map((e) => ({ id: e.id, batchId: e.batchId, occurredAt: e.occurredAt, details: e.details })),
      ...plotSprayings.map((e) => ({ id: e.id, batchId: null, occurredAt: e.occurredAt, details: e.details })),
    ].sort((x, y) => y.occurredAt.getTime() - x.occurredAt.getTime());
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
    const page = await this.batches.safetyFlagged(cooperativeScope(actor, query.cooperativeId), query);
    return { items: await this.answers(page.items), nextCursor: page.nextCursor };
  }

  /** A batch by id with no access check: for modules that check access on their own record (a listing's co-op). */
  findById(id: string, manager?: EntityManager): Promise<Batch | null> {
    return this.batches.findById(id, manager);
  }

  async findAccessible(actor: Actor, id: string): Promise<Batch> {
    const batch = await this.batches.findById(id);
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

  /**
   * Locks the batches whose safety a write can change: the batches named, and every batch of the plots
   * named, because a spraying recorded on one batch of a plot holds every batch harvested from that plot.
   */
  lockSafetyScope(manager: EntityManager, scope: { ids: string[]; plotIds: (string | null)[] }): Promise<Batch[]> {
    const plotIds = [...new Set(scope.plotIds.filter((p): p is string => !!p))];
    return this.batches.lockScope(manager, { ids: scope.ids, plotIds });
  }

  /**
   * Recomputes the safety warnings of `batches` (all of each plot's batches, as locked by lockSafetyScope)
   * from their events, superseded ones left out, and writes those that changed. `pending` is a batch not
   * inserted yet (a create): it is computed but not written. Answers the ids whose warnings changed, so
   * their consumer pages can be dropped from caches.
   */
  async refreshSafety(manager: EntityManager, batches: Batch[], pending?: Batch): Promise<string[]> {
    const all = pending ? [...batches.filter((b) => b.id !== pending.id), pending] : batches;
    const events = await this.batches.currentEventsOf(
      manager,
      batches.map((b) => b.id),
    );
    // Sprayings written in the plots' own diaries hold their batches like those recorded on a batch.
    const plotSprayings = await this.batches.plotSprayingsOf(
      all.map((b) => b.plotId),
      manager,
    );
    const changed: string[] = [];
    for (const batch of all) {
      const relevant = [
        ...events.filter(
          (e) =>
            e.batchId === batch.id ||
            (e.bizStep === 'spraying' && batch.plotId !== null && all.some((o) => o.id === e.batchId && o.plotId === batch.plotId)),
        ),
        ...plotSprayings
          .filter((p) => p.plotId === batch.plotId)
          .map((p) => ({ id: p.id, bizStep: 'spraying' as const, occurredAt: p.occurredAt, details: p.details })),
      ];
      const warnings = computeSafetyWarnings(batch.harvestedAt, relevant);
      const safeFrom = latestSafeFrom(warnings);
      const same =
        JSON.stringify(warnings) === JSON.stringify(batch.safetyWarnings ?? []) &&
        (safeFrom?.getTime() ?? null) === (batch.safeFrom?.getTime() ?? null);
      batch.safetyWarnings = warnings;
      batch.safeFrom = safeFrom;
      if (same || batch === pending) continue;
      await this.batches.update(manager, batch.id, { safetyWarnings: warnings, safeFrom });
      changed.push(batch.id);
    }
    return changed;
  }

  private async publish(batchIds: string[]): Promise<void> {
    for (const id of new Set(batchIds)) await this.notices.publish({ kind: 'batch', id });
  }
}
