import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { BatchesService } from '../../batches/batches.service';
import { assertManagesCooperative, cooperativeScope } from '../../common/auth/access-policy';
import type { Actor } from '../../common/auth/actor';
import { NotFoundError } from '../../common/errors/domain-errors';
import { isUniqueViolation } from '../../common/errors/unique-violation';
import { Page } from '../../common/http/pagination';
import { SyncConfig } from '../../config/sections';
import { Marketplace, PushedOrder } from '../../marketplaces/marketplace';
import { MetricsService } from '../../metrics/metrics.service';
import { Listing } from '../listing.entity';
import { writeSyncIntents } from '../sync/sync-intents';
import { ListMarketplaceOrdersQuery, MarketplaceOrderView } from './dto/marketplace-order.dto';
import { CheckedLine, checkOrderLine, mergeByItem, ORDER_LINE_LIMITS, RejectionCode } from './marketplace-order-lines';
import { MarketplaceOrder } from './marketplace-order.entity';
import { MarketplaceOrdersRepository } from './marketplace-orders.repository';
import { toOrderView, toRejectionView } from './marketplace-order.mapper';

export interface RecordedPush {
  recorded: number;
  replayed: number;
  /** Lines not recorded (bad values, or no listing of this marketplace): kept with the reason for the co-op. */
  rejected: number;
}

/**
 * Orders pushed by the marketplaces. Each line is recorded once, keyed by (marketplace, order id, item
 * id), so a resend changes nothing; it lowers the listing's stock, which then follows on every channel,
 * flags the line and the listing when it asked for more than the stock, and keeps the lot it drew from
 * so a recall can find the buyers. A line that cannot be recorded is kept as a rejection, never a 500.
 */
@Injectable()
export class MarketplaceOrdersService {
  private readonly logger = new Logger(MarketplaceOrdersService.name);

  constructor(
    private readonly orders: MarketplaceOrdersRepository,
    private readonly sync: SyncConfig,
    private readonly metrics: MetricsService,
    private readonly batches: BatchesService,
  ) {}

  /** The orders drawn from a lot, oldest first: what a recall must reach. */
  ofBatch(batchId: string): Promise<MarketplaceOrder[]> {
    return this.orders.ofBatch(batchId);
  }

  async record(marketplace: Marketplace, lines: PushedOrder[]): Promise<RecordedPush> {
    const outcome: RecordedPush = { recorded: 0, replayed: 0, rejected: 0 };
    const accepted: CheckedLine[] = [];
    for (const line of lines) {
      const check = checkOrderLine(line);
      if (check.ok) accepted.push(check.line);
      else {
        await this.reject(marketplace, line, 'invalid_line', check.reason);
        outcome.rejected++;
      }
    }
    for (const line of mergeByItem(accepted)) {
      const listing = await this.match(marketplace, line.externalId, line.sellerSku);
      if (!listing) {
        const reason = `no listing on ${marketplace} has item ${line.externalId ?? '-'} or seller SKU ${line.sellerSku ?? '-'}`;
        await this.reject(marketplace, pushed(line), 'unknown_item', reason);
        outcome.rejected++;
        continue;
      }
      try {
        await this.orders.transaction((manager) => this.insert(manager, marketplace, line, listing));
        outcome.recorded++;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        outcome.replayed++;
      }
    }
    return outcome;
  }

  /** Recorded lines (default) or rejected ones, of the caller's co-operative (admins: any, or all). */
  async list(actor: Actor, query: ListMarketplaceOrdersQuery): Promise<Page<MarketplaceOrderView>> {
    const cooperativeId = cooperativeScope(actor, query.cooperativeId);
    if (query.listingId) {
      const listing = await this.orders.findListing(query.listingId);
      if (!listing) throw NotFoundError.of('Listing', query.listingId);
      assertManagesCooperative(actor, listing.cooperativeId);
    }
    const filter = { cooperativeId, listingId: query.listingId, marketplace: query.marketplace };
    if (query.status === 'rejected') {
      const page = await this.orders.listRejections(filter, query);
      return { items: page.items.map(toRejectionView), nextCursor: page.nextCursor };
    }
    const page = await this.orders.list(filter, query);
    return { items: page.items.map(toOrderView), nextCursor: page.nextCursor };
  }

  private async insert(manager: EntityManager, marketplace: Marketplace, line: CheckedLine, listing: Listing): Promise<void> {
    const batch = listing.batchId ? await this.batches.findById(listing.batchId, manager) : null;
    const now = new Date();
    const id = randomUUID();
    // The insert comes first: a resend stops here on the unique key, and on SQLite it takes the write lock
    // before the stock is read.
    await this.orders.insertOrder(manager, {
      id,
      marketplace,
      externalOrderId: line.orderId,
      externalItemId: line.itemId,
      listingId: listing.id,
      cooperativeId: listing.cooperativeId,
      batchId: batch?.id ?? null,
      lotCode: batch?.lotCode ?? null,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      totalAmount: line.totalAmount,
      oversold: false,
      buyerRef: line.buyerRef,
      orderedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    const stock = await this.orders.lockStock(manager, listing.id);
    const oversold = line.quantity > stock;
    await this.orders.drawStock(manager, listing.id, Math.max(0, stock - line.quantity), oversold ? now : null, now);
    if (oversold) {
      await this.orders.markOversold(manager, id);
      this.logger.warn(
        `${marketplace} order ${line.orderId}: ${line.quantity} ordered of listing ${listing.id} with ${stock} in stock (oversold)`,
      );
    }
    // A line rejected earlier (its item not yet known) and now recorded is settled.
    await this.orders.settleRejection(manager, marketplace, line.orderId, line.itemId);
    const channels = await this.orders.channelsOf(manager, listing.id);
    const following = channels.filter((c) => c.status !== 'rejected' && c.status !== 'delisted').map((c) => c.marketplace);
    await writeSyncIntents(manager, listing.id, following, new Date(now.getTime() + this.sync.LISTING_UPDATE_DELAY_MS), true);
  }

  /**
   * The listing a line is for, on this marketplace only: by this platform's item id, else by the seller
   * SKU of a listing that has a channel on this platform (an item id or SKU of another platform's
   * channel is no match).
   */
  private async match(marketplace: Marketplace, externalId: string | null, sellerSku: string | null): Promise<Listing | null> {
    if (externalId) {
      const byItem = await this.orders.findListingByItem(marketplace, externalId);
      if (byItem) return byItem;
    }
    if (!sellerSku) return null;
    return this.orders.findListingBySkuOn(marketplace, sellerSku);
  }

  /** Keeps a line that cannot be recorded, for the co-op whose listing it names (else for the admin), and alerts once. */
  private async reject(marketplace: Marketplace, line: PushedOrder, code: RejectionCode, reason: string): Promise<void> {
    const { idLength } = ORDER_LINE_LIMITS;
    const safeId = (value: string | null) => (typeof value === 'string' && value.length <= idLength ? value : null);
    // Whose order it was, for who may see the rejection: this platform's match, else the listing its SKU names.
    const named =
      (await this.match(marketplace, safeId(line.externalId), safeId(line.sellerSku))) ??
      (safeId(line.sellerSku) ? await this.orders.findListingBySku(line.sellerSku!) : null);
    const now = new Date();
    try {
      await this.orders.insertRejection({
        id: randomUUID(),
        marketplace,
        externalOrderId: String(line.orderId ?? '').slice(0, idLength),
        externalItemId: String(line.externalId || line.sellerSku || '').slice(0, idLength),
        listingId: named?.id ?? null,
        cooperativeId: named?.cooperativeId ?? null,
        reason: reason.slice(0, 300),
        line: { ...line },
        createdAt: now,
        updatedAt: now,
      });
    } catch (error) {
      if (isUniqueViolation(error)) return; // a resend of a line already rejected: alerted the first time
      throw error;
    }
    this.metrics.orderLinesRejected.inc({ marketplace, reason: code });
    this.logger.warn(`${marketplace} order ${String(line.orderId).slice(0, idLength)}: line rejected, ${reason}`);
  }
}

/** A merged line back in the shape it was pushed in, to keep with its rejection. */
const pushed = (line: CheckedLine): PushedOrder => ({
  orderId: line.orderId,
  externalId: line.externalId,
  sellerSku: line.sellerSku,
  quantity: line.quantity,
  unitPrice: line.unitPrice,
  buyerRef: line.buyerRef,
});
