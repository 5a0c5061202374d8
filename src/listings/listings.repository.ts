import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Page, PageQuery, paginate } from '../common/http/pagination';
import type { Marketplace } from '../marketplaces/marketplace';
import { ListingChannel } from './listing-channel.entity';
import { Listing } from './listing.entity';
import { SqlRepository } from '../database/sql-repository';

/** What a channel is reset to when it starts afresh (no item on its platform yet). */
export type FreshChannel = Pick<
  ListingChannel,
  | 'status'
  | 'externalId'
  | 'reviewRef'
  | 'attempts'
  | 'createCalls'
  | 'lastError'
  | 'syncedAt'
  | 'syncedVersion'
  | 'syncedContentVersion'
  | 'leaseUntil'
  | 'updatedAt'
>;

/** The SQL of `listings` and `listing_channels` for the HTTP side (the sync engine has its own channel store). */
@Injectable()
export class ListingsRepository extends SqlRepository {
  findById(id: string, manager?: EntityManager): Promise<Listing | null> {
    return this.manager(manager).findOne(Listing, { where: { id } });
  }

  /** Every listing drawing on a lot, oldest first. */
  drawingOn(batchId: string): Promise<Listing[]> {
    return this.dataSource.manager.find(Listing, { where: { batchId }, order: { createdAt: 'ASC' } });
  }

  list(filter: { cooperativeId?: string; productId?: string }, query: PageQuery): Promise<Page<Listing>> {
    const qb = this.dataSource.manager.createQueryBuilder(Listing, 'l');
    if (filter.cooperativeId) qb.andWhere('l.cooperativeId = :cooperativeId', { cooperativeId: filter.cooperativeId });
    if (filter.productId) qb.andWhere('l.productId = :productId', { productId: filter.productId });
    return paginate(qb, query);
  }

  async channelsOf(listingIds: string[], manager?: EntityManager): Promise<ListingChannel[]> {
    if (!listingIds.length) return [];
    return this.manager(manager).find(ListingChannel, {
      where: { listingId: listingIds.length === 1 ? listingIds[0] : In(listingIds) },
    });
  }

  channelOf(listingId: string, marketplace: Marketplace, manager?: EntityManager): Promise<ListingChannel | null> {
    return this.manager(manager).findOne(ListingChannel, { where: { listingId, marketplace } });
  }

  async insert(manager: EntityManager, listing: Listing, channels: ListingChannel[]): Promise<void> {
    await manager.insert(Listing, listing);
    if (channels.length) await manager.insert(ListingChannel, channels);
  }

  insertChannel(manager: EntityManager, channel: ListingChannel): Promise<unknown> {
    return manager.insert(ListingChannel, channel);
  }

  /** Writes an edit; the offer (price, stock) and the content (title, description) versions move apart. */
  async applyEdit(
    manager: EntityManager,
    id: string,
    changes: Partial<Pick<Listing, 'price' | 'stock' | 'title' | 'description'>>,
    bump: { offer: boolean; content: boolean },
    now: Date,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(Listing)
      .set({
        ...changes,
        ...(bump.offer ? { version: () => 'version + 1' } : {}),
        ...(bump.content ? { contentVersion: () => 'content_version + 1' } : {}),
        updatedAt: now,
      })
      .where('id = :id', { id })
      .execute();
  }

  update(manager: EntityManager, id: string, values: QueryDeepPartialEntity<Listing>): Promise<unknown> {
    return manager.update(Listing, { id }, values);
  }

  /** Puts a delisted listing back on sale under a new seller SKU; false when it was not delisted (any more). */
  async reopen(manager: EntityManager, id: string, sellerSku: string, now: Date): Promise<boolean> {
    const reopened = await manager
      .createQueryBuilder()
      .update(Listing)
      .set({ state: 'active', sellerSku, version: () => 'version + 1', updatedAt: now })
      .where('id = :id AND state = :state', { id, state: 'delisted' })
      .execute();
    return !!reopened.affected;
  }

  updateChannel(manager: EntityManager, channelId: string, values: QueryDeepPartialEntity<ListingChannel>): Promise<unknown> {
    return manager.update(ListingChannel, { id: channelId }, values);
  }

  /** Resets a channel only while it is still delisted: false when a concurrent add or a sync run moved it first. */
  async resetDelistedChannel(manager: EntityManager, channelId: string, fresh: FreshChannel): Promise<boolean> {
    const reset = await manager
      .createQueryBuilder()
      .update(ListingChannel)
      .set(fresh)
      .where('id = :id AND status = :status', { id: channelId, status: 'delisted' })
      .execute();
    return !!reset.affected;
  }
}
