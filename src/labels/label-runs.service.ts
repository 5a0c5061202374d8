import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { BatchesService } from '../batches/batches.service';
import type { Actor } from '../common/auth/actor';
import { assertManagesCooperative, assertOwnsHouseholdRecord } from '../common/auth/access-policy';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors/domain-errors';
import { isUniqueViolation } from '../common/errors/unique-violation';
import { ProductsService } from '../catalog/products.service';
import { LabelsConfig } from '../config/sections';
import type { Page, PageQuery } from '../common/http/pagination';
import { batchCapacity, labelAllowance } from './batch-capacity';
import { CreateLabelRunDto, LabelRunResponse, toLabelRunResponse } from './dto/label-run.dto';
import { LabelRun } from './label-run.entity';
import { LabelRunsRepository } from './label-runs.repository';
import { LabelStorage } from './label-storage';
import { LabelsRepository, NewLabel } from './labels.repository';
import { enqueueRender, LABELS_QUEUE, quietQueueErrors, RenderLabelRunJob } from './labels.queue';
import { SerialSigner } from './serials/serial-signer';
import { message } from '../common/i18n/message';

/** Serials are signed and stored this many at a time, so a large run never holds them all in memory twice. */
const ALLOCATION_CHUNK = 5_000;

const recalledBatch = (lotCode: string) => new ConflictError(message('labels.batchRecalled', { lotCode }));

export interface CreatedLabelRun {
  run: LabelRunResponse;
  /** True when an Idempotency-Key matched an earlier request: nothing new was created. */
  replayed: boolean;
}

@Injectable()
export class LabelRunsService {
  private readonly logger = new Logger(LabelRunsService.name);

  constructor(
    private readonly runs: LabelRunsRepository,
    private readonly labels: LabelsRepository,
    @InjectQueue(LABELS_QUEUE) private readonly queue: Queue<RenderLabelRunJob>,
    private readonly batches: BatchesService,
    private readonly products: ProductsService,
    private readonly signer: SerialSigner,
    private readonly storage: LabelStorage,
    private readonly labelsConfig: LabelsConfig,
  ) {
    quietQueueErrors(this.queue, this.logger);
  }

  /**
   * Accepts a print job. Its serials are allocated and stored with the run in one transaction, before
   * anything is rendered, so a worker that dies mid-render redoes the run with the same serials. A run
   * that would put more labels on the batch than it can fill (plus the tolerance) is refused unless
   * `allowOverrun` says it is deliberate.
   */
  async create(actor: Actor, batchId: string, dto: CreateLabelRunDto, idempotencyKey?: string): Promise<CreatedLabelRun> {
    if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,100}$/.test(idempotencyKey)) {
      throw InvalidInputError.field('Idempotency-Key', message('labels.idempotencyKeyFormat'));
    }
    const batch = await this.batches.findAccessible(actor, batchId);
    assertManagesCooperative(actor, batch.cooperativeId);
    if (idempotencyKey) {
      const earlier = await this.runs.findByIdempotencyKey(batch.cooperativeId, idempotencyKey);
      if (earlier) return { run: this.replay(earlier, batchId, dto), replayed: true };
    }
    if (batch.status !== 'active') throw recalledBatch(batch.lotCode);
    // Food safety (issue 12): no labels for a batch on hold (inside a pre-harvest interval) or archived.
    await this.batches.assertReleasable(batch.id);
    const product = await this.products.findOrFail(batch.productId);
    const capacity = batchCapacity(
      Number(batch.quantity),
      batch.unit,
      product.packageNetWeightKg === null ? null : Number(product.packageNetWeightKg),
    );
    const allowance = labelAllowance(capacity, this.labelsConfig.LABEL_OVERRUN_TOLERANCE);
    const now = new Date();
    const run = Object.assign(new LabelRun(), {
      id: randomUUID(),
      batchId: batch.id,
      cooperativeId: batch.cooperativeId,
      quantity: dto.quantity,
      layout: dto.layout,
      format: dto.format,
      status: 'queued',
      progress: 0,
      allowOverrun: dto.allowOverrun ?? false,
      batchCapacity: capacity,
      idempotencyKey: idempotencyKey ?? null,
      requestedBy: actor.userId,
      fileName: null,
      fileBytes: null,
      error: null,
      attempts: 0,
      finishedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await this.runs.transaction(async (manager) => {
        // Taking the batch row's write lock first serialises concurrent runs on one batch, so two
        // requests cannot both pass the volume check. The status is read again under that lock: a
        // recall that committed since the check above must not get fresh active labels.
        const current = await this.batches.lockForWrite(manager, batch.id, now);
        if (current !== 'active') throw recalledBatch(batch.lotCode);
        const existing = await this.labels.countActiveOfBatch(manager, batch.id);
        if (existing + dto.quantity > allowance && !run.allowOverrun) {
          throw new ConflictError(
            message('labels.overCapacity', {
              lotCode: batch.lotCode,
              capacity,
              allowance,
              tolerance: Math.round(this.labelsConfig.LABEL_OVERRUN_TOLERANCE * 100),
              existing,
              requested: dto.quantity,
            }),
            { extra: { batchCapacity: capacity, allowance, activeLabels: existing, requested: dto.quantity } },
          );
        }
        await this.runs.insert(manager, run);
        await this.allocateSerials(manager, run, product.gtin, batch.lotCode, now);
      });
    } catch (error) {
      if (idempotencyKey && isUniqueViolation(error)) {
        // Another request with the same key won the race: answer with its run.
        const winner = await this.runs.findByIdempotencyKey(batch.cooperativeId, idempotencyKey);
        if (winner) return { run: this.replay(winner, batchId, dto), replayed: true };
      }
      throw error;
    }
    await enqueueRender(this.queue, run.id, this.logger);
    return { run: toLabelRunResponse(run), replayed: false };
  }

  /** The print runs of a batch, oldest first; whoever may read the batch may read them. */
  async ofBatch(actor: Actor, batchId: string, query: PageQuery): Promise<Page<LabelRunResponse>> {
    await this.batches.findAccessible(actor, batchId);
    const page = await this.runs.ofBatch(batchId, query);
    return { items: page.items.map(toLabelRunResponse), nextCursor: page.nextCursor };
  }

  async get(actor: Actor, id: string): Promise<LabelRunResponse> {
    return toLabelRunResponse(await this.findAccessible(actor, id));
  }

  async file(actor: Actor, id: string): Promise<{ run: LabelRun; stream: NodeJS.ReadableStream }> {
    const run = await this.findAccessible(actor, id);
    if (run.status !== 'done' || !run.fileName) {
      throw new ConflictError(message('labels.fileNotReady', { id, status: run.status, progress: run.progress }));
    }
    return { run, stream: this.storage.open(run.fileName) };
  }

  async findAccessible(actor: Actor, id: string): Promise<LabelRun> {
    const run = await this.runs.findById(id);
    if (!run) throw NotFoundError.of('Label run', id);
    const batch = await this.batches.findAccessible(actor, run.batchId);
    assertOwnsHouseholdRecord(actor, batch);
    return run;
  }

  private replay(earlier: LabelRun, batchId: string, dto: CreateLabelRunDto): LabelRunResponse {
    const same =
      earlier.batchId === batchId &&
      earlier.quantity === dto.quantity &&
      earlier.layout === dto.layout &&
      earlier.format === dto.format &&
      Boolean(earlier.allowOverrun) === (dto.allowOverrun ?? false);
    if (!same) throw new ConflictError(message('labels.idempotencyKeyReused'));
    return toLabelRunResponse(earlier);
  }

  private async allocateSerials(manager: EntityManager, run: LabelRun, gtin: string | null, lot: string, now: Date): Promise<void> {
    for (let start = 0; start < run.quantity; start += ALLOCATION_CHUNK) {
      const labels: NewLabel[] = [];
      for (let sequence = start + 1; sequence <= Math.min(run.quantity, start + ALLOCATION_CHUNK); sequence++) {
        labels.push({
          id: randomUUID(),
          serial: this.signer.issue(gtin, lot),
          labelRunId: run.id,
          batchId: run.batchId,
          cooperativeId: run.cooperativeId,
          sequence,
        });
      }
      await this.labels.insertMany(manager, labels, now);
    }
  }
}
