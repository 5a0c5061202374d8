import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Batch } from '../batches/batch.entity';
import { BatchesService } from '../batches/batches.service';
import type { Product } from '../catalog/product.entity';
import { ProductsService } from '../catalog/products.service';
import type { Actor } from '../common/auth/actor';
import { assertManagesCooperative, assertOwnsHouseholdRecord, cooperativeScope } from '../common/auth/access-policy';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../common/errors/domain-errors';
import { Page } from '../common/http/pagination';
import { ServerConfig } from '../config/sections';
import { ChangeNotices } from '../redis/change-notices';
import type { Cooperative } from '../registry/cooperative.entity';
import { CooperativesService } from '../registry/cooperatives.service';
import { LabelResponse, ListLabelsQuery, VoidLabelsDto } from './dto/label.dto';
import { LabelRunsRepository } from './label-runs.repository';
import type { Label } from './label.entity';
import { LabelScans, LabelsRepository } from './labels.repository';
import { labelUrl } from './serials/digital-link';
import { message } from '../common/i18n/message';

export interface LabelContext {
  label: Label;
  batch: Batch;
  product: Product;
  cooperative: Cooperative;
  url: string;
}

@Injectable()
export class LabelsService {
  constructor(
    private readonly labels: LabelsRepository,
    private readonly runs: LabelRunsRepository,
    private readonly batches: BatchesService,
    private readonly products: ProductsService,
    private readonly cooperatives: CooperativesService,
    private readonly server: ServerConfig,
    private readonly notices: ChangeNotices,
  ) {}

  async list(actor: Actor, query: ListLabelsQuery): Promise<Page<LabelResponse>> {
    if (!query.batchId && !query.labelRunId) throw InvalidInputError.field('batchId', message('labels.batchOrRun'));
    if (query.labelRunId) {
      const run = await this.runs.findById(query.labelRunId);
      if (!run) throw NotFoundError.of('Label run', query.labelRunId);
      assertOwnsHouseholdRecord(actor, await this.batches.findAccessible(actor, run.batchId));
    }
    if (query.batchId) await this.batches.findAccessible(actor, query.batchId);
    const page = await this.labels.list({ labelRunId: query.labelRunId, batchId: query.batchId }, query);
    const batchIds = [...new Set(page.items.map((l) => l.batchId))];
    const urls = await this.urlBuilders(batchIds);
    return {
      items: page.items.map((l) => ({
        serial: l.serial,
        url: urls.get(l.batchId)!(l.serial),
        status: l.status,
        labelRunId: l.labelRunId,
        batchId: l.batchId,
        sequence: l.sequence,
        scanCount: l.scanCount,
        voidReason: l.voidReason,
      })),
      nextCursor: page.nextCursor,
    };
  }

  /** Voids serials or a whole run: those labels then scan as `voided` with the reason. */
  async void(actor: Actor, dto: VoidLabelsDto): Promise<{ voided: number }> {
    if (!dto.serials === !dto.labelRunId) throw InvalidInputError.field('serials', message('labels.serialsOrRun'));
    const reason = dto.reason?.trim() || 'Tem đã bị huỷ';
    let cooperativeIds: string[];
    let runBatchId: string | null = null;
    if (dto.labelRunId) {
      const run = await this.runs.findById(dto.labelRunId);
      if (!run) throw NotFoundError.of('Label run', dto.labelRunId);
      cooperativeIds = [run.cooperativeId];
      runBatchId = run.batchId;
    } else {
      const serials = [...new Set(dto.serials)];
      const found = await this.labels.ownersOf(serials);
      const missing = serials.filter((s) => !found.some((l) => l.serial === s));
      if (missing.length) {
        throw new NotFoundError(
          message('labels.unknownSerials', { serials: `${missing.slice(0, 20).join(', ')}${missing.length > 20 ? '…' : ''}` }),
          {
            errors: missing.slice(0, 100).map((s) => ({ field: 'serials', message: message('labels.unknownSerial', { serial: s }) })),
          },
        );
      }
      cooperativeIds = [...new Set(found.map((l) => l.cooperativeId))];
    }
    for (const id of cooperativeIds) assertManagesCooperative(actor, id);
    const voided = await this.labels.voidActive(dto.labelRunId ? { labelRunId: dto.labelRunId } : { serials: dto.serials! }, {
      reason,
      at: new Date(),
    });
    // A voided label must scan as voided on the very next scan, in every process.
    if (runBatchId) {
      await this.notices.publish({ kind: 'batch', id: runBatchId });
    } else {
      await this.notices.publish({ kind: 'labels', serials: dto.serials! });
    }
    return { voided };
  }

  /**
   * Voids every active label of a batch inside the caller's transaction (the recall marks the batch in the
   * same one, so no scan sees one without the other). The caller announces the change once committed.
   */
  voidAllOfBatch(manager: EntityManager, batchId: string, reason: string, at: Date): Promise<number> {
    return this.labels.voidActive({ batchId }, { reason, at }, manager);
  }

  /** One label by its serial, for modules that act on a label they were handed (the scan alarms). */
  findBySerial(serial: string): Promise<Label | null> {
    return this.labels.findBySerial(serial);
  }

  /** Adds the scans the resolver counted to their labels, inside the caller's transaction (the scan counter's flush). */
  addScans(manager: EntityManager, scans: readonly LabelScans[]): Promise<void> {
    return this.labels.addScans(manager, scans);
  }

  /** How many labels were ever printed for a batch, voided ones included. */
  countOfBatch(batchId: string): Promise<number> {
    return this.labels.countOfBatch(batchId);
  }

  /** A label with everything printed on it, for the single-label image. */
  async context(actor: Actor, serial: string): Promise<LabelContext> {
    const label = await this.labels.findBySerial(serial);
    if (!label) throw NotFoundError.of('Label', serial);
    if (actor.role !== 'admin' && cooperativeScope(actor) !== label.cooperativeId)
      throw new ForbiddenError(message('labels.otherCooperative'));
    const batch = await this.batches.findAccessible(actor, label.batchId);
    const [product, cooperative] = await Promise.all([
      this.products.findOrFail(batch.productId),
      this.cooperatives.findOrFail(batch.cooperativeId),
    ]);
    return { label, batch, product, cooperative, url: labelUrl(this.server.PUBLIC_BASE_URL, product.gtin, batch.lotCode, label.serial) };
  }

  private async urlBuilders(batchIds: string[]): Promise<Map<string, (serial: string) => string>> {
    const out = new Map<string, (serial: string) => string>();
    if (!batchIds.length) return out;
    const lots = await this.batches.lotsOf(batchIds);
    const products = await this.products.findByIds([...new Set(lots.map((l) => l.productId))]);
    for (const lot of lots) {
      const product = products.find((p) => p.id === lot.productId);
      // As the join it replaces: a batch whose product is gone has no URL builder.
      if (!product) continue;
      out.set(lot.id, (serial) => labelUrl(this.server.PUBLIC_BASE_URL, product.gtin, lot.lotCode, serial));
    }
    return out;
  }
}
