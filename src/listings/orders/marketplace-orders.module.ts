import { Module } from '@nestjs/common';
import { MarketplacesModule } from '../../marketplaces/marketplaces.module';
import { MarketplaceOrdersController } from './marketplace-orders.controller';
import { MarketplaceOrdersService } from './marketplace-orders.service';
import { MarketplaceWebhookRoutes } from './marketplace-webhook.routes';

/** Orders the marketplaces push (signed webhooks), recorded once each and drawn from the listings' stock. */
@Module({
  imports: [MarketplacesModule],
  controllers: [MarketplaceOrdersController],
  providers: [MarketplaceOrdersService, MarketplaceWebhookRoutes],
})
export class MarketplaceOrdersModule {}
