import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, Not } from 'typeorm';
import { BatchEvent } from '../batches/batch-event.entity';
import { Batch } from '../batches/batch.entity';
import { BatchesService } from '../batches/batches.service';
import { Product } from '../catalog/product.entity';
import type { Actor } from '../common/auth/actor';
import { assertManagesCooperative } from '../common/auth/access-policy';
import { toCsv } from '../common/csv/csv-cell';
import { NotFoundError } from '../common/errors/domain-errors';
import { Label } from '../labels/label.entity';
import { Listing } from '../listings/listing.entity';
import { ListingsService } from '../listings/listings.service';
import { MarketplaceOrder } from '../listings/orders/marketplace-order.entity';
import { ChangeNotices } from '../redis/change-notices';
import { Cooperative } from '../registry/cooperative.entity';
import { Plot } from '../registry/plot.entity';
import { lockBatch } from './batch-lock';
import { RecallBatchDto, RecallResponse } from './dto/recall.dto';
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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly batches: BatchesService,
    private readonly listings: ListingsService,
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
      if (!(await lockBatch(manager, batchId, 'update'))) throw NotFoundError.of('Batch', batchId);
      const locked = await manager.findOneOrFail(Batch, { where: { id: batchId } });
      if (locked.status !== 'recalled') {
        await manager.update(Batch, { id: batchId }, { status: 'recalled', recallReason: reason, recalledAt: now, updatedAt: now });
        locked.status = 'recalled';
        locked.recallReason = reason;
        locked.recalledAt = now;
      }
      const result = await manager
        .createQueryBuilder()
        .update(Label)
        .set({ status: 'voided', voidReason: locked.recallReason ?? reason, voidedAt: now, updatedAt: now })
        .where('batch_id = :batchId AND status = :active', { batchId, active: 'active' })
        .execute();
      return { batch: locked, voided: result.affected ?? 0 };
    });
    // Every label of the batch must scan as voided on the very next scan, in every process.
    await this.notices.publish({ kind: 'batch', id: batchId });

    const drawing = await this.dataSource.getRepository(Listing).find({ where: { batchId }, order: { createdAt: 'ASC' } });
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
    const [total, orders] = await Promise.all([
      this.dataSource.getRepository(Label).count({ where: { batchId } }),
      this.dataSource.getRepository(MarketplaceOrder).find({ where: { batchId }, order: { orderedAt: 'ASC', id: 'ASC' } }),
    ]);
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
    const manager = this.dataSource.manager;
    const [product, cooperative, plot, events, orders] = await Promise.all([
      manager.findOne(Product, { where: { id: batch.productId } }),
      manager.findOne(Cooperative, { where: { id: batch.cooperativeId } }),
      batch.plotId ? manager.findOne(Plot, { where: { id: batch.plotId } }) : Promise.resolve(null),
      manager.find(BatchEvent, {
        where: { batchId, bizStep: Not(In(['planting', 'fertilizing', 'spraying'])) },
        order: { occurredAt: 'ASC' },
      }),
      manager.find(MarketplaceOrder, { where: { batchId }, order: { orderedAt: 'ASC', id: 'ASC' } }),
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
