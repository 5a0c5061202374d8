import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Batch } from '../batches/batch.entity';
import { isUniqueViolation } from '../common/errors/unique-violation';
import { Environment } from '../config/environment';
import { Marketplace, PushedOrder } from '../marketplaces/marketplace';
import { ListingChannel } from './listing-channel.entity';
import { Listing } from './listing.entity';
import { MarketplaceOrder } from './marketplace-order.entity';
import { writeSyncIntents } from './sync-intents';

export interface RecordedPush {
  recorded: number;
  replayed: number;
  unknown: number;
}

/**
 * Orders pushed by the marketplaces. Each is one transaction, recorded once (the platform's order id
 * is unique; a replayed push changes nothing), lowers the listing's stock, which then follows on
 * every channel, and keeps the lot it drew from so a recall can find the buyers.
 */
@Injectable()
export class MarketplaceOrdersService {
  private readonly logger = new Logger(MarketplaceOrdersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly env: Environment,
  ) {}

  async record(marketplace: Marketplace, lines: PushedOrder[]): Promise<RecordedPush> {
    const outcome: RecordedPush = { recorded: 0, replayed: 0, unknown: 0 };
    for (const [index, line] of lines.entries()) {
      const channel = await this.dataSource.getRepository(ListingChannel).findOne({
        where: line.externalId ? { marketplace, externalId: line.externalId } : { marketplace, id: '00000000-0000-0000-0000-000000000000' },
      });
      const listing = channel
        ? await this.dataSource.getRepository(Listing).findOne({ where: { id: channel.listingId } })
        : line.sellerSku
          ? await this.dataSource.getRepository(Listing).findOne({ where: { sellerSku: line.sellerSku } })
          : null;
      if (!listing || line.quantity < 1) {
        outcome.unknown++;
        this.logger.warn(`${marketplace} order ${line.orderId}: no listing for item ${line.externalId ?? line.sellerSku ?? '?'}`);
        continue;
      }
      const batch = listing.batchId ? await this.dataSource.getRepository(Batch).findOne({ where: { id: listing.batchId } }) : null;
      const now = new Date();
      try {
        await this.dataSource.transaction(async (manager) => {
          await manager.insert(MarketplaceOrder, {
            id: randomUUID(),
            marketplace,
            externalOrderId: lines.length > 1 ? `${line.orderId}#${index + 1}` : line.orderId,
            listingId: listing.id,
            cooperativeId: listing.cooperativeId,
            batchId: batch?.id ?? null,
            lotCode: batch?.lotCode ?? null,
            quantity: line.quantity,
            totalAmount: Math.round(line.unitPrice * line.quantity),
            buyerRef: line.buyerRef?.slice(0, 100) ?? null,
            orderedAt: now,
            createdAt: now,
            updatedAt: now,
          });
          await manager
            .createQueryBuilder()
            .update(Listing)
            .set({
              stock: () => `CASE WHEN stock > ${line.quantity} THEN stock - ${line.quantity} ELSE 0 END`,
              version: () => 'version + 1',
              updatedAt: now,
            })
            .where('id = :id', { id: listing.id })
            .execute();
          const channels = await manager.find(ListingChannel, { where: { listingId: listing.id } });
          const following = channels.filter((c) => c.status !== 'rejected' && c.status !== 'delisted').map((c) => c.marketplace);
          await writeSyncIntents(manager, listing.id, following, new Date(now.getTime() + this.env.LISTING_UPDATE_DELAY_MS), true);
        });
        outcome.recorded++;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        outcome.replayed++;
      }
    }
    return outcome;
  }
}
