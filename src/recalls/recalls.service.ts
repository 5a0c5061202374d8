import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BatchEvent } from '../batches/batch-event.entity';
import { BatchesService } from '../batches/batches.service';
import { ProductsService } from '../catalog/products.service';
import type { Actor } from '../common/auth/actor';
import { assertManagesCooperative } from '../common/auth/access-policy';
import { toCsv } from '../common/csv/csv-cell';
import { NotFoundError } from '../common/errors/domain-errors';
import { LabelsService } from '../labels/labels.service';
import { ListingsService } from '../listings/listings.service';
import { MarketplaceOrdersService } from '../listings/orders/marketplace-orders.service';
import { ChangeNotices } from '../redis/change-notices';
import { CooperativesService } from '../registry/cooperatives.service';
import { PlotsService } from '../registry/plots.service';
import { RecallBatchDto } from './dto/recall.dto';
import type { RecallResponse } from './recalls.contract';
import { FSMA_COLUMNS, FsmaRow, vietnamDateTime } from './fsma-csv';

const CTE_NAMES: Record<string, string> = {
  harvesting: 'Harvesting',
  packing: 'Initial Packing',
  inspecting: 'Inspecting',
  shipping: 'Shipping',
  receiving: 'Receiving',
};

@Injectable()
export class RecallsService {
  private readonly logger = new Logger(RecallsService.name);

  constructor(
    // Only for the transaction: the recall's writes belong to batches and labels, and go through them.
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly batches: BatchesService,
    private readonly labels: LabelsService,
    private readonly listings: ListingsService,
    private readonly orders: MarketplaceOrdersService,
    private readonly products: ProductsService,
    private readonly cooperatives: CooperativesService,
    private readonly plots: PlotsService,
    private readonly notices: ChangeNotices,
  ) {}

  /**
   * Recalls a batch: the batch and every active label of it are marked in one transaction (so no scan sees one
   * without the other), every process drops its cached view, then every listing drawing on the lot is delisted
   * on every marketplace through the listings outbox. Calling it again is safe: it re-delists what is still listed.
   */
  async recall(actor: Actor, batchId: string, dto: RecallBatchDto): Promise<RecallResponse> {
    const found = await this.batches.findAccessible(actor, batchId);
    assertManagesCooperative(actor, found.cooperativeId);
    const reason = dto.reason.trim();
    const now = new Date();
    const { batch, voided } = await this.dataSource.transaction(async (manager) => {
      // Label runs and listings being created from the batch hold its row in share mode: the recall waits
      // for them to commit (and then voids or delists what they made), or they wait and see `recalled`.
      const locked = await this.batches.markRecalled(manager, batchId, reason, now);
      if (!locked) throw NotFoundError.of('Batch', batchId);
      const voided = await this.labels.voidAllOfBatch(manager, batchId, locked.recallReason ?? reason, now);
      return { batch: locked, voided };
    });
    // Every label of the batch must scan as voided on the very next scan, in every process.
    await this.notices.publish({ kind: 'batch', id: batchId });

    const drawing = await this.listings.drawingOn(batchId);
    const listings: RecallResponse['listings'] = [];
    for (const listing of drawing) {
      const delisted = await this.listings.remove(actor, listing.id);
      listings.push({
        id: listing.id,
        title: listing.title,
        sellerSku: listing.sellerSku,
        channels: delisted.channels.map((c) => ({ marketplace: c.marketplace, status: c.status })),
      });
    }
    const [total, orders] = await Promise.all([this.labels.countOfBatch(batchId), this.orders.ofBatch(batchId)]);
    this.logger.log(
      `Batch ${batch.lotCode} recalled: ${voided} labels voided, ${listings.length} listings delisted, ${orders.length} orders`,
    );
    return {
      batchId,
      lotCode: batch.lotCode,
      status: 'recalled',
      reason: batch.recallReason ?? reason,
      recalledAt: (batch.recalledAt ?? now).toISOString(),
      labels: { total, voided },
      listings,
      orders: orders.map((o) => ({
        id: o.id,
        marketplace: o.marketplace,
        externalOrderId: o.externalOrderId,
        quantity: o.quantity,
        orderedAt: o.orderedAt.toISOString(),
        buyerRef: o.buyerRef,
      })),
    };
  }

  /** FSMA 204 sortable spreadsheet of the lot: its critical tracking events, then where it went. Same owners as the batch. */
  async traceCsv(actor: Actor, batchId: string): Promise<{ lotCode: string; csv: string }> {
    const batch = await this.batches.findAccessible(actor, batchId);
    const [product, cooperative, plot, events, orders] = await Promise.all([
      this.products.findById(batch.productId),
      this.cooperatives.findById(batch.cooperativeId),
      batch.plotId ? this.plots.findById(batch.plotId) : Promise.resolve(null),
      this.batches.trackingEventsOf(batchId),
      this.orders.ofBatch(batchId),
    ]);
    const productName = [product?.name, product?.variety].filter(Boolean).join(' ');
    const coopName = cooperative?.name ?? '';
    const farm = plot ? `Growing area ${plot.code} (${Number(plot.latitude)}, ${Number(plot.longitude)})` : coopName;
    const lotSource = plot ? `Growing area ${plot.code}, ${coopName}` : coopName;
    const base = { 'Traceability Lot Code': batch.lotCode, 'Product Description': productName, 'Traceability Lot Code Source': lotSource };
    const rows: (FsmaRow & { at: number })[] = [];
    // Buyer references identify marketplace customers: the co-op's managers need them for a recall, a farmer does not.
    const showBuyers = actor.role !== 'farmer';
    const text = (d: Record<string, unknown> | null, k: string): string | null =>
      typeof d?.[k] === 'string' || typeof d?.[k] === 'number' ? String(d[k]) : null;

    const harvestAt = events.find((e) => e.bizStep === 'harvesting')?.occurredAt ?? batch.harvestedAt;
    if (!events.some((e) => e.bizStep === 'harvesting'))
      events.unshift({ id: batch.id, bizStep: 'harvesting', occurredAt: harvestAt, details: null } as BatchEvent);
    for (const e of events) {
      const { date, time } = vietnamDateTime(e.occurredAt);
      const packingHouse = text(e.details, 'packingHouseCode');
      const location = packingHouse ? `Packing house ${packingHouse}` : e.bizStep === 'harvesting' ? farm : coopName;
      rows.push({
        ...base,
        Quantity: typeof e.details?.quantity === 'number' ? e.details.quantity : Number(batch.quantity),
        'Unit of Measure': text(e.details, 'unit') ?? batch.unit,
        'Critical Tracking Event': CTE_NAMES[e.bizStep] ?? e.bizStep,
        'Event Date': date,
        'Event Time': time,
        'Location Description': location,
        'Location Identifier': packingHouse ?? (e.bizStep === 'harvesting' && plot ? plot.code : batch.cooperativeId),
        'Immediate Previous Source': e.bizStep === 'receiving' ? (text(e.details, 'source') ?? text(e.details, 'origin')) : null,
        'Immediate Subsequent Recipient': e.bizStep === 'shipping' ? text(e.details, 'destination') : null,
        'Reference Document Type': text(e.details, 'referenceDocument')
          ? e.bizStep === 'shipping'
            ? 'Bill of lading'
            : 'Reference'
          : null,
        'Reference Document Number': text(e.details, 'referenceDocument'),
        'Record ID': e.id,
        at: e.occurredAt.getTime(),
      });
    }
    for (const o of orders) {
      const { date, time } = vietnamDateTime(o.orderedAt);
      rows.push({
        ...base,
        Quantity: o.quantity,
        'Unit of Measure': product?.unit ?? 'unit',
        'Critical Tracking Event': 'Shipping (marketplace order)',
        'Event Date': date,
        'Event Time': time,
        'Location Description': coopName,
        'Location Identifier': batch.cooperativeId,
        'Immediate Previous Source': null,
        'Immediate Subsequent Recipient': `${o.marketplace} buyer${showBuyers && o.buyerRef ? ` ${o.buyerRef}` : ''}`,
        'Reference Document Type': `${o.marketplace} order`,
        'Reference Document Number': o.externalOrderId,
        'Record ID': o.id,
        at: o.orderedAt.getTime(),
      });
    }
    rows.sort((a, b) => a.at - b.at);
    return { lotCode: batch.lotCode, csv: toCsv(FSMA_COLUMNS, rows) };
  }
}
