import { Injectable } from '@nestjs/common';
import { toBatchEventResponse, toBatchResponse } from '../batches/batch.mapper';
import { BatchesService } from '../batches/batches.service';
import type { BatchDetailResponse } from '../batches/dto/batch.dto';
import { ProductsService } from '../catalog/products.service';
import { toProductResponse } from '../catalog/dto/product.dto';
import type { Actor } from '../common/auth/actor';
import { CooperativesService } from '../registry/cooperatives.service';
import { toPlotResponse } from '../registry/dto/plot.dto';
import { PlotsService } from '../registry/plots.service';
import { toEpcisDocument } from './epcis-document';
import type { JsonValue } from './event-hash';

@Injectable()
export class EpcisService {
  constructor(
    private readonly batches: BatchesService,
    private readonly cooperatives: CooperativesService,
    private readonly products: ProductsService,
    private readonly plots: PlotsService,
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
    const batch = await this.batches.findById(batchId);
    if (!batch || batch.archivedAt) return null;
    const [product, cooperative, events, plot] = await Promise.all([
      this.products.findOrFail(batch.productId),
      this.cooperatives.findOrFail(batch.cooperativeId),
      this.batches.eventsOf(batchId),
      batch.plotId ? this.plots.findById(batch.plotId) : Promise.resolve(null),
    ]);
    const certifications = plot ? ((await this.plots.certificationsOf([plot.id])).get(plot.id) ?? []) : [];
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
