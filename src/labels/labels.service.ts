import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import { Batch } from '../batches/batch.entity';
import { BatchesService } from '../batches/batches.service';
import { Product } from '../catalog/product.entity';
import type { Actor } from '../common/auth/actor';
import { assertManagesCooperative, assertOwnsHouseholdRecord, cooperativeScope } from '../common/auth/access-policy';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../common/errors/domain-errors';
import { Page, paginate } from '../common/http/pagination';
import { ServerConfig } from '../config/sections';
import { ChangeNotices } from '../redis/change-notices';
import { Cooperative } from '../registry/cooperative.entity';
import { LabelResponse, ListLabelsQuery, VoidLabelsDto } from './dto/label.dto';
import { LabelRun } from './label-run.entity';
import { Label } from './label.entity';
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
    @InjectRepository(Label) private readonly labels: Repository<Label>,
    @InjectRepository(LabelRun) private readonly runs: Repository<LabelRun>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly batches: BatchesService,
    private readonly server: ServerConfig,
    private readonly notices: ChangeNotices,
  ) {}

  async list(actor: Actor, query: ListLabelsQuery): Promise<Page<LabelResponse>> {
    if (!query.batchId && !query.labelRunId) throw InvalidInputError.field('batchId', message('labels.batchOrRun'));
    const qb = this.labels.createQueryBuilder('l');
    if (query.labelRunId) {
      const run = await this.runs.findOne({ where: { id: query.labelRunId } });
      if (!run) throw NotFoundError.of('Label run', query.labelRunId);
      assertOwnsHouseholdRecord(actor, await this.batches.findAccessible(actor, run.batchId));
      qb.andWhere('l.labelRunId = :runId', { runId: run.id });
    }
    if (query.batchId) {
      await this.batches.findAccessible(actor, query.batchId);
      qb.andWhere('l.batchId = :batchId', { batchId: query.batchId });
    }
    const page = await paginate(qb, query);
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
      const run = await this.runs.findOne({ where: { id: dto.labelRunId } });
      if (!run) throw NotFoundError.of('Label run', dto.labelRunId);
      cooperativeIds = [run.cooperativeId];
      runBatchId = run.batchId;
    } else {
      const serials = [...new Set(dto.serials)];
      const found = await this.labels.find({ where: { serial: In(serials) }, select: { serial: true, cooperativeId: true } });
      const missing = serials.filter((s) => !found.some((l) => l.serial === s));
      if (missing.length) {
        throw new NotFoundError(message('labels.unknownSerials', { serials: `${missing.slice(0, 20).join(', ')}${missing.length > 20 ? '…' : ''}` }), {
          errors: missing.slice(0, 100).map((s) => ({ field: 'serials', message: message('labels.unknownSerial', { serial: s }) })),
        });
      }
      cooperativeIds = [...new Set(found.map((l) => l.cooperativeId))];
    }
    for (const id of cooperativeIds) assertManagesCooperative(actor, id);
    const qb = this.dataSource
      .createQueryBuilder()
      .update(Label)
      .set({ status: 'voided', voidReason: reason, voidedAt: new Date(), updatedAt: new Date() })
      .where("status = 'active'");
    if (dto.labelRunId) qb.andWhere('label_run_id = :runId', { runId: dto.labelRunId });
    else qb.andWhere('serial IN (:...serials)', { serials: dto.serials });
    const result = await qb.execute();
    // A voided label must scan as voided on the very next scan, in every process.
    if (runBatchId) {
      await this.notices.publish({ kind: 'batch', id: runBatchId });
    } else {
      await this.notices.publish({ kind: 'labels', serials: dto.serials! });
    }
    return { voided: result.affected ?? 0 };
  }

  /** A label with everything printed on it, for the single-label image. */
  async context(actor: Actor, serial: string): Promise<LabelContext> {
    const label = await this.labels.findOne({ where: { serial } });
    if (!label) throw NotFoundError.of('Label', serial);
    if (actor.role !== 'admin' && cooperativeScope(actor) !== label.cooperativeId)
      throw new ForbiddenError(message('labels.otherCooperative'));
    const batch = await this.batches.findAccessible(actor, label.batchId);
    const [product, cooperative] = await Promise.all([
      this.dataSource.getRepository(Product).findOneByOrFail({ id: batch.productId }),
      this.dataSource.getRepository(Cooperative).findOneByOrFail({ id: batch.cooperativeId }),
    ]);
    return { label, batch, product, cooperative, url: labelUrl(this.server.PUBLIC_BASE_URL, product.gtin, batch.lotCode, label.serial) };
  }

  private async urlBuilders(batchIds: string[]): Promise<Map<string, (serial: string) => string>> {
    const out = new Map<string, (serial: string) => string>();
    if (!batchIds.length) return out;
    const rows = await this.dataSource
      .getRepository(Batch)
      .createQueryBuilder('b')
      .innerJoin(Product, 'p', 'p.id = b.product_id')
      .select(['b.id AS id', 'b.lot_code AS lot', 'p.gtin AS gtin'])
      .where('b.id IN (:...ids)', { ids: batchIds })
      .getRawMany<{ id: string; lot: string; gtin: string | null }>();
    for (const row of rows) out.set(row.id, (serial) => labelUrl(this.server.PUBLIC_BASE_URL, row.gtin, row.lot, serial));
    return out;
  }
}
