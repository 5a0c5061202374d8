import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BatchesModule } from '../batches/batches.module';
import { CatalogModule } from '../catalog/catalog.module';
import { ListingChannel } from './listing-channel.entity';
import { Listing } from './listing.entity';
import { ListingsController } from './listings.controller';
import { ListingsRepository } from './listings.repository';
import { ListingsService } from './listings.service';
import { MarketplaceOrdersModule } from './orders/marketplace-orders.module';

/**
 * Marketplace listings, the HTTP side: the listings API (writes the outbox, never waits on Redis) and,
 * in `orders/`, the order webhooks. The sync engine that empties the outbox is `sync/` (worker role).
 */
@Module({
  imports: [TypeOrmModule.forFeature([Listing, ListingChannel]), BatchesModule, CatalogModule, MarketplaceOrdersModule],
  controllers: [ListingsController],
  providers: [ListingsService, ListingsRepository],
  // The recall delists through ListingsService.remove.
  exports: [ListingsService],
})
export class ListingsModule {}
