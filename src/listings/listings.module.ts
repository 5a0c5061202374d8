import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Batch } from '../batches/batch.entity';
import { CatalogModule } from '../catalog/catalog.module';
import { MarketplacesModule } from '../marketplaces/marketplaces.module';
import { ListingChannel } from './listing-channel.entity';
import { Listing } from './listing.entity';
import { ListingsController } from './listings.controller';
import { ListingsService } from './listings.service';
import { MarketplaceOrderRejection } from './marketplace-order-rejection.entity';
import { MarketplaceOrder } from './marketplace-order.entity';
import { MarketplaceOrdersController } from './marketplace-orders.controller';
import { MarketplaceOrdersService } from './marketplace-orders.service';
import { MarketplaceWebhookRoutes } from './marketplace-webhook.routes';
import { QueueBoard } from './queue-board';
import { SYNC_QUEUES } from './sync.queue';

/** Marketplace listings, the HTTP side: listings API (writes the outbox, never waits on Redis), order webhooks, queue board. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Listing, ListingChannel, MarketplaceOrder, MarketplaceOrderRejection, Batch]),
    BullModule.registerQueue(...Object.values(SYNC_QUEUES).map((name) => ({ name }))),
    CatalogModule,
    MarketplacesModule,
  ],
  controllers: [ListingsController, MarketplaceOrdersController],
  providers: [ListingsService, MarketplaceOrdersService, MarketplaceWebhookRoutes, QueueBoard],
  // The recall delists through ListingsService.remove.
  exports: [ListingsService],
})
export class ListingsModule {}
