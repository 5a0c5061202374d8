import { Module } from '@nestjs/common';
import { BatchesModule } from '../../batches/batches.module';
import { MarketplacesModule } from '../../marketplaces/marketplaces.module';
import { MarketplaceOrdersController } from './marketplace-orders.controller';
import { MarketplaceOrdersRepository } from './marketplace-orders.repository';
import { MarketplaceOrdersService } from './marketplace-orders.service';
import { MarketplaceWebhookRoutes } from './marketplace-webhook.routes';

/** Orders the marketplaces push (signed webhooks), recorded once each and drawn from the listings' stock. */
@Module({
  imports: [MarketplacesModule, BatchesModule],
  controllers: [MarketplaceOrdersController],
  providers: [MarketplaceOrdersService, MarketplaceOrdersRepository, MarketplaceWebhookRoutes],
  // The recall lists the orders drawn from a lot.
  exports: [MarketplaceOrdersService],
})
export class MarketplaceOrdersModule {}
