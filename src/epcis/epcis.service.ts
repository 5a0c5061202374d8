import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BatchEvent } from '../batches/batch-event.entity';
import { Batch } from '../batches/batch.entity';
import { toBatchEventResponse, toBatchResponse } from '../batches/batch.mapper';
import { BatchesService } from '../batches/batches.service';
import type { BatchDetailResponse } from '../batches/dto/batch.dto';
import { Product } from '../catalog/product.entity';
import { toProductResponse } from '../catalog/dto/product.dto';
import type { Actor } from '../common/auth/actor';
import { CooperativesService } from '../registry/cooperatives.service';
import { toPlotResponse } from '../registry/dto/plot.dto';
import { PlotCertification } from '../registry/plot-certification.entity';
import { Plot } from '../registry/plot.entity';
import { toEpcisDocument } from './epcis-document';
import type { JsonValue } from './event-hash';

@Injectable()
export class EpcisService {
  constructor(
    private readonly batches: BatchesService,
    private readonly cooperatives: CooperativesService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** The batch's history as EPCIS 2.0 JSON-LD; same owners as GET /batches/:id. */
  async document(actor: Actor, batchId: string): Promise<Record<string, JsonValue>> {
    const detail = await this.batches.get(actor, batchId);
    const batch = await this.batches.findAccessible(actor, batchId);
    const cooperative = await this.cooperatives.findOrFail(batch.cooperativeId);
    return toEpcisDocument({
      batch: { ...detail, recallReason: batch.recallReason, recalledAt: batch.recalledAt?.toISOString() ?? null },
      cooperative: { id: cooperative.id, name: cooperative.name, gs1CompanyPrefix: cooperative.gs1CompanyPrefix },
    });
  }

  /**
   * The lot's public EPCIS document, the target of its labels' `gs1:traceability` link: the same events
   * without buyers, destinations, carriers or documents, and nothing of the household (names, phones,
   * notes never reach an EPCIS document). Null when no such batch.
   */
  async publicDocument(batchId: string): Promise<Record<string, JsonValue> | null> {
    const db = this.dataSource;
    const batch = await db.getRepository(Batch).findOne({ where: { id: batchId } });
    if (!batch || batch.archivedAt) return null;
    const [product, cooperative, events, plot] = await Promise.all([
      db.getRepository(Product).findOneByOrFail({ id: batch.productId }),
      this.cooperatives.findOrFail(batch.cooperativeId),
      db.getRepository(BatchEvent).find({ where: { batchId }, order: { occurredAt: 'ASC', createdAt: 'ASC' } }),
      batch.plotId ? db.getRepository(Plot).findOneBy({ id: batch.plotId }) : Promise.resolve(null),
    ]);
    const certifications = plot ? await db.getRepository(PlotCertification).find({ where: { plotId: plot.id } }) : [];
    const detail = {
      ...toBatchResponse(batch),
      product: toProductResponse(product),
      household: null,
      plot: plot ? toPlotResponse(plot, certifications) : null,
      events: events.map(toBatchEventResponse),
    } as unknown as BatchDetailResponse;
    return toEpcisDocument({
      batch: { ...detail, recallReason: batch.recallReason, recalledAt: batch.recalledAt?.toISOString() ?? null },
      cooperative: { id: cooperative.id, name: cooperative.name, gs1CompanyPrefix: cooperative.gs1CompanyPrefix },
      audience: 'public',
    });
  }
}
