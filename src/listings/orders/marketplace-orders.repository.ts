import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Page, PageQuery, paginate } from '../../common/http/pagination';
import { dialectOf } from '../../database/sql-dialect';
import type { Marketplace } from '../../marketplaces/marketplace';
import { ListingChannel } from '../listing-channel.entity';
import { Listing } from '../listing.entity';
import { MarketplaceOrderRejection } from './marketplace-order-rejection.entity';
import { MarketplaceOrder } from './marketplace-order.entity';
import { SqlRepository } from '../../database/sql-repository';

export interface OrderFilter {
  cooperativeId?: string;
  listingId?: string;
  marketplace?: Marketplace;
}

/**
 * The SQL of the order webhooks: `marketplace_orders`, `marketplace_order_rejections`, and the listing
 * rows an order draws its stock from (orders are part of the listings module, `listings/orders/`).
 */
@Injectable()
export class MarketplaceOrdersRepository extends SqlRepository {
  /** The orders drawn from a lot, oldest first. */
  ofBatch(batchId: string): Promise<MarketplaceOrder[]> {
    return this.dataSource.manager.find(MarketplaceOrder, { where: { batchId }, order: { orderedAt: 'ASC', id: 'ASC' } });
  }

  list(filter: OrderFilter, query: PageQuery): Promise<Page<MarketplaceOrder>> {
    return paginate(this.filtered(MarketplaceOrder, filter), query);
  }

  listRejections(filter: OrderFilter, query: PageQuery): Promise<Page<MarketplaceOrderRejection>> {
    return paginate(this.filtered(MarketplaceOrderRejection, filter), query);
  }

  private filtered<T extends MarketplaceOrder | MarketplaceOrderRejection>(entity: new () => T, filter: OrderFilter) {
    const qb = this.dataSource.getRepository<T>(entity).createQueryBuilder('o');
    if (filter.cooperativeId) qb.andWhere('o.cooperativeId = :cooperativeId', { cooperativeId: filter.cooperativeId });
    if (filter.listingId) qb.andWhere('o.listingId = :listingId', { listingId: filter.listingId });
    if (filter.marketplace) qb.andWhere('o.marketplace = :marketplace', { marketplace: filter.marketplace });
    return qb;
  }

  findListing(id: string): Promise<Listing | null> {
    return this.dataSource.manager.findOne(Listing, { where: { id } });
  }

  findListingBySku(sellerSku: string): Promise<Listing | null> {
    return this.dataSource.manager.findOne(Listing, { where: { sellerSku } });
  }

  /** The listing whose channel on this marketplace has this platform item id. */
  async findListingByItem(marketplace: Marketplace, externalId: string): Promise<Listing | null> {
    const channel = await this.dataSource.manager.findOne(ListingChannel, { where: { marketplace, externalId } });
    return channel ? this.findListing(channel.listingId) : null;
  }

  /** The listing with this seller SKU that has a channel on this marketplace. */
  findListingBySkuOn(marketplace: Marketplace, sellerSku: string): Promise<Listing | null> {
    return this.dataSource.manager
      .createQueryBuilder(Listing, 'l')
      .innerJoin(ListingChannel, 'c', 'c.listing_id = l.id AND c.marketplace = :marketplace', { marketplace })
      .where('l.sellerSku = :sellerSku', { sellerSku })
      .getOne();
  }

  /** Records an order line; a resend fails on the (marketplace, order, item) unique key. */
  insertOrder(manager: EntityManager, order: QueryDeepPartialEntity<MarketplaceOrder>): Promise<unknown> {
    return manager.insert(MarketplaceOrder, order);
  }

  markOversold(manager: EntityManager, orderId: string): Promise<unknown> {
    return manager.update(MarketplaceOrder, { id: orderId }, { oversold: true });
  }

  /** The listing's stock, read under a row lock (PostgreSQL; on SQLite the order's insert holds the write lock). */
  async lockStock(manager: EntityManager, listingId: string): Promise<number> {
    const dialect = dialectOf(manager);
    const [row] = await manager.query<{ stock: number | string }[]>(
      dialect.sql(`SELECT stock FROM listings WHERE id = ? ${dialect.rowLock('update')}`),
      [listingId],
    );
    return Number(row?.stock ?? 0);
  }

  /** Sets what is left in stock and moves the offer version, so every channel pushes the new stock. */
  async drawStock(manager: EntityManager, listingId: string, left: number, oversoldAt: Date | null, now: Date): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(Listing)
      .set({ stock: left, version: () => 'version + 1', updatedAt: now, ...(oversoldAt ? { oversoldAt } : {}) })
      .where('id = :id', { id: listingId })
      .execute();
  }

  channelsOf(manager: EntityManager, listingId: string): Promise<ListingChannel[]> {
    return manager.find(ListingChannel, { where: { listingId } });
  }

  /** Keeps a rejected line; a resend of a line already rejected fails on its unique key. */
  insertRejection(rejection: QueryDeepPartialEntity<MarketplaceOrderRejection>): Promise<unknown> {
    return this.dataSource.manager.insert(MarketplaceOrderRejection, rejection);
  }

  /** A line rejected earlier (its item not yet known) and now recorded is settled. */
  settleRejection(manager: EntityManager, marketplace: Marketplace, externalOrderId: string, externalItemId: string): Promise<unknown> {
    return manager.delete(MarketplaceOrderRejection, { marketplace, externalOrderId, externalItemId });
  }
}
